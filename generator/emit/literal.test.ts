import { tsLiteral } from './literal';

describe('tsLiteral', () => {
  it('prints scalars, quoting strings safely', () => {
    expect(tsLiteral("it's a \\ path\n")).toBe("'it\\'s a \\\\ path\\n'");
    expect(tsLiteral(3)).toBe('3');
    expect(tsLiteral(true)).toBe('true');
    expect(tsLiteral(null)).toBe('null');
  });

  it('keeps short flat objects and lists on one line', () => {
    expect(tsLiteral({ sdk: 'RoleArn', json: 'roleARN', type: { list: 'string' } })).toBe("{ sdk: 'RoleArn', json: 'roleARN', type: { list: 'string' } }");
    expect(tsLiteral(['a', 'b'])).toBe("['a', 'b']");
    expect(tsLiteral({ 'not-ident': 1, x: [] })).toBe("{ 'not-ident': 1, x: [] }");
  });

  it('breaks nested or long values over lines, indented', () => {
    expect(tsLiteral({ a: [{ b: 1 }, { c: 2 }] })).toBe('{\n  a: [\n    { b: 1 },\n    { c: 2 },\n  ],\n}');
    const long = { text: 'x'.repeat(120) };
    expect(tsLiteral(long)).toBe(`{\n  text: '${'x'.repeat(120)}',\n}`);
  });

  it('reads back as the same value', () => {
    const v = { shapes: { A: [{ sdk: 'S3Uri', json: 's3URI', type: 'string', sensitive: true }] }, list: [1, 'two', null] };
    expect(new Function(`return ${tsLiteral(v)}`)()).toEqual(v);
  });
});
