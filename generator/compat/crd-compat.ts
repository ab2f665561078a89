/**
 * CRD compatibility between two generations of a service, as ACK's crd-compat-check
 * reports it: fields added (fine), fields removed and field types changed (breaking,
 * since stored objects and users' manifests may no longer validate). Pure.
 */

type Schema = { readonly [key: string]: unknown };

export interface FieldChange {
  readonly kind: string;
  /** Dotted path from the resource root; `[]` is a list item, `{}` a map value. */
  readonly path: string;
  readonly from?: string;
  readonly to?: string;
}

export interface CompatReport {
  readonly addedKinds: readonly string[];
  readonly removedKinds: readonly string[];
  readonly added: readonly FieldChange[];
  readonly removed: readonly FieldChange[];
  readonly typeChanged: readonly FieldChange[];
}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(s: Schema): string {
  if (typeof s['type'] === 'string') return s['type'];
  if (s['x-kubernetes-int-or-string']) return 'int-or-string';
  return 'any';
}

/** Every field under `schema` with its type, keyed by path. */
export function flattenSchema(schema: Schema, prefix: string, out = new Map<string, string>()): Map<string, string> {
  const props = schema['properties'];
  if (isSchema(props)) {
    for (const [name, sub] of Object.entries(props)) {
      if (!isSchema(sub)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      out.set(path, typeOf(sub));
      flattenSchema(sub, path, out);
    }
  }
  const items = schema['items'];
  if (isSchema(items)) {
    out.set(`${prefix}[]`, typeOf(items));
    flattenSchema(items, `${prefix}[]`, out);
  }
  const values = schema['additionalProperties'];
  if (isSchema(values)) {
    out.set(`${prefix}{}`, typeOf(values));
    flattenSchema(values, `${prefix}{}`, out);
  }
  return out;
}

/** The openAPIV3Schema of a CRD's storage version (the first one if none is marked). */
export function crdSchema(crd: Schema): { kind: string; schema: Schema } {
  const spec = isSchema(crd['spec']) ? crd['spec'] : {};
  const names = isSchema(spec['names']) ? spec['names'] : {};
  const kind = typeof names['kind'] === 'string' ? names['kind'] : '';
  if (!kind) throw new Error('not a CustomResourceDefinition: spec.names.kind is missing');
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isSchema) : [];
  const version = versions.find((v) => v['storage'] === true) ?? versions[0];
  const schema = version && isSchema(version['schema']) ? version['schema']['openAPIV3Schema'] : undefined;
  if (!isSchema(schema)) throw new Error(`${kind}: no openAPIV3Schema`);
  return { kind, schema };
}

/** Compares the spec and status fields of one kind's two schemas. */
export function compareSchemas(kind: string, before: Schema, after: Schema): Pick<CompatReport, 'added' | 'removed' | 'typeChanged'> {
  const fields = (s: Schema) => {
    const props = isSchema(s['properties']) ? s['properties'] : {};
    const out = new Map<string, string>();
    for (const top of ['spec', 'status']) if (isSchema(props[top])) flattenSchema(props[top] as Schema, top, out);
    return out;
  };
  const a = fields(before);
  const b = fields(after);
  const added: FieldChange[] = [];
  const removed: FieldChange[] = [];
  const typeChanged: FieldChange[] = [];
  for (const [path, type] of b) if (!a.has(path)) added.push({ kind, path, to: type });
  for (const [path, type] of a) {
    const now = b.get(path);
    if (now === undefined) {
      // A removed object removes its members too; report the field the user would miss.
      const parent = [...a.keys()].find((p) => path.startsWith(p) && path !== p && /^[.[{]/.test(path.slice(p.length)) && !b.has(p));
      if (!parent) removed.push({ kind, path, from: type });
    } else if (now !== type) {
      typeChanged.push({ kind, path, from: type, to: now });
    }
  }
  const byPath = (x: FieldChange, y: FieldChange) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  return { added: added.sort(byPath), removed: removed.sort(byPath), typeChanged: typeChanged.sort(byPath) };
}

/** Compares two sets of CRDs (kind → openAPIV3Schema). */
export function compareCrds(before: ReadonlyMap<string, Schema>, after: ReadonlyMap<string, Schema>): CompatReport {
  const added: FieldChange[] = [];
  const removed: FieldChange[] = [];
  const typeChanged: FieldChange[] = [];
  for (const [kind, schema] of [...after].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const old = before.get(kind);
    if (!old) continue;
    const r = compareSchemas(kind, old, schema);
    added.push(...r.added);
    removed.push(...r.removed);
    typeChanged.push(...r.typeChanged);
  }
  return {
    addedKinds: [...after.keys()].filter((k) => !before.has(k)).sort(),
    removedKinds: [...before.keys()].filter((k) => !after.has(k)).sort(),
    added,
    removed,
    typeChanged,
  };
}

export const breakingCount = (r: CompatReport) => r.removedKinds.length + r.removed.length + r.typeChanged.length;

export function formatReport(r: CompatReport): string {
  const lines: string[] = [];
  for (const k of r.addedKinds) lines.push(`  + kind ${k}`);
  for (const k of r.removedKinds) lines.push(`  - kind ${k}  BREAKING: kind removed`);
  for (const c of r.added) lines.push(`  + ${c.kind} ${c.path} (${c.to})`);
  for (const c of r.removed) lines.push(`  - ${c.kind} ${c.path} (${c.from})  BREAKING: field removed`);
  for (const c of r.typeChanged) lines.push(`  ~ ${c.kind} ${c.path}: ${c.from} → ${c.to}  BREAKING: type changed`);
  const n = breakingCount(r);
  const summary = `${r.added.length + r.addedKinds.length} added, ${r.removed.length + r.removedKinds.length} removed, ${r.typeChanged.length} type changes: ${n === 0 ? 'compatible' : `${n} breaking`}`;
  return [...(lines.length ? lines : ['  no field changes']), summary].join('\n') + '\n';
}
