import type { ErrorMatcher, FieldSpec, FieldType, SdkObject, ShapeTable, SubResourceBinding } from '../descriptor';
import { classifyAwsError, matchesError } from '../aws/errors';
import { isObject, type JsonObject } from '../convert/paths';
import { fromSdkValue, toSdkValue } from '../convert/shapes';
import { matches } from './delta';

/**
 * Sub-resources, the pure half: which parts a reconcile must look at, what a read says, and what to
 * put or delete. The phase (phases/sub-resources.ts) makes the calls.
 *
 * A part the spec sets is read, compared and put when it differs. A part the spec no longer sets
 * but this controller wrote is removed. Which parts it wrote is kept in an annotation, so a part
 * that neither the spec nor that record names costs no call at all.
 */
export const SUB_RESOURCES_ANNOTATION = 'ack-ts.services.k8s.aws/sub-resources';

export function recordedParts(annotation: string | undefined): Set<string> {
  return new Set((annotation ?? '').split(',').map((p) => p.trim()).filter(Boolean));
}

export function formatParts(parts: Iterable<string>): string | null {
  const sorted = [...new Set(parts)].sort();
  return sorted.length ? sorted.join(',') : null;
}

export interface PartPlan {
  /** Parts the spec sets: read, compare, put. */
  readonly sync: readonly SubResourceBinding[];
  /** Parts recorded as written that the spec dropped: remove. */
  readonly remove: readonly SubResourceBinding[];
  /** The record before any write: every part this reconcile may write. */
  readonly recordBefore: ReadonlySet<string>;
  /** The record once the removals succeed. */
  readonly recordAfter: ReadonlySet<string>;
}

export function planParts(parts: readonly SubResourceBinding[], desired: JsonObject, recorded: ReadonlySet<string>): PartPlan {
  // "" is how ACK's manifests clear a string part (a Function's codeSigningConfigARN: "").
  const set = (p: SubResourceBinding) => desired[p.field] !== undefined && desired[p.field] !== null && desired[p.field] !== '';
  const sync = parts.filter(set);
  const remove = parts.filter((p) => !set(p) && recorded.has(p.field));
  const inSpec = new Set(sync.map((p) => p.field));
  return { sync, remove, recordBefore: new Set([...recorded, ...inSpec]), recordAfter: inSpec };
}

/** The spec field a part lives in. */
export function partField(shapes: ShapeTable, specShape: string, p: SubResourceBinding): FieldSpec {
  const f = (shapes[specShape] ?? []).find((x) => x.json === p.field);
  if (!f) throw new Error(`sub-resource ${p.field} is not a field of ${specShape}`);
  return f;
}

/** A read's answer as the spec would write it: the output member holding it, or the output itself. */
export function observedPart(p: SubResourceBinding, f: FieldSpec, output: SdkObject, shapes: ShapeTable): unknown {
  return fromSdkValue(observedSdkPart(p, output), f.type, shapes);
}

/** A read's answer as the put would send it (SDK member names). */
function observedSdkPart(p: SubResourceBinding, output: SdkObject): unknown {
  const fields = p.read?.fields;
  return fields ? projected(fields, output) : p.read?.member !== undefined ? output[p.read.member] : output;
}

/**
 * The put that unsets a dropped part: the binding's unset value, with the `unsetFromRead` members as
 * the read reports them (UpdateTimeToLive needs the attribute name DescribeTimeToLive reports).
 * Undefined: the read reports none of them, or reports the unset value already, so there is nothing to put
 * (AWS refuses to disable a TTL that is disabled).
 */
export function unsetFromRead(p: SubResourceBinding, output: SdkObject | undefined): SdkObject | undefined {
  const members = p.unsetFromRead ?? [];
  const part = output ? observedSdkPart(p, output) : undefined;
  if (!isObject(part)) return undefined;
  const taken = members.filter((m) => part[m] !== undefined && part[m] !== null);
  const unset = Object.entries(p.unset ?? {});
  if (!taken.length || (unset.length && unset.every(([k, v]) => part[k] === v))) return undefined;
  return { ...(p.unset ?? {}), ...Object.fromEntries(taken.map((m) => [m, part[m]])) };
}

/**
 * The part rebuilt from where the read reports each member (`read.fields`), values mapped
 * (ENABLED → true); a reported value the map does not list reads as unset.
 */
function projected(fields: NonNullable<NonNullable<SubResourceBinding['read']>['fields']>, output: SdkObject): unknown {
  const part: SdkObject = {};
  for (const [member, rf] of Object.entries(fields)) {
    let v: unknown = output;
    for (const seg of rf.path.split('.')) v = isObject(v) ? v[seg] : undefined;
    if (rf.map && v !== undefined) v = Object.prototype.hasOwnProperty.call(rf.map, String(v)) ? rf.map[String(v)] : undefined;
    if (member === '.') return v;
    if (v !== undefined) part[member] = v;
  }
  return Object.keys(part).length ? part : undefined;
}

/**
 * A read error that means "this part is not set" (S3 NoSuchBucketPolicy, NoSuchLifecycleConfiguration,
 * ServerSideEncryptionConfigurationNotFoundError, …): one the binding names, or any HTTP 404 that is
 * not the resource's own not-found (the resource itself gone is an error, not an unset part).
 */
export function meansUnset(err: unknown, p: SubResourceBinding, resourceNotFound: readonly ErrorMatcher[]): boolean {
  const c = classifyAwsError(err, { notFound: p.notFound, terminalCodes: [] });
  if (c.class === 'notFound') return true;
  return c.httpStatus === 404 && !resourceNotFound.some((m) => matchesError(c.code, c.message, m));
}

/** The value a put sends: the part, or on removal without a delete operation the binding's unset value. */
export function putValue(p: SubResourceBinding, f: FieldSpec, desired: unknown, shapes: ShapeTable): unknown {
  return desired === undefined ? (p.unset ?? {}) : toSdkValue(desired, f.type, shapes);
}

export interface KeyedPlan {
  /** Desired items (JSON) that AWS lacks or has otherwise. */
  readonly put: readonly JsonObject[];
  /** Keys of items AWS has that the spec does not. */
  readonly delete: readonly string[];
}

/** A keyed list's items, by key, as the item struct spells it in JSON. */
export function keyedPlan(desired: unknown, observed: unknown, itemType: FieldType, keyJson: string, shapes: ShapeTable): KeyedPlan {
  const items = (v: unknown) => (Array.isArray(v) ? v.filter(isObject) : []);
  const have = new Map(items(observed).map((i) => [String(i[keyJson]), i]));
  const want = items(desired);
  const wanted = new Set(want.map((i) => String(i[keyJson])));
  return {
    put: want.filter((i) => !partMatches(i, have.get(String(i[keyJson])), itemType, shapes)),
    delete: [...have.keys()].filter((k) => !wanted.has(k)),
  };
}

/** The item type of a keyed list field and the JSON name of its key member. */
export function keyedItem(f: FieldSpec, key: string, shapes: ShapeTable): { itemType: FieldType; keyJson: string } {
  const t = f.type;
  if (typeof t !== 'object' || !('list' in t) || typeof t.list !== 'object' || !('struct' in t.list)) {
    throw new Error(`keyed sub-resource ${f.json} is not a list of structures`);
  }
  const keyJson = (shapes[t.list.struct] ?? []).find((m) => m.sdk === key)?.json;
  if (!keyJson) throw new Error(`keyed sub-resource ${f.json}: ${t.list.struct} has no member ${key}`);
  return { itemType: t.list, keyJson };
}

/**
 * Tag-like lists (structures with a `key` member: an S3 TagSet, a lifecycle filter's tags) sorted by
 * key on both sides before comparing: AWS does not keep their order, and the order means nothing.
 */
export function partMatches(desired: unknown, observed: unknown, type: FieldType, shapes: ShapeTable): boolean {
  return matches(byKey(desired, type, shapes), byKey(observed, type, shapes), type, shapes);
}

function byKey(value: unknown, type: FieldType, shapes: ShapeTable): unknown {
  if (value === undefined || value === null || typeof type === 'string') return value;
  if ('list' in type) {
    if (!Array.isArray(value)) return value;
    const items = value.map((v) => byKey(v, type.list, shapes));
    const keyed = typeof type.list === 'object' && 'struct' in type.list && (shapes[type.list.struct] ?? []).some((m) => m.json === 'key');
    return keyed ? [...items].sort((a, b) => String(isObject(a) ? a.key : '').localeCompare(String(isObject(b) ? b.key : ''))) : items;
  }
  if ('map' in type) return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, byKey(v, type.map, shapes)])) : value;
  if (!isObject(value)) return value;
  const out: JsonObject = { ...value };
  for (const m of shapes[type.struct] ?? []) if (m.json in out) out[m.json] = byKey(out[m.json], m.type, shapes);
  return out;
}

/**
 * The part holding the kind's tags, with the controller's default tags (--resource-tags) added where
 * the spec sets no tag of that key, as ACK's EnsureTags does for the Bucket's Tagging.TagSet.
 */
export function withDefaultPartTags(p: SubResourceBinding, f: FieldSpec, value: unknown, shapes: ShapeTable, defaults: Readonly<Record<string, string>> | undefined): unknown {
  if (!p.tags || !defaults || !Object.keys(defaults).length || !isObject(value) || typeof f.type !== 'object' || !('struct' in f.type)) return value;
  const listField = (shapes[f.type.struct] ?? []).find((m) => m.sdk === p.tags!.member);
  const t = listField?.type;
  const item = typeof t === 'object' && 'list' in t && typeof t.list === 'object' && 'struct' in t.list ? shapes[t.list.struct] ?? [] : [];
  const keyJson = item.find((m) => m.sdk === p.tags!.key)?.json;
  const valueJson = item.find((m) => m.sdk === p.tags!.value)?.json;
  if (!listField || !keyJson || !valueJson) return value;
  const list = (Array.isArray(value[listField.json]) ? value[listField.json] : []) as JsonObject[];
  const added = Object.entries(defaults).filter(([k]) => !list.some((tag) => isObject(tag) && tag[keyJson] === k)).map(([k, v]) => ({ [keyJson]: k, [valueJson]: v }));
  return added.length ? { ...value, [listField.json]: [...list, ...added] } : value;
}
