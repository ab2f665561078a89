import type { ResourceHooks } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';
import { requeueUntilCanModify } from './common/modify';
import { requeue } from './common/requeue';
import { syncedByStatus, type StatusRule } from './common/status';
import { stringAt } from './common/view';

const RULE: StatusRule = { kind: 'App', path: 'status.status', modifying: ['Pending', 'Deleting'] };

export const app: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  ...immutableKind('App', 'create a new App with a new appName'),
  // A deleted app stays describable with status Deleted: nothing left to delete.
  beforeDelete: (latest) =>
    stringAt(latest, RULE.path) === 'Deleted' ? { skipDelete: true, reason: 'App is Deleted' } : requeueUntilCanModify(RULE, latest),
  afterDelete: () => requeue('App is Deleting.'),
};
