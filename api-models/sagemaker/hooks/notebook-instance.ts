import type { HookContext, ObserveEffects, RequeueRequest, ResourceHooks, ResourceView, SdkObject, UpdateEffects } from '../../../runtime/descriptor';
import { requeueUntilCanModify } from './common/modify';
import { requeue } from './common/requeue';
import { syncedByStatus, type StatusRule } from './common/status';
import { stringAt } from './common/view';
import { disassociating, withRemovedAssociations } from './notebook-instance-update';

const RULE: StatusRule = { kind: 'NotebookInstance', path: 'status.notebookInstanceStatus', modifying: ['Pending', 'Updating', 'Deleting', 'Stopping'] };

/**
 * SageMaker updates only a stopped notebook. ACK stops an InService one (UpdatePending), updates it
 * once Stopped (UpdateTriggered), and starts it again when a read finds it Stopped after that update.
 * The field is how a later reconcile knows the controller, not the user, stopped it.
 */
export const STOPPED_BY_CONTROLLER = 'stoppedByControllerMetadata';
export const UPDATE_PENDING = 'UpdatePending';
export const UPDATE_TRIGGERED = 'UpdateTriggered';

// ACK's requeueWaitWhileStopping / requeueWaitWhileDeleting.
const STOPPING = 'NotebookInstance is stopping.';
const DELETING = 'NotebookInstance is deleting.';

const statusOf = (v: ResourceView) => stringAt(v, RULE.path);
const stoppedBy = (v: ResourceView) => stringAt(v, `status.${STOPPED_BY_CONTROLLER}`);

async function stop(latest: ResourceView, ctx: HookContext): Promise<void> {
  await ctx.call('StopNotebookInstance', { NotebookInstanceName: latest.spec.notebookInstanceName });
}

/** Update, step 1: an InService notebook is stopped first, and remembered as stopped for the update. */
export async function beforeNotebookUpdate(input: SdkObject, desired: ResourceView, latest: ResourceView, ctx: HookContext): Promise<SdkObject | RequeueRequest> {
  if (statusOf(latest) !== 'InService') return disassociating(input, desired, latest);
  await stop(latest, ctx);
  return { ...requeue(STOPPING), status: { [STOPPED_BY_CONTROLLER]: UPDATE_PENDING } };
}

/**
 * Update, step 2: UpdateNotebookInstance went out. Updating now (ACK's Synced message), and to be
 * started again afterwards only if the controller stopped it: one the user stopped stays stopped.
 */
export function afterNotebookUpdate(_desired: ResourceView, latest: ResourceView): UpdateEffects {
  const triggered = stoppedBy(latest) === UPDATE_PENDING ? { [STOPPED_BY_CONTROLLER]: UPDATE_TRIGGERED } : {};
  return { status: { notebookInstanceStatus: 'Updating', ...triggered } };
}

/** Update, step 3: stopped after the controller's update: start it, forget, and show it Pending. */
export async function restartAfterUpdate(latest: ResourceView, ctx: HookContext): Promise<ObserveEffects | undefined> {
  if (statusOf(latest) !== 'Stopped' || stoppedBy(latest) !== UPDATE_TRIGGERED) return undefined;
  await ctx.call('StartNotebookInstance', { NotebookInstanceName: latest.spec.notebookInstanceName });
  return { status: { [STOPPED_BY_CONTROLLER]: null, notebookInstanceStatus: 'Pending' } };
}

/**
 * SageMaker deletes only a Stopped (or Failed) notebook instance: an InService one is stopped first
 * and looked at again (ACK notebook_instance sdk_delete_pre_build_request: stop, requeue while
 * Stopping), then deleted and watched until a read finds nothing.
 */
export async function beforeNotebookDelete(latest: ResourceView, ctx: HookContext): Promise<RequeueRequest | undefined> {
  const busy = requeueUntilCanModify(RULE, latest);
  if (busy) return busy;
  if (statusOf(latest) !== 'InService') return undefined;
  await stop(latest, ctx);
  return requeue(STOPPING);
}

/** Describe names the lifecycle config NotebookInstanceLifecycleConfigName; the spec, LifecycleConfigName. */
function withLifecycleConfigName(output: SdkObject): SdkObject {
  const name = output.NotebookInstanceLifecycleConfigName;
  return name === undefined ? output : { ...output, LifecycleConfigName: name };
}

export const notebookInstance: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  afterReadOne: withLifecycleConfigName,
  afterObserve: restartAfterUpdate,
  customizeDelta: withRemovedAssociations,
  // Fields UpdateNotebookInstance cannot take are refused by the runtime (the descriptor's createOnly).
  checkUpdate: (_delta, _desired, latest) => requeueUntilCanModify(RULE, latest),
  beforeUpdate: (input, _delta, desired, latest, ctx) => beforeNotebookUpdate(input, desired, latest, ctx),
  afterUpdate: afterNotebookUpdate,
  beforeDelete: beforeNotebookDelete,
  afterDelete: () => requeue(DELETING),
};
