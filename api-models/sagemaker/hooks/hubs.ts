import type { ResourceHooks } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';
import { statefulResource } from './common/stateful';

/** Private hubs and the algorithms published to SageMaker. */
export const hub: ResourceHooks = statefulResource({ kind: 'Hub', path: 'status.hubStatus', modifying: ['Creating', 'Updating', 'Deleting'] });
export const algorithm: ResourceHooks = {
  ...statefulResource({ kind: 'Algorithm', path: 'status.algorithmStatus', modifying: ['Pending', 'InProgress', 'Deleting'] }),
  ...immutableKind('Algorithm', 'create a new Algorithm with a new algorithmName'),
};
export const hubContentReference: ResourceHooks = statefulResource({
  kind: 'HubContentReference',
  path: 'status.hubContentStatus',
  modifying: ['Importing', 'Deleting'],
});
