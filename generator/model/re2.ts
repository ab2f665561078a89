/**
 * A Smithy @pattern as the API server's regular expressions (Go's regexp, RE2 syntax) can state it,
 * or why it cannot. Smithy calls its patterns ECMA 262, but AWS's are written for the Java services
 * that enforce them (`\p{L}`, `[\s\S]`), and on what AWS models use, the two agree. The translation
 * is exact or refused, never looser or stricter by accident, so admission refuses only what AWS
 * would refuse:
 *
 * - `.` excludes line terminators in Java/ECMA but only `\n` in RE2: spelled out as a class.
 * - `\s` is `[ \t\n\x0B\f\r]` in Java; RE2's `\s` lacks `\x0B`: spelled out.
 * - `\uXXXX` becomes `\x{XXXX}`; `(?<name>` becomes `(?P<name>`; `\p{..}` must be a Unicode category.
 * - Refused: lookaround, backreferences, possessive quantifiers and atomic groups (RE2 has none),
 *   repeat counts over 1000 (RE2's limit), inline flags, surrogate escapes, class intersections and
 *   nested classes, and escapes whose meaning differs between the engines.
 *
 * Characters outside the Basic Multilingual Plane count as two in ECMA/Java and one in RE2; like the
 * API server's maxLength (code points), the pattern counts them once.
 */

/**
 * `length`: a whole-pattern repeat beyond RE2's limit (`^.{1,2048}$`) becomes `^.*$` plus these
 * length bounds, which the schema states with minLength/maxLength instead.
 */
export type Re2Result = { readonly re2: string; readonly length?: { readonly min: number; readonly max?: number } } | { readonly reason: string };

const LINE_TERMINATORS = '\\n\\r\\x{85}\\x{2028}\\x{2029}';
const SPACE = '\\t\\n\\x0B\\f\\r ';
/** Unicode general categories Go's regexp knows (`\p{L}`, `\pN`). */
const CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);
/** Java's POSIX classes (`\p{Alnum}`, ASCII-only), which RE2 spells `[[:alnum:]]`. */
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'lower', Upper: 'upper', ASCII: 'ascii', Alpha: 'alpha', Digit: 'digit', Alnum: 'alnum', Punct: 'punct',
  Graph: 'graph', Print: 'print', Blank: 'blank', Cntrl: 'cntrl', XDigit: 'xdigit', Space: 'space',
};
const MAX_REPEAT = 1000;
/** Marks `\S` inside a class: RE2 cannot put a negated set inside a class, so the class becomes an alternation. */
const NOT_SPACE_IN_CLASS = '\u0000S';

class Refused extends Error {}
const refuse = (reason: string): never => {
  throw new Refused(reason);
};

const memo = new Map<string, Re2Result>();

/** A pattern every string matches (`.*`, `^.*`): no constraint, nothing to emit. */
export function isTrivial(pattern: string): boolean {
  const m = /^(\^?)(\.|\[\\s\\S\]|\[\\S\\s\])\*(\$?)$/.exec(pattern);
  return m !== null && !(m[1] && m[3]);
}

export function toRe2(pattern: string): Re2Result {
  const hit = memo.get(pattern);
  if (hit) return hit;
  let result: Re2Result;
  try {
    result = wholeRepeat(pattern) ?? { re2: translate(pattern) };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    result = { reason: e.message };
  }
  memo.set(pattern, result);
  return result;
}

/** `^X{m,n}$` with one character's worth of X and a count beyond RE2's limit: `^X*$`, length m..n. */
function wholeRepeat(p: string): Re2Result | undefined {
  const m = /^\^(\.|\\[sSdDwW]|\\p\{[A-Za-z]+\}|\[(?:[^\]\\[]|\\.)*\])\{(\d+)(?:,(\d*))?\}\$$/.exec(p);
  if (!m) return undefined;
  const min = Number(m[2]);
  const max = m[3] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
  if (min <= MAX_REPEAT && (max ?? 0) <= MAX_REPEAT) return undefined;
  return { re2: translate(`^${m[1]}*$`), length: { min, ...(max !== undefined ? { max } : {}) } };
}

function translate(p: string): string {
  let out = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      const [text, next] = escape(p, i, false);
      out += text;
      i = next;
    } else if (c === '[') {
      const [text, next] = charClass(p, i);
      out += text;
      i = next;
    } else if (c === '(') {
      const [text, next] = group(p, i);
      out += text;
      i = next;
    } else if (c === '.') {
      out += `[^${LINE_TERMINATORS}]`;
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
      if (m) {
        if (Number(m[1]) > MAX_REPEAT || (m[3] !== undefined && m[3] !== '' && Number(m[3]) > MAX_REPEAT)) {
          refuse(`repeat count ${m[0]} is over RE2's ${MAX_REPEAT}`);
        }
        out += m[0];
        i += m[0].length;
        if (p[i] === '+') refuse('possessive quantifier');
      } else {
        out += '\\{';
        i++;
      }
    } else if (c === '*' || c === '+' || c === '?') {
      out += c;
      i++;
      if (p[i] === '+') refuse('possessive quantifier');
    } else if (c === '}' || c === ']') {
      out += `\\${c}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function group(p: string, i: number): [string, number] {
  if (p[i + 1] !== '?') return ['(', i + 1];
  const rest = p.slice(i + 2);
  if (rest.startsWith(':')) return ['(?:', i + 3];
  if (rest.startsWith('=') || rest.startsWith('!')) refuse('lookahead');
  if (rest.startsWith('<=') || rest.startsWith('<!')) refuse('lookbehind');
  if (rest.startsWith('>')) refuse('atomic group');
  const named = /^<([A-Za-z][A-Za-z0-9]*)>/.exec(rest);
  if (named) return [`(?P<${named[1]}>`, i + 2 + named[0].length];
  return refuse('inline flags or an unknown group');
}

/** One escape at p[i] === '\\'; inside a character class when `inClass`. */
function escape(p: string, i: number, inClass: boolean): [string, number] {
  const e = p[i + 1];
  if (e === undefined) return refuse('a trailing backslash');
  switch (e) {
    case 'd': case 'D': case 'w': case 'W': case 't': case 'n': case 'r': case 'f': case 'v':
      return [`\\${e}`, i + 2];
    case 'b': case 'B':
      if (inClass) refuse('\\b inside a character class');
      return [`\\${e}`, i + 2];
    case 's':
      return [inClass ? SPACE : `[${SPACE}]`, i + 2];
    case 'S':
      return [inClass ? NOT_SPACE_IN_CLASS : `[^${SPACE}]`, i + 2];
    case '0':
      if (/[0-9]/.test(p[i + 2] ?? '')) refuse('an octal escape');
      return ['\\x00', i + 2];
    case 'x': {
      const m = /^[0-9A-Fa-f]{2}/.exec(p.slice(i + 2));
      if (!m) return refuse('a malformed \\x escape');
      return [`\\x${m[0]}`, i + 4];
    }
    case 'u': {
      const m = /^[0-9A-Fa-f]{4}/.exec(p.slice(i + 2));
      if (!m) return refuse('a malformed \\u escape');
      const code = parseInt(m[0], 16);
      if (code >= 0xd800 && code <= 0xdfff) refuse('a surrogate escape (UTF-16 code units have no RE2 equivalent)');
      return [`\\x{${m[0].toUpperCase()}}`, i + 6];
    }
    case 'p': case 'P': {
      const m = /^\{(\^?)([A-Za-z]+)\}|^([A-Za-z])/.exec(p.slice(i + 2));
      const name = m?.[2] ?? m?.[3];
      if (!m || !name || m[1]) return refuse(`a malformed \\${e} escape`);
      const posix = POSIX[name];
      if (posix) {
        const cls = `[:${e === 'P' ? '^' : ''}${posix}:]`;
        return [inClass ? cls : `[${cls}]`, i + 2 + m[0].length];
      }
      if (!CATEGORIES.has(name)) refuse(`\\${e}{${name}} is neither a Unicode general category nor a POSIX class`);
      return [`\\${e}{${name}}`, i + 2 + m[0].length];
    }
    default:
      if (/[1-9]/.test(e) || e === 'k') refuse('a backreference');
      if (/[A-Za-z0-9]/.test(e)) refuse(`\\${e}, whose meaning differs between the engines`);
      return [`\\${e}`, i + 2];
  }
}

/** A character class at p[i] === '['. */
function charClass(p: string, i: number): [string, number] {
  let j = i + 1;
  const negated = p[j] === '^';
  if (negated) j++;
  if (p[j] === ']') refuse('an empty class or a leading ] (read differently by the engines)');
  // [\s\S] and [\S\s]: any character at all, the common ECMA idiom.
  if (!negated && /^(\\s\\S|\\S\\s)\]/.test(p.slice(j))) return ['[\\x{0}-\\x{10FFFF}]', j + 5];
  let body = '';
  while (j < p.length && p[j] !== ']') {
    const c = p[j]!;
    if (c === '\\') {
      const [text, next] = escape(p, j, true);
      body += text;
      j = next;
    } else if (c === '[') {
      refuse('a nested class, POSIX class or class operation');
    } else if (c === '&' && p[j + 1] === '&') {
      refuse('a class intersection');
    } else {
      body += c;
      j++;
    }
  }
  if (j >= p.length) refuse('an unterminated character class');
  if (body.includes(NOT_SPACE_IN_CLASS)) {
    // [A\S] is A or a non-space: (?:[A]|[^\s]). A negated one would be a set difference.
    if (negated) refuse('\\S inside a negated character class');
    const rest = body.split(NOT_SPACE_IN_CLASS).join('');
    return [rest ? `(?:[${rest}]|[^${SPACE}])` : `[^${SPACE}]`, j + 1];
  }
  return [`[${negated ? '^' : ''}${body}]`, j + 1];
}
