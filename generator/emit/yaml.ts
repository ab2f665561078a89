/**
 * A small YAML writer for generated manifests: maps, lists, strings, numbers and
 * booleans, in insertion order. Strings are plain when YAML reads them back
 * as the same string, block literals when multi-line, JSON-quoted otherwise
 * (a JSON string is a valid YAML double-quoted scalar).
 */
type Value = string | number | boolean | null | readonly Value[] | { readonly [k: string]: Value | undefined };

const PLAIN = /^[A-Za-z_/.][A-Za-z0-9 _./:()@,+<>=-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~|\.inf|\.nan|\.[0-9].*)$/i;

/** What YAML may not carry unescaped (its c-printable set, as PyYAML checks it), newline aside. */
const NON_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NON_PRINTABLE_ALL = new RegExp(NON_PRINTABLE.source, 'gu');

function scalar(s: string): string {
  if (PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') && !s.endsWith(':') && !s.includes(': ') && !s.includes(' #')) return s;
  // JSON escapes C0 controls; YAML also wants DEL, C1 controls and lone surrogates escaped.
  return JSON.stringify(s).replace(NON_PRINTABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function blockOk(s: string): boolean {
  return s.includes('\n') && !/(^|\n)[ \t]/.test(s) && !/[ \t](\n|$)/.test(s) && !s.endsWith('\n') && !/\r/.test(s) && !NON_PRINTABLE.test(s.replace(/\n/g, ''));
}

function write(v: Value, indent: string, out: string[], inList: boolean): void {
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push(' []\n');
      return;
    }
    out.push('\n');
    for (const item of v as readonly Value[]) {
      out.push(`${indent}-`);
      writeInline(item, indent + '  ', out, true);
    }
    return;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined) as [string, Value][];
    if (entries.length === 0) {
      out.push(' {}\n');
      return;
    }
    if (!inList) out.push('\n');
    entries.forEach(([k, x], i) => {
      out.push(`${inList && i === 0 ? ' ' : indent}${scalar(k)}:`);
      writeInline(x, indent + '  ', out, false);
    });
    return;
  }
  writeInline(v, indent, out, inList);
}

function writeInline(v: Value, indent: string, out: string[], inList: boolean): void {
  if (typeof v === 'string') {
    if (blockOk(v)) out.push(` |-\n${v.split('\n').map((l) => (l ? indent + l : '')).join('\n')}\n`);
    else out.push(` ${scalar(v)}\n`);
  } else if (typeof v === 'number' || typeof v === 'boolean') out.push(` ${String(v)}\n`);
  else if (v === null) out.push(' null\n');
  else write(v, indent, out, inList);
}

export function toYamlDocument(v: { readonly [k: string]: Value | undefined }): string {
  const out: string[] = [];
  write(v, '', out, false);
  return out.join('').replace(/^\n/, '');
}
