import type { DeltaEntry, ResourceDescriptor, SdkObject, ShapeTable } from '../descriptor';
import { isObject } from './paths';

/**
 * Attribute maps (SNS, SQS): AWS keeps a resource's settings in one string map, the CRD in fields of
 * their own (descriptor `attributes`). Outputs are unpacked, inputs packed, values always strings.
 */

/** The output with its attribute map's entries as members of their own (the map itself stays). */
export function unpackAttributes(d: ResourceDescriptor, output: SdkObject): SdkObject {
  const map = d.attributes ? output[d.attributes.member] : undefined;
  if (!isObject(map)) return output;
  return { ...map, ...output };
}

/**
 * The input with the spec's attribute fields packed into the map, except those the input takes as
 * members of their own (CreatePlatformEndpoint's Token). `inputMembers` undefined: the input shape is unknown.
 */
export function packAttributes(d: ResourceDescriptor, merged: SdkObject, inputMembers: ReadonlySet<string> | undefined): SdkObject {
  const a = d.attributes;
  if (!a || (inputMembers && !inputMembers.has(a.member))) return merged;
  const map: Record<string, string> = {};
  for (const name of a.fields) {
    if (inputMembers?.has(name)) continue;
    const v = merged[name];
    if (v !== undefined && v !== null) map[name] = String(v);
  }
  return Object.keys(map).length ? { ...merged, [a.member]: map } : merged;
}

/**
 * The Set<R>Attributes inputs for a delta: only the attributes that changed (AWS refuses some
 * attributes after creation, e.g. FifoQueue, so unchanged ones are never sent), all in one map, or
 * one AttributeName/AttributeValue per call (SNS). A field removed from the spec is sent as "".
 * Undefined when the kind has no attribute map: the caller's one input stands.
 */
export function attributeWrites(
  d: ResourceDescriptor,
  shapes: ShapeTable,
  base: SdkObject,
  desiredSdk: SdkObject,
  delta: readonly DeltaEntry[],
): SdkObject[] | undefined {
  const a = d.attributes;
  if (!a) return undefined;
  const sdkOf = new Map((shapes[d.specShape] ?? []).map((f) => [f.json, f.sdk]));
  const changed = [...new Set(delta.map((e) => sdkOf.get(e.path.split('.')[0]!)))].filter(
    (s): s is string => s !== undefined && a.fields.includes(s),
  );
  const values = changed.sort().map((name): [string, string] => {
    const v = desiredSdk[name];
    return [name, v === undefined || v === null ? '' : String(v)];
  });
  const rest = { ...base };
  delete rest[a.member];
  if (a.singleAttribute) return values.map(([name, value]) => ({ ...rest, AttributeName: name, AttributeValue: value }));
  return values.length ? [{ ...rest, [a.member]: Object.fromEntries(values) }] : [];
}
