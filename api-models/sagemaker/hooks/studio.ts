import type { ResourceHooks } from '../../../runtime/descriptor';
import { statefulResource } from './common/stateful';

/**
 * Domain, UserProfile and Space share ACK's status handling: not while Pending/Updating/Deleting,
 * and wait while deleting. (ACK misspells the Domain/UserProfile delete pre-check hook, so it never
 * runs there; here it does: AWS refuses those deletes anyway.)
 */
export function studioResource(kind: string): ResourceHooks {
  return statefulResource({ kind, path: 'status.status', modifying: ['Pending', 'Updating', 'Deleting'] });
}
