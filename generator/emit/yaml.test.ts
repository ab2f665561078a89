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

  it('writes multi-line text as a block literal', () => {
    const text = 'First paragraph.\n\nSecond: with colon # and hash.';
    expect(toYamlDocument({ d: text })).toBe(`d: |-\n  First paragraph.\n\n  Second: with colon # and hash.\n`);
    roundTrip({ deep: { list: [{ description: text }] } });
  });

  it('quotes multi-line text that a block would change', () => {
    roundTrip({ a: 'trailing \nspace', b: '  indented\nline', c: 'ends\n', d: 'tab\there\nx' });
  });
});
