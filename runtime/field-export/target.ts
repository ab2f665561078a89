import type { TargetKind } from './spec';

/**
 * What a FieldExport writes into its ConfigMap or Secret, decided from the target as it is now.
 * Pure: the reconciler does the reading and the one write this returns.
 */

export interface TargetObject {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly resourceVersion?: string };
  readonly data?: Readonly<Record<string, string>>;
}

export const TARGET_REFS = {
  configmap: { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap' },
  secret: { group: '', version: 'v1', plural: 'secrets', kind: 'Secret' },
} as const satisfies Record<TargetKind, { group: string; version: string; plural: string; kind: string }>;

/** ConfigMap and Secret keys: what the API server accepts (IsConfigMapKey). */
const KEY = /^[-._a-zA-Z0-9]+$/;

export function keyProblem(key: string): string | undefined {
  if (key.length > 253 || !KEY.test(key) || key === '.' || key === '..') {
    return `"${key}" is not a valid ConfigMap or Secret key: up to 253 characters of letters, digits, "-", "_" and "."`;
  }
  return undefined;
}

/**
 * The text a value exports as, or undefined when there is none (missing or null). ACK exports only
 * strings, booleans and integers; floats, lists and objects are written too (as JSON), since users
 * asked for them and nothing else could mean.
 */
export function exportText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const encode = (kind: TargetKind, text: string) => (kind === 'secret' ? Buffer.from(text, 'utf8').toString('base64') : text);
const decode = (kind: TargetKind, stored: string) => (kind === 'secret' ? Buffer.from(stored, 'base64').toString('utf8') : stored);

export type TargetWrite =
  /** The key already holds the value: no write. */
  | { readonly kind: 'none' }
  /** Merge patch of the one key into the existing object (ACK patches `data[key]` the same way). */
  | { readonly kind: 'patch'; readonly patch: { readonly data: Readonly<Record<string, string>> } }
  /** No such object: create it holding the key. */
  | { readonly kind: 'create'; readonly body: Record<string, unknown> };

export function targetWrite(
  kind: TargetKind,
  where: { readonly namespace: string; readonly name: string },
  current: TargetObject | undefined,
  key: string,
  text: string,
  labels: Readonly<Record<string, string>>,
): TargetWrite {
  if (current) {
    const stored = current.data?.[key];
    if (stored !== undefined && decode(kind, stored) === text) return { kind: 'none' };
    return { kind: 'patch', patch: { data: { [key]: encode(kind, text) } } };
  }
  const ref = TARGET_REFS[kind];
  return {
    kind: 'create',
    body: {
      apiVersion: 'v1',
      kind: ref.kind,
      metadata: { name: where.name, namespace: where.namespace, labels: { ...labels } },
      ...(kind === 'secret' ? { type: 'Opaque' } : {}),
      data: { [key]: encode(kind, text) },
    },
  };
}

/** On FieldExport delete: the merge patch that removes the exported key, if the target still has it. */
export function keyRemoval(current: TargetObject | undefined, key: string): { readonly data: Readonly<Record<string, null>> } | undefined {
  if (!current?.data || !(key in current.data)) return undefined;
  return { data: { [key]: null } };
}
