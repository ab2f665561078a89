import { parse } from 'yaml';
import { toYamlDocument } from './yaml';

describe('toYamlDocument', () => {
  const roundTrip = (v: Record<string, unknown>) => expect(parse(toYamlDocument(v as never))).toEqual(v);

  it('writes nested maps and lists that read back the same', () => {
    roundTrip({ a: { b: [1, 'two', { c: true, d: [] }], e: {} }, f: [[1, 2], []] });
  });

  it('quotes strings YAML would read otherwise', () => {
    for (const s of ['true', 'no', '1.5', '123', '', ' lead', 'a: b', 'x #y', '@a', '*', '- x', '{', 'ok.value', '.5', '.inf', '.metadata.name', 'self == oldSelf', '.status.conditions[?(@.type=="ACK.ResourceSynced")].status']) {
      roundTrip({ s });
    }
  });

  it('quotes a string ending in a colon, which Go and PyYAML read as a mapping key (a SageMaker doc ends "Valid values:")', () => {
    expect(toYamlDocument({ description: 'Valid values:' })).toBe('description: "Valid values:"\n');
    roundTrip({ s: 'Valid values:' });
  });

  it('writes multi-line text as a block literal', () => {
    const text = 'First paragraph.\n\nSecond: with colon # and hash.';
    expect(toYamlDocument({ d: text })).toBe(`d: |-\n  First paragraph.\n\n  Second: with colon # and hash.\n`);
    roundTrip({ deep: { list: [{ description: text }] } });
  });

  it('quotes multi-line text that a block would change', () => {
    roundTrip({ a: 'trailing \nspace', b: '  indented\nline', c: 'ends\n', d: 'tab\there\nx' });
  });

  it('escapes what strict YAML parsers refuse: DEL, C1 controls, lone surrogates; never in a block literal', () => {
    const nasty = 'en\u0096dash, del\u007f, nel\u0085, c0\u0001, lone\ud800, ok \u00e9 \u{1F600}';
    const doc = toYamlDocument({ a: nasty, b: `two\nlines\u0096` });
    expect(doc).toContain('\\u0096');
    expect(doc).toContain('\\u007f');
    expect(doc).toContain('\\ud800');
    expect(doc).not.toMatch(/[\u007f-\u009f]/);
    expect(doc).not.toContain('|-');
    expect(parse(doc)).toEqual({ a: nasty, b: 'two\nlines\u0096' });
  });
});
