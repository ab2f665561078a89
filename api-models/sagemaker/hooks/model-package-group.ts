import type { ResourceHooks } from '../../../runtime/descriptor';
import { deleteThenWait } from './common/delete';
import { immutableKind } from './common/immutable';
import { syncedByStatus, type StatusRule } from './common/status';

const RULE: StatusRule = { kind: 'ModelPackageGroup', path: 'status.modelPackageGroupStatus', modifying: ['InProgress', 'Pending', 'Deleting'] };

export const modelPackageGroup: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  ...immutableKind('ModelPackageGroup', 'create a new ModelPackageGroup with a new modelPackageGroupName'),
  ...deleteThenWait(RULE),
};
