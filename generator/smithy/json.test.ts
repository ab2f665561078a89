import { findJsonError, lineColumn } from './json';

describe('findJsonError', () => {
  it('accepts valid JSON', () => {
    for (const ok of ['{}', '[]', '"a\\u00e9\\n"', '-1.5e+3', ' {"a": [true, false, null, {"b": 0}]} ']) {
      expect(findJsonError(ok)).toBeUndefined();
      expect(() => JSON.parse(ok)).not.toThrow();
    }
  });

  it('finds the offset of the first error', () => {
    expect(findJsonError('{"a" 1}')).toEqual({ offset: 5, message: "expected ':'" });
    expect(findJsonError('{"a": tru}')).toEqual({ offset: 9, message: 'unexpected "}"' });
    expect(findJsonError('"abc')).toEqual({ offset: 4, message: 'unexpected end of input' });
    expect(findJsonError('"a\\x"')).toEqual({ offset: 3, message: 'bad escape in string' });
    expect(findJsonError('"a\nb"')).toEqual({ offset: 2, message: 'control character in string' });
    expect(findJsonError('01')).toEqual({ offset: 1, message: 'unexpected text after the JSON value' });
  });

  it('lineColumn is 1-based', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
