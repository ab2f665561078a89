import { htmlToText } from './docs';

describe('htmlToText', () => {
  it('turns paragraphs into blank-line separated text', () => {
    expect(htmlToText('<p>The name of the job.</p>\n     <p>Second   one.</p>')).toBe('The name of the job.\n\nSecond one.');
  });
  it('turns list items into dashes and drops tags', () => {
    expect(htmlToText('<p>Either:</p><ul><li><p><code>File</code> mode</p></li><li>Pipe</li></ul>')).toBe(
      'Either:\n\n- File mode\n\n- Pipe',
    );
  });
  it('decodes entities and drops comments', () => {
    expect(htmlToText('a &lt; b &amp;&amp; c &#39;d&#39; <!-- hidden -->&#x41;')).toBe("a < b && c 'd' A");
  });
  it('returns empty text for empty docs', () => {
    expect(htmlToText('')).toBe('');
  });
});

describe('control characters in AWS docs', () => {
  it('turns Windows-1252 C1 characters back into text and drops other controls', () => {
    expect(htmlToText('<p>2024\u00962025 \u0093quoted\u0094\u0001 bell\u0007</p>')).toBe('2024–2025 “quoted” bell');
    expect(htmlToText('a &#150; b &#1; c')).toBe('a – b  c');
  });
});
