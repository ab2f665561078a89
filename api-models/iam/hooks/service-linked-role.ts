import type { HookContext, RequeueRequest, ResourceHooks, SdkObject } from '../../../runtime/descriptor';

/** How often to look at a service-linked role whose deletion AWS has not finished. */
export const DELETION_POLL_MS = 10_000;

/**
 * What GetServiceLinkedRoleDeletionStatus says about a deletion: done, still going (look again),
 * or failed (AWS keeps the role while a resource of the service uses it): an error with AWS's reason.
 */
export function deletionOutcome(status: SdkObject): 'done' | RequeueRequest | Error {
  const s = status.Status;
  if (s === 'SUCCEEDED') return 'done';
  if (s === 'FAILED') {
    const reason = status.Reason as { Reason?: unknown; RoleUsageList?: Array<{ Region?: unknown; Resources?: unknown[] }> } | undefined;
    const usage = (reason?.RoleUsageList ?? []).map((u) => `${String(u.Region)}: ${(u.Resources ?? []).join(', ')}`).join('; ');
    return new Error(`service-linked role deletion failed: ${String(reason?.Reason ?? 'no reason given')}${usage ? ` (in use: ${usage})` : ''}`);
  }
  return { requeueAfterMs: DELETION_POLL_MS, reason: `service-linked role deletion is ${String(s ?? 'pending')}` };
}

export const serviceLinkedRole: ResourceHooks = {
  /** DeleteServiceLinkedRole only starts the deletion: follow its task until AWS says how it ended. */
  async afterDelete(_latest, ctx: HookContext, output?: SdkObject) {
    const task = output?.DeletionTaskId;
    if (typeof task !== 'string') return undefined;
    const outcome = deletionOutcome(await ctx.call('GetServiceLinkedRoleDeletionStatus', { DeletionTaskId: task }));
    if (outcome instanceof Error) throw outcome;
    return outcome === 'done' ? undefined : outcome;
  },
};
