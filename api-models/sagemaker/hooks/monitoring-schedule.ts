import type { RequeueRequest, ResourceHooks, ResourceView } from '../../../runtime/descriptor';
import { requeue } from './common/requeue';
import { syncedByStatus, type StatusRule } from './common/status';
import { stringAt } from './common/view';

const RULE: StatusRule = { kind: 'MonitoringSchedule', path: 'status.monitoringScheduleStatus', modifying: ['Pending'], terminal: 'Failed' };
const RUNNING_EXECUTION = ['Pending', 'InProgress', 'Stopping'];

/** Neither a Pending schedule nor one whose last monitoring job still runs may change. */
export function requeueUntilScheduleCanModify(latest: ResourceView): RequeueRequest | undefined {
  const schedule = stringAt(latest, RULE.path);
  if (schedule === undefined) return undefined;
  const execution = stringAt(latest, 'status.lastMonitoringExecutionSummary.monitoringExecutionStatus');
  if (execution !== undefined && RUNNING_EXECUTION.includes(execution)) {
    return requeue(`Monitoring Job in ${execution} state, MonitoringSchedule cannot be modified or deleted.`);
  }
  return schedule === 'Pending' ? requeue('MonitoringSchedule in Pending state cannot be modified or deleted.') : undefined;
}

export const monitoringSchedule: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  checkUpdate: (_delta, _desired, latest) => requeueUntilScheduleCanModify(latest),
  // SageMaker moves the schedule to Pending on update; ACK judges Synced as if it had already.
  afterUpdate: () => ({ status: { monitoringScheduleStatus: 'Pending' } }),
  beforeDelete: (latest) => requeueUntilScheduleCanModify(latest),
  afterDelete: () => requeue('MonitoringSchedule is Deleting.'),
};
