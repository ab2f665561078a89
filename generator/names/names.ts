import { normalizeInitialisms } from './normalize';
import { toCamel, toLowerCamel, toSnake } from './strcase';

/** The spellings ACK derives from one AWS name (aws-controllers-k8s/pkg v0.0.25 `names.New`). */
export interface Names {
  readonly original: string;
  /** Go field or type name, also the CRD kind: `RoleARN`, `VPCEndpoint`. */
  readonly camel: string;
  /** JSON field name in the CRD: `roleARN`, `type_`. */
  readonly camelLower: string;
  /** Go package directory: `role_arn`. */
  readonly snake: string;
}

const GO_KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for',
  'func', 'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select',
  'struct', 'switch', 'type', 'var',
]);

// ACK appends `_` to a Go keyword; manifests written for ACK contain `type_`.
const unkeyword = (s: string) => (GO_KEYWORDS.has(s) ? `${s}_` : s);

const toCamelName = (s: string) => unkeyword(normalizeInitialisms(toCamel(s), false, false));
const toJsonName = (s: string) =>
  unkeyword(normalizeInitialisms(toLowerCamel(normalizeInitialisms(s, true, false)), true, false));
const toSnakeName = (s: string) => unkeyword(toSnake(normalizeInitialisms(toCamel(s), false, true)));

// Each spelling is computed on first read: a JSON field needs only camelLower.
class LazyNames implements Names {
  private c: string | undefined;
  private l: string | undefined;
  private s: string | undefined;
  constructor(readonly original: string) {}
  get camel(): string {
    return (this.c ??= toCamelName(this.original));
  }
  get camelLower(): string {
    return (this.l ??= toJsonName(this.original));
  }
  get snake(): string {
    return (this.s ??= toSnakeName(this.original));
  }
  toJSON(): object {
    return { original: this.original, camel: this.camel, camelLower: this.camelLower, snake: this.snake };
  }
}

const cache = new Map<string, Names>();

export function names(original: string): Names {
  let n = cache.get(original);
  if (n === undefined) {
    n = new LazyNames(original);
    cache.set(original, n);
  }
  return n;
}

/** The CRD JSON name ACK gives a Smithy member: `RoleArn` → `roleARN`. */
export const jsonName = (member: string): string => names(member).camelLower;
