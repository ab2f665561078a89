import type { ResourceHooks } from '../../../../runtime/descriptor';
import { deleteThenWait } from './delete';
import { requeueUntilCanModify } from './modify';
import { syncedByStatus, type StatusRule } from './status';

/**
 * A resource whose AWS status says when it is busy (ACK's common pattern): unsynced, not updated
 * and not deleted while the status is one of `modifying`, and watched until gone after Delete.
 */
export function statefulResource(rule: StatusRule): ResourceHooks {
  return {
    isSynced: syncedByStatus(rule),
    checkUpdate: (_delta, _desired, latest) => requeueUntilCanModify(rule, latest),
    ...deleteThenWait(rule),
  };
}
