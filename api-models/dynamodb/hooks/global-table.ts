import type { DeltaEntry, ResourceHooks, ResourceView, SdkObject } from '../../../runtime/descriptor';

/**
 * DynamoDB GlobalTable (version 2017.11.29), as ACK's dynamodb-controller: the replication group
 * (custom_sync) changes through UpdateGlobalTable's ReplicaUpdates, one Create or Delete per Region,
 * and the global table is deleted by removing every replica (UpdateGlobalTable is also its delete
 * operation; ACK's customSetDeleteInput).
 */

const regions = (spec: Readonly<Record<string, unknown>>): string[] =>
  (Array.isArray(spec.replicationGroup) ? spec.replicationGroup : [])
    .map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>).regionName : undefined))
    .filter((r): r is string => typeof r === 'string');

/** The ReplicaUpdates that take AWS's replication group to the spec's: removals first, then additions. */
export function replicaUpdates(desired: Readonly<Record<string, unknown>>, latest: Readonly<Record<string, unknown>>): SdkObject[] {
  const want = new Set(regions(desired));
  const have = new Set(regions(latest));
  return [
    ...[...have].filter((r) => !want.has(r)).map((RegionName) => ({ Delete: { RegionName } })),
    ...[...want].filter((r) => !have.has(r)).map((RegionName) => ({ Create: { RegionName } })),
  ];
}

export const globalTable: ResourceHooks = {
  /** The replication group is a set of Regions: its order is not drift. */
  customizeDelta(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): readonly DeltaEntry[] {
    return delta.filter((e) => e.path !== 'replicationGroup' || replicaUpdates(desired.spec, latest.spec).length > 0);
  },

  beforeUpdate(input: SdkObject, _delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): SdkObject {
    return { ...input, ReplicaUpdates: replicaUpdates(desired.spec, latest.spec) };
  },

  /** Deleting the global table removes every replica from it. */
  deleteInput(input: SdkObject, latest: ResourceView): SdkObject {
    return { ...input, ReplicaUpdates: regions(latest.spec).map((RegionName) => ({ Delete: { RegionName } })) };
  },
};
