import { isTrivial, toRe2 } from './re2';

/** Smithy (Java/ECMA) patterns → RE2, exactly or not at all. The API server compiles the results (test/integration/all-crds.test.ts). */
const re2 = (p: string) => {
  const r = toRe2(p);
  if (!('re2' in r)) throw new Error(`refused ${p}: ${r.reason}`);
  return r.re2;
};
const reason = (p: string) => {
  const r = toRe2(p);
  if (!('reason' in r)) throw new Error(`translated ${p} to ${r.re2}`);
  return r.reason;
};
/** Matches as the API server would (RE2 is a subset of JS syntax once \x{..} and (?P<..>) are spelled back). */
const matchesLikeGo = (p: string, s: string) =>
  new RegExp(re2(p).replace(/\\x\{([0-9A-F]+)\}/gi, (_, h: string) => `\\u{${h}}`).replace(/\(\?P</g, '(?<').replace(/\[\[:alnum:\]\]|\[:alnum:\]/g, (m) => (m.startsWith('[[') ? '[a-zA-Z0-9]' : 'a-zA-Z0-9')), 'u').test(s);

describe('toRe2', () => {
  it('keeps what both engines read alike', () => {
    expect(re2('^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}')).toBe('^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}');
    expect(re2('^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$')).toBe('^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$');
    expect(re2('^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$')).toBe('^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
  });

  it('spells out what differs: dot, \\s, \\S, \\u, named groups, POSIX classes', () => {
    expect(re2('^.+$')).toBe('^[^\\n\\r\\x{85}\\x{2028}\\x{2029}]+$');
    expect(re2('^\\s\\S$')).toBe('^[\\t\\n\\x0B\\f\\r ][^\\t\\n\\x0B\\f\\r ]$');
    expect(re2('^[\\s\\S]*$')).toBe('^[\\x{0}-\\x{10FFFF}]*$');
    expect(re2('^[a\\S]+$')).toBe('^(?:[a]|[^\\t\\n\\x0B\\f\\r ])+$');
    expect(re2('^[\\u0020-\\u007E]+$')).toBe('^[\\x{0020}-\\x{007E}]+$');
    expect(re2('^(?<year>\\d{4})$')).toBe('^(?P<year>\\d{4})$');
    expect(re2('^[\\p{Alnum}_]+\\P{Punct}$')).toBe('^[[:alnum:]_]+[[:^punct:]]$');
  });

  it('states a whole-string repeat beyond 1000 as a star plus length bounds', () => {
    expect(toRe2('^.{1,2048}$')).toEqual({ re2: '^[^\\n\\r\\x{85}\\x{2028}\\x{2029}]*$', length: { min: 1, max: 2048 } });
    expect(toRe2('^[\\s\\S]{4096}$')).toEqual({ re2: '^[\\x{0}-\\x{10FFFF}]*$', length: { min: 4096, max: 4096 } });
  });

  it.each([
    ['^(?!aws:).*$', 'lookahead'],
    ['^[a-z]*(?<!\\.)$', 'lookbehind'],
    ['^(a)\\1$', 'backreference'],
    ['^[0-9]{2}+$', 'possessive'],
    ['^(?>a+)$', 'atomic'],
    ['^arn:.{0,1023}:x$', "over RE2's 1000"],
    ['^(?s).+$', 'inline flags'],
    ['^[\\uD800-\\uDBFF]$', 'surrogate'],
    ['^[a-z&&[^aeiou]]$', 'class intersection'],
    ['^[[:alpha:]]$', 'nested class'],
    ['^\\A[a-z]\\z$', 'differs between the engines'],
    ['^\\p{IsAlphabetic}$', 'neither a Unicode general category nor a POSIX class'],
    ['^[^\\S]$', 'negated'],
    ['^[]a]$', 'empty class'],
  ])('refuses %s (%s)', (p, why) => {
    expect(reason(p)).toContain(why);
  });

  it('admits and refuses the same strings as the original, on a sample', () => {
    const p = '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}';
    expect(matchesLikeGo(p, 'xgboost-abalone')).toBe(true);
    expect(matchesLikeGo(p, 'Bad_Name!')).toBe(true); // unanchored at the end: the prefix "Bad" matches, as in AWS
    expect(matchesLikeGo('^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$', 'Bad_Name!')).toBe(false);
    expect(matchesLikeGo('^.+$', 'a\u2028b')).toBe(false);
    expect(matchesLikeGo('^.+$', 'a\tb')).toBe(true);
    expect(matchesLikeGo('^\\s$', '\u000b')).toBe(true);
  });

  it('knows patterns that constrain nothing', () => {
    expect(['.*', '^.*', '.*$', '[\\s\\S]*'].every(isTrivial)).toBe(true);
    expect(['^.*$', '.+', '^a.*'].some(isTrivial)).toBe(false);
  });
});
