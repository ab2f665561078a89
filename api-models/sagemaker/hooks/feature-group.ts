import type { ResourceHooks } from '../../../runtime/descriptor';
import { deleteThenWait } from './common/delete';
import { immutableKind } from './common/immutable';
import { syncedByStatus, type StatusRule } from './common/status';

const RULE: StatusRule = { kind: 'FeatureGroup', path: 'status.featureGroupStatus', modifying: ['Creating', 'Deleting'], terminal: 'CreateFailed' };

export const featureGroup: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  ...immutableKind('FeatureGroup', 'create a new FeatureGroup with a new featureGroupName'),
  ...deleteThenWait(RULE, 'deleting'),
};
