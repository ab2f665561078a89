/**
 * Prints plain data (the runtime descriptors) as a TypeScript literal: single
 * quotes, bare identifier keys, in insertion order. Lists of scalars and objects
 * of scalars stay on one line when short; everything else gets a line per entry.
 */
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const WIDTH = 100;

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const key = (k: string) => (IDENT.test(k) ? k : quote(k));
const isScalar = (v: unknown) => v === null || typeof v !== 'object';
/** Scalars, and objects or lists holding only scalars: what may share one line. */
const isFlat = (v: unknown): boolean =>
  isScalar(v) || (Array.isArray(v) ? v.every(isScalar) : Object.values(v as object).every((x) => isScalar(x) || isFlat(x)));

export function tsLiteral(value: unknown, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') throw new Error(`cannot print ${typeof value} as a literal`);
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((v) => [undefined, v])
    : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;
  const item = ([k, v]: [string | undefined, unknown], inner: string) => (k === undefined ? '' : `${key(k)}: `) + tsLiteral(v, inner);
  if (isFlat(value)) {
    const pad = Array.isArray(value) ? '' : ' ';
    const flat = `${open}${pad}${entries.map((e) => item(e, '')).join(', ')}${pad}${close}`;
    if (flat.length + indent.length <= WIDTH) return flat;
  }
  const inner = indent + '  ';
  return `${open}\n${entries.map((e) => `${inner}${item(e, inner)},`).join('\n')}\n${indent}${close}`;
}
