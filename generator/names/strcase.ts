/**
 * The three functions of iancoleman/strcase v0.2.0 that ACK's names package uses,
 * byte for byte, quirks included: ASCII only, `_ - . space` dropped with the
 * next letter capitalised, a letter after a digit capitalised, other
 * characters dropped. ToLowerCamel lowers only the first character.
 */

const isUpper = (c: string) => c >= 'A' && c <= 'Z';
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isDigit = (c: string) => c >= '0' && c <= '9';
const isSeparator = (c: string) => c === '_' || c === ' ' || c === '-' || c === '.';

function toCamelInitCase(input: string, initCase: boolean): string {
  let s = input.trim();
  if (s === '') return s;
  if (s === 'ID') s = 'id';
  let out = '';
  let capNext = initCase;
  for (let i = 0; i < s.length; i++) {
    let c = s[i]!;
    const upper = isUpper(c);
    const lower = isLower(c);
    if (capNext) {
      if (lower) c = c.toUpperCase();
    } else if (i === 0 && upper) {
      c = c.toLowerCase();
    }
    if (upper || lower) {
      out += c;
      capNext = false;
    } else if (isDigit(c)) {
      out += c;
      capNext = true;
    } else {
      capNext = isSeparator(c);
    }
  }
  return out;
}

export const toCamel = (s: string): string => toCamelInitCase(s, true);
export const toLowerCamel = (s: string): string => toCamelInitCase(s, false);

/** strcase v0.2.0 ToSnake: `_` at each case or letter/digit change, acronym runs kept whole. */
export function toSnake(input: string): string {
  const s = input.trim();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const upper = isUpper(c);
    const lower = isLower(c);
    const digit = isDigit(c);
    const v = upper ? c.toLowerCase() : c;
    if (i + 1 < s.length) {
      const next = s[i + 1]!;
      const nextUpper = isUpper(next);
      const nextLower = isLower(next);
      const nextDigit = isDigit(next);
      if (
        (upper && (nextLower || nextDigit)) ||
        (lower && (nextUpper || nextDigit)) ||
        (digit && (nextUpper || nextLower))
      ) {
        if (upper && nextLower && i > 0 && isUpper(s[i - 1]!)) out += '_';
        out += v;
        if (lower || digit || nextDigit) out += '_';
        continue;
      }
    }
    out += isSeparator(c) ? '_' : v;
  }
  return out;
}
