import type { ResourceHooks } from '../../../runtime/descriptor';
import { requeueUntilCanModify } from './common/modify';
import { syncedByStatus, type StatusRule } from './common/status';
import { stringAt } from './common/view';

// CreateFailed is settled but not terminal in ACK.
const RULE: StatusRule = { kind: 'Project', path: 'status.projectStatus', modifying: ['Pending', 'CreateInProgress', 'UpdateInProgress', 'DeleteInProgress'] };

export const project: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  beforeDelete: (latest) =>
    stringAt(latest, RULE.path) === 'DeleteCompleted' ? { skipDelete: true, reason: 'Project is DeleteCompleted' } : requeueUntilCanModify(RULE, latest),
};
