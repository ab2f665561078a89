import { INITIALISMS, type Initialism } from './initialisms';

/**
 * ACK's normalizeInitialisms: walk the table in order and rewrite each
 * initialism to its upper form, or to its lower form when it starts a
 * lower-camel name; in snake mode to `_lower_`, then collapse and trim `_`.
 */
export function normalizeInitialisms(input: string, lowerFirst: boolean, snake: boolean): string {
  // Every rewrite keeps the letters (only case and `_` change), so one
  // lower-cased, `_`-free copy tells which entries can possibly match.
  const letters = foldCase(input);
  let result = input;
  for (const i of candidates(letters)) {
    const entry = INITIALISMS[i]!;
    result = entry.re
      ? applyPattern(result, entry, entry.re, lowerFirst, snake)
      : applyPlain(result, entry, lowerFirst, snake);
  }
  if (snake) result = trimUnderscores(result.replaceAll('__', '_'));
  return result;
}

const foldCase = (s: string) => {
  const l = s.toLowerCase();
  return l.includes('_') ? l.split('_').join('') : l;
};

// Table entries indexed by the first two letters of their folded form, so a
// name is checked against the few entries that can occur in it, not all 109.
const KEYS = INITIALISMS.map((e) => foldCase(e.camel));
const BY_BIGRAM: number[][] = [];
KEYS.forEach((key, i) => {
  const code = (key.charCodeAt(0) << 7) | key.charCodeAt(1);
  (BY_BIGRAM[code] ??= []).push(i);
});

/** Indexes of the entries whose folded form occurs in `letters`, in table order. */
function candidates(letters: string): number[] {
  const found: number[] = [];
  for (let p = 0; p + 1 < letters.length; p++) {
    const a = letters.charCodeAt(p);
    const b = letters.charCodeAt(p + 1);
    if (a > 127 || b > 127) continue;
    const entries = BY_BIGRAM[(a << 7) | b];
    if (entries === undefined) continue;
    for (const i of entries) {
      if (letters.startsWith(KEYS[i]!, p) && !found.includes(i)) found.push(i);
    }
  }
  return found.length > 1 ? found.sort((x, y) => x - y) : found;
}

function applyPlain(s: string, e: Initialism, lowerFirst: boolean, snake: boolean): string {
  if (snake) {
    // Only the lower and upper spellings are looked for here; the camel one is
    // left for ToSnake to split (ACK's behaviour, not a bug of this port).
    const wrapped = `_${e.lower}_`;
    const r = s.includes(e.lower) ? s.replaceAll(e.lower, wrapped) : s;
    return r.includes(e.upper) ? r.replaceAll(e.upper, wrapped) : r;
  }
  let r = s;
  if (lowerFirst && r.startsWith(e.upper)) r = e.lower + r.slice(e.upper.length);
  const pos = r.indexOf(e.camel);
  if (pos === -1) return r;
  if (pos === 0 && lowerFirst) r = e.lower + r.slice(e.camel.length);
  return r.replaceAll(e.camel, e.upper);
}

function applyPattern(s: string, e: Initialism, re: RegExp, lowerFirst: boolean, snake: boolean): string {
  re.lastIndex = 0;
  const first = re.exec(s);
  if (!first) return s;
  let r = s;
  let from = first.index;
  if (lowerFirst && from === 0) {
    r = e.lower + s.slice(first[0].length);
    // regexp2's FindNextMatch continues in the string as it was before the
    // replacement; every lower form has its camel form's length, so the
    // index stays valid in `r`.
    const next = re.exec(s);
    if (!next) return r;
    from = next.index;
  }
  return replaceFrom(r, re, snake ? `_${e.lower}_` : e.upper, from);
}

/** Replace every match of a global `re` found at or after `from`. */
function replaceFrom(s: string, re: RegExp, replacement: string, from: number): string {
  re.lastIndex = from;
  let out = s.slice(0, from);
  let last = from;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out += s.slice(last, m.index) + replacement;
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return out + s.slice(last);
}

function trimUnderscores(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === '_') a++;
  while (b > a && s[b - 1] === '_') b--;
  return s.slice(a, b);
}
