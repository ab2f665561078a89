import type { ResourceDescriptor, SdkObject, ShapeTable } from '../descriptor';
import { isObject } from '../convert/paths';

/** Where a kind keeps its tags: the spec member, and for a list of structs the key/value members. */
export interface TagLayout {
  readonly sdkMember: string;
  /** Undefined for a map of tags. */
  readonly entry?: { readonly key: { readonly json: string; readonly sdk: string }; readonly value: { readonly json: string; readonly sdk: string } };
}

/**
 * The descriptor says the tags' shape and, for a list, the SDK names of the key/value members;
 * the shape table says how each is spelled on the JSON side.
 */
export function tagLayout(d: ResourceDescriptor, shapes: ShapeTable): TagLayout | undefined {
  const tags = d.tags;
  if (!tags) return undefined;
  const field = (shapes[d.specShape] ?? []).find((f) => f.json === tags.path);
  if (!field) return undefined;
  if (tags.shape === 'map') return { sdkMember: field.sdk };
  const item = typeof field.type === 'object' && 'list' in field.type ? field.type.list : undefined;
  const members = typeof item === 'object' && 'struct' in item ? (shapes[item.struct] ?? []) : [];
  const member = (sdk: string) => {
    const m = members.find((x) => x.sdk === sdk) ?? members.find((x) => x.sdk.toLowerCase() === sdk.toLowerCase());
    return m ? { json: m.json, sdk: m.sdk } : { json: sdk.charAt(0).toLowerCase() + sdk.slice(1), sdk };
  };
  return { sdkMember: field.sdk, entry: { key: member(tags.keyName), value: member(tags.valueName) } };
}

/** [key, value] pairs of a JSON-named tags value (list of entries or map). */
export function tagEntries(v: unknown, layout: TagLayout | undefined): [string, string][] {
  if (Array.isArray(v)) {
    const k = layout?.entry?.key.json ?? 'key';
    const val = layout?.entry?.value.json ?? 'value';
    return v.filter(isObject).map((t) => [String(t[k]), String(t[val])]);
  }
  if (isObject(v)) return Object.entries(v).map(([k, val]) => [k, String(val)]);
  return [];
}

/** The Create input with `defaults` added where the user set no tag of the same key. */
export function withDefaultTags(input: SdkObject, layout: TagLayout | undefined, defaults: Readonly<Record<string, string>> | undefined): SdkObject {
  if (!layout || !defaults || !Object.keys(defaults).length) return input;
  const current = input[layout.sdkMember];
  if (layout.entry) {
    const { key, value } = layout.entry;
    const list = Array.isArray(current) ? [...(current as SdkObject[])] : [];
    for (const [k, v] of Object.entries(defaults)) if (!list.some((t) => t[key.sdk] === k)) list.push({ [key.sdk]: k, [value.sdk]: v });
    return { ...input, [layout.sdkMember]: list };
  }
  return { ...input, [layout.sdkMember]: { ...defaults, ...(isObject(current) ? current : {}) } };
}
