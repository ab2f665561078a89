/** Dotted-path access on plain JSON objects ("a.b.c"). Pure; `setPath` returns a copy. */

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

export function setPath(root: JsonObject, path: string, value: unknown): JsonObject {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) {
    const copy = { ...root };
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = isObject(root[head]) ? (root[head] as JsonObject) : {};
  return { ...root, [head]: setPath(child, rest.join('.'), value) };
}

/** True when `path` is `prefix` or lies under it. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}
