import { isObject } from '../../../../runtime/convert/paths';

/** JSON with object keys sorted: equal values give equal strings. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => (isObject(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val));
}
