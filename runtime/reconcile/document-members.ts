import type { DocumentMember } from '../descriptor';
import { getPath, isObject, type JsonObject } from '../convert/paths';

/**
 * A collection whose elements AWS reports inside a JSON document (a Lambda policy's statements)
 * compares the members the spec manages, where the document keeps them (generator.yaml
 * `list_document.compare`): `principal` where AddPermission put it, `sourceARN` under
 * Condition.ArnLike. Both sides become JSON name → string, an absent member being absent.
 */
export type ComparedValues = Readonly<Record<string, string>>;

/** IAM policy language (not one service's): `"*"`, `{"Service": x}`, `{"AWS": [x]}`; an account is also `arn:…:iam::<id>:root`. */
function iamPrincipal(v: unknown): unknown {
  let p = v;
  if (isObject(p)) {
    const values = Object.values(p);
    p = values.length === 1 ? values[0] : p;
  }
  if (Array.isArray(p) && p.length === 1) p = p[0];
  return typeof p === 'string' ? (/^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(p)?.[1] ?? p) : p;
}

function text(v: unknown, m: DocumentMember): string | undefined {
  const n = m.as === 'iam_principal' ? iamPrincipal(v) : v;
  if (n === undefined || n === null || n === '') return undefined;
  return typeof n === 'string' ? n : JSON.stringify(n);
}

function values(compare: Readonly<Record<string, DocumentMember>>, read: (json: string, m: DocumentMember) => unknown): ComparedValues {
  const out: Record<string, string> = {};
  for (const [json, m] of Object.entries(compare)) {
    const v = text(read(json, m), m);
    if (v !== undefined) out[json] = v;
  }
  return out;
}

/** What a document entry (one statement) holds of the compared members. */
export function documentValues(compare: Readonly<Record<string, DocumentMember>>, item: JsonObject): ComparedValues {
  return values(compare, (_json, m) => getPath(item, m.path));
}

/** What a spec element (JSON names) asks of the compared members. */
export function elementValues(compare: Readonly<Record<string, DocumentMember>>, element: JsonObject): ComparedValues {
  return values(compare, (json) => element[json]);
}

export function sameValues(a: ComparedValues, b: ComparedValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
