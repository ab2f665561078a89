import type { ResourceHooks, ResourceView, SdkObject } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';
import { statefulResource } from './common/stateful';
import { syncedByStatus } from './common/status';

/**
 * DescribeCluster reports each instance group's size as TargetCount/CurrentCount, never the
 * InstanceCount the spec asked for: the target is that count, so a read compares like with like
 * instead of seeing every group resized.
 */
export function withInstanceCounts(output: SdkObject): SdkObject {
  const groups = output.InstanceGroups;
  if (!Array.isArray(groups)) return output;
  return {
    ...output,
    InstanceGroups: groups.map((g: SdkObject) => (g.InstanceCount !== undefined || g.TargetCount === undefined ? g : { ...g, InstanceCount: g.TargetCount })),
  };
}

/** A HyperPod cluster: busy while AWS creates, updates, rolls back or patches it; Failed is terminal. */
export const cluster: ResourceHooks = {
  ...statefulResource({
    kind: 'Cluster',
    path: 'status.clusterStatus',
    modifying: ['Creating', 'Updating', 'RollingBack', 'SystemUpdating', 'Deleting'],
    terminal: 'Failed',
  }),
  afterReadOne: withInstanceCounts,
};

/**
 * Scheduler configs and compute quotas are versioned: an update names the version it replaces
 * (TargetVersion), which is the one the last read reported.
 */
function versioned(kind: string, versionField: string): ResourceHooks {
  return {
    ...statefulResource({ kind, path: 'status.status', modifying: ['Creating', 'Updating', 'Deleting'] }),
    beforeUpdate: (input: SdkObject, _delta, _desired, latest: ResourceView) => ({ ...input, TargetVersion: latest.status[versionField] }),
  };
}

export const clusterSchedulerConfig = versioned('ClusterSchedulerConfig', 'clusterSchedulerConfigVersion');
export const computeQuota = versioned('ComputeQuota', 'computeQuotaVersion');

/** A training plan is a reservation: it cannot be changed or cancelled, only left to expire. */
export const trainingPlan: ResourceHooks = {
  isSynced: syncedByStatus({ kind: 'TrainingPlan', path: 'status.status', modifying: ['Pending'] }),
  ...immutableKind('TrainingPlan', 'create a new TrainingPlan from another offering'),
  beforeDelete: () => ({ skipDelete: true, reason: 'SageMaker has no API to delete a training plan; it ends at its endTime' }),
};
