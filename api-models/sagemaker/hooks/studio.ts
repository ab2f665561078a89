import type { ResourceHooks } from '../../../runtime/descriptor';
import { deleteThenWait } from './common/delete';
import { requeueUntilCanModify } from './common/modify';
import { syncedByStatus, type StatusRule } from './common/status';

/**
 * Domain, UserProfile and Space share ACK's status handling: not while Pending/Updating/Deleting,
 * and wait while deleting. (ACK misspells the Domain/UserProfile delete pre-check hook, so it never
 * runs there; here it does: AWS refuses those deletes anyway.)
 */
export function studioResource(kind: string): ResourceHooks {
  const rule: StatusRule = { kind, path: 'status.status', modifying: ['Pending', 'Updating', 'Deleting'] };
  return {
    isSynced: syncedByStatus(rule),
    checkUpdate: (_delta, _desired, latest) => requeueUntilCanModify(rule, latest),
    ...deleteThenWait(rule),
  };
}
