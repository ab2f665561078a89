import type { HookContext, RequeueRequest, ResourceHooks, ResourceView } from '../../../runtime/descriptor';
import { requeueUntilCanModify } from './common/modify';
import { requeue } from './common/requeue';
import { syncedByStatus, type StatusRule } from './common/status';
import { stringAt } from './common/view';

const RULE: StatusRule = { kind: 'NotebookInstance', path: 'status.notebookInstanceStatus', modifying: ['Pending', 'Updating', 'Deleting', 'Stopping'] };

/**
 * SageMaker deletes only a Stopped (or Failed) notebook instance: an InService one is stopped first
 * and looked at again (ACK notebook_instance sdk_delete_pre_build_request: stop, requeue while
 * Stopping), then deleted and watched until a read finds nothing.
 */
export async function beforeNotebookDelete(latest: ResourceView, ctx: HookContext): Promise<RequeueRequest | undefined> {
  const busy = requeueUntilCanModify(RULE, latest);
  if (busy) return busy;
  if (stringAt(latest, RULE.path) !== 'InService') return undefined;
  await ctx.call('StopNotebookInstance', { NotebookInstanceName: latest.spec.notebookInstanceName });
  return requeue('NotebookInstance is Stopping.');
}

export const notebookInstance: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  beforeDelete: beforeNotebookDelete,
  afterDelete: () => requeue('NotebookInstance is Deleting.'),
};
