/**
 * FieldExport's `spec.from.path`: ACK runs it as a jq expression (gojq) and keeps the first result.
 * This is the part of jq such paths use, parsed once and evaluated as a stream:
 *   `.`  `.a.b`  `."a-b"`  `.["a"]`  `.a[0]`  `.a[-1]`  `.a[]`  `.a?`  `p | q`
 *   `select(<path> == <literal>)` and `!=`, the literal a JSON string, number, boolean or null.
 * Anything else (functions, `..`, arithmetic) is refused with the column where it starts.
 */

export type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'iterate' }
  | { readonly kind: 'select'; readonly path: readonly Step[]; readonly op: '==' | '!='; readonly value: unknown };

/** A parsed path: a pipeline of steps (`a | b` is `a` then `b`). */
export type Query = readonly Step[];

export const SUPPORTED_SYNTAX = '.a.b, ."a-b", .["a"], .a[0], .a[-1], .a[], .a?, p | q, select(.k == "v")';

export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d+(\.\d+)?([eE][-+]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Query {
    this.skipSpace();
    if (this.i >= this.s.length) throw this.error('the path is empty');
    const q = this.pipeline();
    this.skipSpace();
    if (this.i < this.s.length) throw this.error(`unexpected "${this.s[this.i]}"`);
    return q;
  }

  private pipeline(): Step[] {
    const steps = this.term();
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] !== '|') return steps;
      this.i++;
      this.skipSpace();
      steps.push(...this.term());
    }
  }

  private term(): Step[] {
    const steps: Step[] = [];
    if (this.s.startsWith('select', this.i) && /[\s(]/.test(this.s[this.i + 6] ?? '')) {
      steps.push(this.select());
    } else {
      if (this.s[this.i] !== '.') throw this.error(`expected a path starting with "."`);
      if (this.s[this.i + 1] === '.') throw this.error('recursive descent ".." is not supported');
      this.i++;
      // Right after the leading dot: a name, a quoted name, a bracket, or nothing (identity).
      const first = this.name();
      if (first !== undefined) steps.push({ kind: 'field', name: first });
    }
    for (;;) {
      const c = this.s[this.i];
      if (c === '?') {
        this.i++; // jq's error suppression: a missing field is already "no value" here
      } else if (c === '[') {
        steps.push(this.bracket());
      } else if (c === '.') {
        if (this.s[this.i + 1] === '[') {
          this.i++;
          continue;
        }
        this.i++;
        const n = this.name();
        if (n === undefined) throw this.error('expected a field name after "."');
        steps.push({ kind: 'field', name: n });
      } else {
        return steps;
      }
    }
  }

  /** An identifier or a quoted string at the cursor, or undefined. */
  private name(): string | undefined {
    const ident = this.match(IDENT);
    if (ident !== undefined) return ident;
    if (this.s[this.i] === '"') return this.string();
    return undefined;
  }

  private bracket(): Step {
    this.i++; // [
    this.skipSpace();
    let step: Step;
    if (this.s[this.i] === ']') {
      step = { kind: 'iterate' };
    } else if (this.s[this.i] === '"') {
      step = { kind: 'field', name: this.string() };
    } else {
      const at = this.i;
      const n = this.match(NUMBER);
      if (n === undefined || !Number.isInteger(Number(n))) {
        this.i = at;
        throw this.error('expected an integer index, a quoted key or "]"');
      }
      step = { kind: 'index', index: Number(n) };
    }
    this.skipSpace();
    if (this.s[this.i] !== ']') throw this.error('expected "]"');
    this.i++;
    return step;
  }

  private select(): Step {
    this.i += 'select'.length;
    this.skipSpace();
    if (this.s[this.i] !== '(') throw this.error('expected "(" after select');
    this.i++;
    this.skipSpace();
    const path = this.pipeline();
    this.skipSpace();
    const op = this.s.startsWith('==', this.i) ? '==' : this.s.startsWith('!=', this.i) ? '!=' : undefined;
    if (!op) throw this.error('expected == or != in select()');
    this.i += 2;
    this.skipSpace();
    const value = this.literal();
    this.skipSpace();
    if (this.s[this.i] !== ')') throw this.error('expected ")"');
    this.i++;
    return { kind: 'select', path, op, value };
  }

  private literal(): unknown {
    if (this.s[this.i] === '"') return this.string();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    const n = this.match(NUMBER);
    if (n === undefined) throw this.error('expected a string, number, true, false or null');
    return Number(n);
  }

  private string(): string {
    const raw = this.match(STRING);
    if (raw === undefined) throw this.error('unterminated string');
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw this.error('invalid escape in string');
    }
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  private skipSpace(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private error(what: string): PathSyntaxError {
    return new PathSyntaxError(`${what} at column ${this.i + 1}`);
  }
}

/** Parses a path; throws PathSyntaxError naming what is wrong and where. */
export function parsePath(text: string): Query {
  return new Parser(text).parse();
}

/** Every result of the query on `root`, lazily, in jq's order. A missing field yields null, as jq does. */
export function* evaluate(query: Query, root: unknown, from = 0): Generator<unknown> {
  if (from >= query.length) {
    yield root;
    return;
  }
  const step = query[from]!;
  switch (step.kind) {
    case 'field':
      yield* evaluate(query, isRecord(root) ? root[step.name] ?? null : null, from + 1);
      return;
    case 'index': {
      const v = Array.isArray(root) ? root[step.index < 0 ? root.length + step.index : step.index] : undefined;
      yield* evaluate(query, v ?? null, from + 1);
      return;
    }
    case 'iterate': {
      const items = Array.isArray(root) ? root : isRecord(root) ? Object.values(root) : [];
      for (const item of items) yield* evaluate(query, item, from + 1);
      return;
    }
    case 'select':
      for (const v of evaluate(step.path, root)) {
        if (jsonEqual(v, step.value) === (step.op === '==')) {
          yield* evaluate(query, root, from + 1);
          return;
        }
      }
      return;
  }
}

/** ACK keeps only the first result. */
export function firstResult(query: Query, root: unknown): unknown {
  for (const v of evaluate(query, root)) return v;
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
