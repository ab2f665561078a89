import type { DeltaEntry, FieldSpec, FieldType, ShapeTable } from '../descriptor';
import { getPath, isObject, isUnder, setPath, type JsonObject } from '../convert/paths';

/**
 * Spec delta, typed by the ShapeTable. A member the user left unset is not managed by them, so a
 * value AWS filled in is not drift (the cause of ACK's endless no-op updates, community#2970).
 * Struct members recurse; lists and maps compare whole, items of struct lists by the same rule.
 */
export function computeDelta(
  desired: JsonObject,
  latest: JsonObject,
  shape: string,
  shapes: ShapeTable,
  ignored: readonly string[] = [],
  prefix = '',
): DeltaEntry[] {
  const out: DeltaEntry[] = [];
  for (const f of shapes[shape] ?? []) {
    const path = prefix ? `${prefix}.${f.json}` : f.json;
    if (ignored.some((i) => isUnder(path, i))) continue;
    const d = desired[f.json];
    if (d === undefined || d === null) continue;
    const l = latest[f.json];
    if (typeof f.type === 'object' && 'struct' in f.type && isObject(d) && isObject(l)) {
      out.push(...computeDelta(d, l, f.type.struct, shapes, ignored, path));
    } else if (f.jsonDocument ? !sameJsonText(d, l) : !matches(d, l, f.type, shapes)) {
      out.push({ path, desired: d, latest: l });
    }
  }
  return out;
}

/** True when `latest` satisfies `desired`: equal where desired says something. */
export function matches(desired: unknown, latest: unknown, type: FieldType, shapes: ShapeTable): boolean {
  if (desired === undefined || desired === null) return true;
  if (typeof type === 'string') {
    switch (type) {
      case 'timestamp':
        return latest !== undefined && Date.parse(String(desired)) === Date.parse(String(latest));
      case 'integer':
      case 'float':
        return latest !== undefined && latest !== null && Number(desired) === Number(latest);
      case 'document':
        return canonicalJson(desired) === canonicalJson(latest);
      default:
        return desired === latest;
    }
  }
  if ('list' in type) {
    const d = Array.isArray(desired) ? desired : [];
    const l = Array.isArray(latest) ? latest : [];
    return d.length === l.length && d.every((v, i) => matches(v, l[i], type.list, shapes));
  }
  if ('map' in type) {
    const d = isObject(desired) ? desired : {};
    const l = isObject(latest) ? latest : {};
    const dk = Object.keys(d);
    return dk.length === Object.keys(l).length && dk.every((k) => k in l && matches(d[k], l[k], type.map, shapes));
  }
  if (!isObject(desired)) return false;
  const l = isObject(latest) ? latest : {};
  return (shapes[type.struct] ?? []).every((m: FieldSpec) => matches(desired[m.json], l[m.json], m.type, shapes));
}

/**
 * A string holding a JSON document (ACK is_document / is_iam_policy: policies, filter policies):
 * AWS reformats it, so two texts of the same document are equal. Text that is not JSON compares as text.
 */
export function sameJsonText(desired: unknown, latest: unknown): boolean {
  if (desired === latest) return true;
  if (typeof desired !== 'string' || typeof latest !== 'string') return false;
  const a = parseDocument(desired);
  const b = parseDocument(latest);
  return a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);
}

/** A JSON document, or one URL-encoded as IAM returns its policies (`%7B%22Version%22…`). */
export function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(decodeURIComponent(text));
    } catch {
      return undefined;
    }
  }
}

function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    isObject(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val,
  );
}

/** Delta entries touching an immutable path (the path itself, above it or below it). */
export function immutableViolations(delta: readonly DeltaEntry[], immutable: readonly string[]): string[] {
  const hits = new Set<string>();
  for (const e of delta) for (const p of immutable) if (isUnder(e.path, p) || isUnder(p, e.path)) hits.add(p);
  return [...hits];
}

export interface LateInitResult {
  readonly spec: JsonObject;
  readonly filled: readonly string[];
  /** Paths AWS has not filled in yet. */
  readonly pending: readonly string[];
}

/** Copies server-chosen values into unset spec paths listed for late initialization. */
export function lateInitialize(desired: JsonObject, latest: JsonObject, paths: readonly string[]): LateInitResult {
  let spec = desired;
  const filled: string[] = [];
  const pending: string[] = [];
  for (const p of paths) {
    if (getPath(desired, p) !== undefined) continue;
    const v = getPath(latest, p);
    if (v === undefined || v === null) pending.push(p);
    else {
      spec = setPath(spec, p, v);
      filled.push(p);
    }
  }
  return { spec, filled, pending };
}
