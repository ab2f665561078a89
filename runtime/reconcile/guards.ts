import type { DeltaEntry, GuardRule, RequeueRequest, ResourceDescriptor, SdkObject, ShapeTable } from '../descriptor';
import { evaluateSynced } from './synced';

/**
 * ACK's updateable/deletable: the call waits while the resource is in a state AWS refuses it in
 * (a DynamoDB table not ACTIVE answers UpdateTable with ResourceInUseException). Undefined: go ahead.
 */
export function guardWait(guard: GuardRule | undefined, resource: { spec: unknown; status: unknown }, call: 'update' | 'delete'): RequeueRequest | undefined {
  if (!guard) return undefined;
  const v = evaluateSynced(guard.when, resource);
  if (v.synced) return undefined;
  return { requeueAfterMs: guard.requeueAfterSeconds * 1000, reason: `${call} waits: ${v.message ?? 'resource not ready'}` };
}

/**
 * ACK update_operation.omit_unchanged_fields: the update input keeps the identifiers and the members
 * of the spec fields that differ, and drops the other spec members (DynamoDB's UpdateTable refuses a
 * provisioned throughput or stream specification it already has). Pure.
 */
export function omitUnchanged(
  input: SdkObject,
  d: Pick<ResourceDescriptor, 'specShape' | 'primaryKey'>,
  shapes: ShapeTable,
  renames: Readonly<Record<string, string>> | undefined,
  delta: readonly DeltaEntry[],
): SdkObject {
  const changed = new Set(delta.map((e) => e.path.split('.')[0]));
  const keys = new Set(d.primaryKey.filter((p) => p.startsWith('spec.')).map((p) => p.slice(5).split('.')[0]));
  const out: SdkObject = { ...input };
  for (const f of shapes[d.specShape] ?? []) {
    if (changed.has(f.json) || keys.has(f.json)) continue;
    delete out[renames?.[f.sdk] ?? f.sdk];
  }
  return out;
}
