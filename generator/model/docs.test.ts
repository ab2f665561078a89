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
