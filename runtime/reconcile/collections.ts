import type { CollectionBinding, SdkObject, ShapeTable } from '../descriptor';
import { getPath, isObject, type JsonObject } from '../convert/paths';
import { documentValues, elementValues, sameValues, type ComparedValues } from './document-members';
import { sameJsonText } from './delta';

/**
 * Collections, the pure half: what AWS holds, as a set or a map, and which adds and removals bring
 * it to the spec. The phase (phases/collections.ts) makes the calls.
 */

/**
 * Elements from one page of the list operation: names (strings, or a structure member of each item), and where a document's entries are compared by
 * their members (`list.document.compare`), what each holds of them as JSON text.
 */
export function listedElements(c: CollectionBinding, output: SdkObject): Array<[string, string | undefined]> {
  const d = c.list.document;
  if (d) {
    return documentEntries(getPath(output, c.list.member), d).map(([name, item]) => [name, d.compare ? JSON.stringify(documentValues(d.compare, item)) : undefined]);
  }
  const items = getPath(output, c.list.member);
  if (!Array.isArray(items)) return [];
  const item = c.list.itemMember;
  return items
    .map((i) => (item !== undefined && isObject(i) ? i[item] : i))
    .filter((n): n is string => typeof n === 'string')
    .map((n): [string, undefined] => [n, undefined]);
}

/** Named entries of a JSON document (a Lambda policy's Statement[] by Sid); none when it is absent or not JSON. */
function documentEntries(text: unknown, d: { readonly items: string; readonly key: string }): Array<[string, JsonObject]> {
  if (typeof text !== 'string') return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const items = getPath(doc, d.items);
  return (Array.isArray(items) ? items : []).filter(isObject).flatMap((i): Array<[string, JsonObject]> => (typeof i[d.key] === 'string' ? [[i[d.key] as string, i]] : []));
}

/**
 * An `objects` collection's element structure (from the spec's shape) and the JSON name of the
 * member keying it (the add's `member`, e.g. statementID for StatementId).
 */
export function elementShape(c: CollectionBinding, specShape: string, shapes: ShapeTable): { shape: string; key: string } | undefined {
  const t = shapes[specShape]?.find((f) => f.json === c.field)?.type;
  const item = typeof t === 'object' && 'list' in t && typeof t.list === 'object' && 'struct' in t.list ? t.list.struct : undefined;
  const key = item ? shapes[item]?.find((f) => f.sdk === c.add.member)?.json : undefined;
  return item && key ? { shape: item, key } : undefined;
}

/** The token to ask for the next page; undefined on the last one. */
export function nextPage(c: CollectionBinding, output: SdkObject): string | undefined {
  const t = c.list.pageToken ? output[c.list.pageToken.output] : undefined;
  return typeof t === 'string' && t !== '' ? t : undefined;
}

/**
 * The spec's elements as names → values (a set's values are its names; an object's value is its
 * JSON text, keyed by its `key` member; one without a key is skipped).
 */
export function desiredElements(c: CollectionBinding, value: unknown, objectKey?: string): Map<string, string> {
  if (c.shape === 'objects') {
    const items = (Array.isArray(value) ? value : []).filter(isObject);
    return new Map(items.flatMap((o) => (objectKey && typeof o[objectKey] === 'string' ? [[o[objectKey] as string, JSON.stringify(o)] as [string, string]] : [])));
  }
  if (c.shape === 'one') return new Map(typeof value === 'string' && value !== '' ? [[value, value]] : []);
  if (c.shape === 'set') return new Map((Array.isArray(value) ? value : []).filter((v): v is string => typeof v === 'string').map((v) => [v, v]));
  if (!isObject(value)) return new Map();
  return new Map(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * The elements a collection should hold this reconcile, or undefined when nobody manages it: a
 * field the spec sets is the target; a field the spec no longer sets but that was applied (the
 * applied-spec record names it) is emptied, as ACK detaches every policy when `policies` is
 * dropped; a field never set is left alone (an adopted role keeps the policies it had).
 */
export function collectionTarget(
  c: CollectionBinding,
  value: unknown,
  applied: Readonly<Record<string, string>> | undefined,
  objectKey?: string,
): Map<string, string> | undefined {
  if (value !== undefined && value !== null) return desiredElements(c, value, objectKey);
  return applied?.[c.field] !== undefined ? new Map() : undefined;
}

export interface CollectionPlan {
  /** Elements to add (set) or put (map), with their values. */
  readonly add: ReadonlyArray<readonly [string, string]>;
  /** Element names to remove. */
  readonly remove: readonly string[];
}

/**
 * What to change: desired elements missing or (for a map, or objects compared by their members)
 * holding another value, and observed elements the spec does not name. `observed` maps names to
 * values (undefined: value not read).
 */
export function planCollection(c: CollectionBinding, desired: ReadonlyMap<string, string>, observed: ReadonlyMap<string, string | undefined>): CollectionPlan {
  const compare = c.shape === 'objects' ? c.list.document?.compare : undefined;
  const same = (want: string, have: string | undefined) => {
    if (c.shape === 'map') return have !== undefined && (c.document ? sameJsonText(want, have) : want === have);
    if (compare) return have !== undefined && sameValues(elementValues(compare, JSON.parse(want) as JsonObject), JSON.parse(have) as ComparedValues);
    return true;
  };
  const add = [...desired].filter(([k, v]) => !observed.has(k) || !same(v, observed.get(k)));
  // An object that differs is replaced under its name, removed first: AWS refuses a name in use (a Sid).
  const replaced = new Set(compare ? add.map(([k]) => k).filter((k) => observed.has(k)) : []);
  return { add, remove: [...observed.keys()].filter((k) => !desired.has(k) || replaced.has(k)).sort() };
}

/** The value a get operation returned, URL-decoded where it is a document IAM encoded. */
export function readValue(c: CollectionBinding, output: SdkObject): string | undefined {
  const v = c.get ? output[c.get.member] : undefined;
  return typeof v === 'string' ? v : undefined;
}
