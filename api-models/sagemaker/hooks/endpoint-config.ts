import type { ResourceHooks } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';

// ACK's customSetDefaults (serverless volumeSizeInGB) fills only a field the user left unset, which
// the runtime's delta never counts as drift (see defaults.test.ts).
export const endpointConfig: ResourceHooks = {
  ...immutableKind('EndpointConfig', "create a new EndpointConfig with a new endpointConfigName and set the Endpoint's endpointConfigName to it"),
};
