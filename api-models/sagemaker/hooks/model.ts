import type { ResourceHooks } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';

// ACK's customSetDefaults (container mode, repositoryAuthConfig) fill only fields the user left
// unset, which the runtime's delta never counts as drift (see defaults.test.ts).
export const model: ResourceHooks = {
  ...immutableKind('Model', 'create a new Model with a new modelName and point the EndpointConfig at it'),
};
