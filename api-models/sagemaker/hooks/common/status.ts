import type { ResourceView, SyncedVerdict } from '../../../../runtime/descriptor';
import { stringAt } from './view';

/**
 * A kind whose AWS status says whether it is settled (ACK pkg/common): synced unless the status is
 * one of `modifying`; `terminal` (when given) is a status AWS will not leave by itself.
 */
export interface StatusRule {
  readonly kind: string;
  /** JSON path of the status field, e.g. "status.endpointStatus". */
  readonly path: string;
  readonly modifying: readonly string[];
  readonly terminal?: string;
}

/** ACK's SetSyncedCondition + SetTerminalState. No status yet: no verdict of ours (ACK sets nothing). */
export function statusVerdict(rule: StatusRule, status: string | undefined): SyncedVerdict {
  if (status === undefined) return { synced: true };
  const verdict: SyncedVerdict = { synced: !rule.modifying.includes(status), message: syncedMessage(rule.kind, status) };
  return status === rule.terminal
    ? { ...verdict, terminal: `${rule.kind} status reached terminal state: ${status}. Check the FailureReason.` }
    : verdict;
}

export function syncedMessage(kind: string, status: string): string {
  return `${kind} is in ${status} status.`;
}

/** The isSynced hook for a StatusRule. */
export function syncedByStatus(rule: StatusRule): (latest: ResourceView) => SyncedVerdict {
  return (latest) => statusVerdict(rule, stringAt(latest, rule.path));
}
