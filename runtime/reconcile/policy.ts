import { ANNOTATION, namespaceDeletionPolicyKey } from './annotations';

/** Pure precedence rules: deletion policy, resync period, region, read-only and adoption. */

export type DeletionPolicy = 'delete' | 'retain';
type Annotations = Readonly<Record<string, string>> | undefined;

/**
 * Resource annotation, then the namespace's `<service>.services.k8s.aws/deletion-policy`, then the flag.
 * As in ACK, any value other than "delete" on an annotation means retain: the safe reading of a typo.
 */
export function deletionPolicy(service: string, resource: Annotations, namespace: Annotations, flag: DeletionPolicy): DeletionPolicy {
  const v = resource?.[ANNOTATION.deletionPolicy] ?? namespace?.[namespaceDeletionPolicyKey(service)];
  if (v === undefined) return flag;
  return v.trim().toLowerCase() === 'delete' ? 'delete' : 'retain';
}

export const DEFAULT_RESYNC_SECONDS = 10 * 60 * 60;
export const NOT_SYNCED_REQUEUE_MS = 30_000;

/** `--reconcile-resource-resync-seconds Kind=N` > descriptor > `--reconcile-default-resync-seconds` (>0) > 10 h. */
export function resyncSeconds(
  kind: string,
  perKind: Readonly<Record<string, number>>,
  descriptorSeconds: number | undefined,
  defaultSeconds: number,
): number {
  const k = Object.keys(perKind).find((name) => name.toLowerCase() === kind.toLowerCase());
  if (k !== undefined && (perKind[k] ?? 0) > 0) return perKind[k] as number;
  if (descriptorSeconds !== undefined && descriptorSeconds > 0) return descriptorSeconds;
  if (defaultSeconds > 0) return defaultSeconds;
  return DEFAULT_RESYNC_SECONDS;
}

/** Resource annotation, then the namespace default, then the flag / AWS_REGION. */
export function resolveRegion(resource: Annotations, namespace: Annotations, flag: string | undefined): string | undefined {
  return resource?.[ANNOTATION.region] || namespace?.[ANNOTATION.defaultRegion] || flag || undefined;
}

/**
 * Where calls go: once created, the region recorded in status sticks (deletes and reads go where the
 * resource lives; a changed annotation is drift), else the desired region.
 */
export function effectiveRegion(recorded: unknown, resource: Annotations, namespace: Annotations, flag: string | undefined): string | undefined {
  return typeof recorded === 'string' && recorded ? recorded : resolveRegion(resource, namespace, flag);
}

export function isReadOnly(resource: Annotations): boolean {
  return resource?.[ANNOTATION.readOnly]?.trim().toLowerCase() === 'true';
}

export function isAdopted(resource: Annotations): boolean {
  return resource?.[ANNOTATION.adopted]?.trim().toLowerCase() === 'true';
}

export type AdoptionPolicy = 'adopt' | 'adopt-or-create';

export type Adoption =
  | { readonly kind: 'none' }
  | { readonly kind: 'adopt'; readonly policy: AdoptionPolicy; readonly fields: Readonly<Record<string, string>> }
  | { readonly kind: 'invalid'; readonly message: string };

/** Parses `adoption-policy` and `adoption-fields` the way ACK validates them (§11). */
export function parseAdoption(resource: Annotations): Adoption {
  const policy = resource?.[ANNOTATION.adoptionPolicy];
  if (policy === undefined || policy === '') return { kind: 'none' };
  if (policy !== 'adopt' && policy !== 'adopt-or-create') {
    return { kind: 'invalid', message: `unrecognized adoption policy "${policy}": expected adopt or adopt-or-create` };
  }
  const raw = resource?.[ANNOTATION.adoptionFields];
  if (raw === undefined || raw === '') {
    if (policy === 'adopt') return { kind: 'invalid', message: `adoption policy "adopt" needs the ${ANNOTATION.adoptionFields} annotation` };
    return { kind: 'adopt', policy, fields: {} };
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
    return { kind: 'adopt', policy, fields };
  } catch (err) {
    // adopt-or-create tolerates bad fields: the identifiers are then taken from the spec (ACK §11).
    if (policy === 'adopt-or-create') return { kind: 'adopt', policy, fields: {} };
    return { kind: 'invalid', message: `unmarshalling adoption-fields annotation: ${(err as Error).message}` };
  }
}
