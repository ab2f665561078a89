import type { ResourceHooks } from '../../../runtime/descriptor';
import { deleteThenWait } from './common/delete';
import { requeueUntilCanModify } from './common/modify';
import { syncedByStatus, type StatusRule } from './common/status';

const RULE: StatusRule = { kind: 'ModelPackage', path: 'status.modelPackageStatus', modifying: ['InProgress', 'Pending', 'Deleting'], terminal: 'Failed' };

export const modelPackage: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  checkUpdate: (_delta, _desired, latest) => requeueUntilCanModify(RULE, latest),
  ...deleteThenWait(RULE),
};
