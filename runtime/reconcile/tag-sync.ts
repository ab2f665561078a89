import type { FieldType, ResourceDescriptor, SdkObject, ShapeTable, TaggingBinding } from '../descriptor';
import { buildInput } from '../convert/operations';
import { getPath, isObject, type JsonObject } from '../convert/paths';
import type { AwsPort } from './ports';
import { tagEntries, tagLayout } from './tags';

/**
 * Tags kept through the service's tagging API (ACK's syncTags): the tags a resource should carry
 * (the user's over the controller's default tags) are compared with the tags AWS reports, and the
 * difference is applied with the untag and tag operations the descriptor names. Keys under `aws:`
 * belong to AWS: never written, never removed.
 */

export type TagMap = Readonly<Record<string, string>>;

export interface TagChanges {
  /** Keys to add or whose value changed, with the desired value. */
  readonly set: TagMap;
  readonly remove: readonly string[];
}

const isAwsTag = (k: string) => k.toLowerCase().startsWith('aws:');

/** The tags the spec asks for, over the default tags (the user's value wins, as in ACK's Merge). */
export function desiredTags(d: ResourceDescriptor, shapes: ShapeTable, spec: JsonObject, defaults: TagMap | undefined): TagMap {
  const out: Record<string, string> = { ...(defaults ?? {}) };
  if (!d.tags) return out;
  for (const [k, v] of tagEntries(getPath(spec, d.tags.path), tagLayout(d, shapes))) out[k] = v;
  return out;
}

/**
 * Whether this reconcile must look at the tags: the spec or the defaults name some, or the spec
 * sets the field at all (an empty list clears them). Otherwise nobody manages them: no read.
 */
export function managesTags(d: ResourceDescriptor, spec: JsonObject, desired: TagMap): boolean {
  if (!d.tagging || !d.tags) return false;
  return Object.keys(desired).length > 0 || getPath(spec, d.tags.path) !== undefined;
}

export function tagChanges(desired: TagMap, observed: TagMap): TagChanges {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(desired)) if (!isAwsTag(k) && observed[k] !== v) set[k] = v;
  const remove = Object.keys(observed).filter((k) => !isAwsTag(k) && !(k in desired)).sort();
  return { set, remove };
}

export const noTagChanges = (c: TagChanges) => Object.keys(c.set).length === 0 && c.remove.length === 0;

/** The Key/Value members of a list-of-struct tag shape (Key/Value, TagKey/TagValue, key/value). */
function entryMembers(type: FieldType, shapes: ShapeTable): { key: string; value: string } | undefined {
  if (typeof type !== 'object' || !('list' in type)) return undefined;
  const item = type.list;
  if (typeof item !== 'object' || !('struct' in item)) return undefined;
  const members = (shapes[item.struct] ?? []).map((m) => m.sdk);
  const key = members.find((m) => m.toLowerCase() === 'key') ?? members.find((m) => /key$/i.test(m));
  const value = members.find((m) => m.toLowerCase() === 'value') ?? members.find((m) => /value$/i.test(m));
  return key && value ? { key, value } : undefined;
}

/** A member's type in an operation's input or output shape. */
function memberType(shape: string | undefined, member: string, shapes: ShapeTable): FieldType | undefined {
  return shape ? shapes[shape]?.find((m) => m.sdk === member)?.type : undefined;
}

/** SDK value of a tags member, map or Key/Value list, as its type says. */
export function toSdkTags(tags: TagMap, type: FieldType | undefined, shapes: ShapeTable): unknown {
  const entry = type ? entryMembers(type, shapes) : undefined;
  if (entry) return Object.entries(tags).map(([k, v]) => ({ [entry.key]: k, [entry.value]: v }));
  return { ...tags };
}

/** Tags from an SDK value, map or Key/Value list. */
export function fromSdkTags(v: unknown, type: FieldType | undefined, shapes: ShapeTable): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    const entry = (type && entryMembers(type, shapes)) ?? { key: 'Key', value: 'Value' };
    for (const t of v) if (isObject(t) && t[entry.key] !== undefined) out[String(t[entry.key])] = String(t[entry.value] ?? '');
  } else if (isObject(v)) {
    for (const [k, val] of Object.entries(v)) out[k] = String(val);
  }
  return out;
}

/** What the tag calls need to name the resource: its spec, status (AWS-made ids) and ARN. */
export interface TagSource {
  readonly spec: JsonObject;
  readonly status: JsonObject;
  readonly arn?: string | undefined;
}

interface TagEnv {
  readonly d: ResourceDescriptor & { readonly tagging: TaggingBinding };
  readonly shapes: ShapeTable;
  readonly aws: AwsPort;
}

/**
 * The tags AWS reports: the list operation, every page, or without one the tags the kind's read
 * returned (`reported`, JSON-named as in the spec).
 */
export async function observedTags(env: TagEnv, source: TagSource, reported: unknown): Promise<Record<string, string>> {
  const { d, shapes, aws } = env;
  const list = d.tagging.list;
  if (!list) return Object.fromEntries(tagEntries(reported, tagLayout(d, shapes)));
  const type = memberType(list.output, list.tagsMember, shapes);
  const out: Record<string, string> = {};
  let token: unknown;
  for (let page = 0; page < 100; page++) {
    const input = { ...buildInput(list, d, shapes, source), ...(token !== undefined && list.pageToken ? { [list.pageToken.input]: token } : {}) };
    const output = await aws.call('READ_ONE', list.name, input);
    Object.assign(out, fromSdkTags(output[list.tagsMember], type, shapes));
    token = list.pageToken ? output[list.pageToken.output] : undefined;
    if (token === undefined || token === null || token === '') break;
  }
  return out;
}

/** Applies `changes`: removals first, then additions (a changed value is a tag call; AWS overwrites). */
export async function applyTagChanges(env: TagEnv, source: TagSource, changes: TagChanges): Promise<void> {
  const { d, shapes, aws } = env;
  const { tag, untag } = d.tagging;
  if (changes.remove.length > 0) {
    await aws.call('UPDATE', untag.name, { ...buildInput(untag, d, shapes, source), [untag.keysMember]: [...changes.remove] });
  }
  if (Object.keys(changes.set).length > 0) {
    const type = memberType(tag.input, tag.tagsMember, shapes);
    await aws.call('UPDATE', tag.name, { ...buildInput(tag, d, shapes, source), [tag.tagsMember]: toSdkTags(changes.set, type, shapes) as SdkObject[keyof SdkObject] });
  }
}

/** Whether the create operation carries the tags; when it does not, they are put right after. */
export function createCarriesTags(d: ResourceDescriptor, shapes: ShapeTable): boolean {
  const layout = tagLayout(d, shapes);
  const input = d.operations.create.input;
  if (!layout || !input) return false;
  return (shapes[input] ?? []).some((m) => m.sdk === layout.sdkMember);
}

export function hasTagging(d: ResourceDescriptor): d is ResourceDescriptor & { readonly tagging: TaggingBinding } {
  return !!d.tagging && d.tags !== undefined;
}
