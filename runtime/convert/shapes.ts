import type { FieldSpec, FieldType, ShapeTable, SdkObject } from '../descriptor';
import { isObject, type JsonObject } from './paths';

/**
 * Spec/status (ACK JSON names, JSON values) ↔ SDK (Smithy member names, Date, Uint8Array),
 * driven by the ShapeTable. Unknown members are dropped in both directions: the table is the contract.
 */

function members(shapes: ShapeTable, shape: string): readonly FieldSpec[] {
  const m = shapes[shape];
  if (!m) throw new Error(`shape ${shape} is not in the service's ShapeTable`);
  return m;
}

export function toSdkValue(value: unknown, type: FieldType, shapes: ShapeTable): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof type === 'string') {
    switch (type) {
      case 'timestamp':
        return typeof value === 'string' || typeof value === 'number' ? new Date(value) : value;
      case 'blob':
        return typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : value;
      default:
        return value;
    }
  }
  if ('list' in type) return Array.isArray(value) ? value.map((v) => toSdkValue(v, type.list, shapes)) : undefined;
  if ('map' in type) {
    if (!isObject(value)) return undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toSdkValue(v, type.map, shapes)]));
  }
  return isObject(value) ? toSdkStruct(value, type.struct, shapes) : undefined;
}

export function toSdkStruct(json: JsonObject, shape: string, shapes: ShapeTable): SdkObject {
  const out: SdkObject = {};
  for (const f of members(shapes, shape)) {
    const v = toSdkValue(json[f.json], f.type, shapes);
    if (v !== undefined) out[f.sdk] = v;
  }
  return out;
}

/** RFC 3339 at second precision, as Kubernetes prints metav1.Time. */
export function formatTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function fromSdkValue(value: unknown, type: FieldType, shapes: ShapeTable): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof type === 'string') {
    switch (type) {
      case 'timestamp':
        if (value instanceof Date) return formatTimestamp(value);
        if (typeof value === 'number') return formatTimestamp(new Date(value * 1000));
        return value;
      case 'blob':
        return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
      default:
        return value;
    }
  }
  if ('list' in type) return Array.isArray(value) ? value.map((v) => fromSdkValue(v, type.list, shapes)) : undefined;
  if ('map' in type) {
    if (!isObject(value)) return undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromSdkValue(v, type.map, shapes)]));
  }
  return isObject(value) ? fromSdkStruct(value, type.struct, shapes) : undefined;
}

export function fromSdkStruct(sdk: SdkObject, shape: string, shapes: ShapeTable): JsonObject {
  const out: JsonObject = {};
  for (const f of members(shapes, shape)) {
    const v = fromSdkValue(sdk[f.sdk], f.type, shapes);
    if (v !== undefined) out[f.json] = v;
  }
  return out;
}

const REDACTED = '***';

/** A copy of a JSON-named value with @sensitive members replaced, for logs and events. */
export function redactJson(json: unknown, type: FieldType, shapes: ShapeTable): unknown {
  return redact(json, type, shapes, 'json');
}

/** A copy of an SDK-named value with @sensitive members replaced. */
export function redactSdk(sdk: unknown, type: FieldType, shapes: ShapeTable): unknown {
  return redact(sdk, type, shapes, 'sdk');
}

function redact(value: unknown, type: FieldType, shapes: ShapeTable, names: 'json' | 'sdk'): unknown {
  if (value === undefined || value === null || typeof type === 'string') return value;
  if ('list' in type) return Array.isArray(value) ? value.map((v) => redact(v, type.list, shapes, names)) : value;
  if ('map' in type) {
    if (!isObject(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, type.map, shapes, names)]));
  }
  if (!isObject(value)) return value;
  const out: JsonObject = { ...value };
  for (const f of shapes[type.struct] ?? []) {
    const key = f[names];
    if (!(key in out)) continue;
    out[key] = f.sensitive ? REDACTED : redact(out[key], f.type, shapes, names);
  }
  return out;
}

/** Sensitive values found anywhere in a JSON-named struct, so free text (AWS messages) can be scrubbed. */
export function sensitiveValues(json: unknown, type: FieldType, shapes: ShapeTable, acc: string[] = []): string[] {
  if (json === undefined || json === null || typeof type === 'string') return acc;
  if ('list' in type) {
    if (Array.isArray(json)) for (const v of json) sensitiveValues(v, type.list, shapes, acc);
    return acc;
  }
  if ('map' in type) {
    if (isObject(json)) for (const v of Object.values(json)) sensitiveValues(v, type.map, shapes, acc);
    return acc;
  }
  if (!isObject(json)) return acc;
  for (const f of shapes[type.struct] ?? []) {
    const v = json[f.json];
    if (v === undefined || v === null) continue;
    if (f.sensitive) {
      if (typeof v === 'string' && v.length >= 4) acc.push(v);
      else if (typeof v !== 'object') acc.push(String(v));
    } else sensitiveValues(v, f.type, shapes, acc);
  }
  return acc;
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join(REDACTED);
  return out;
}
