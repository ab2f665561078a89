import type { ResourceHooks } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';
import { statefulResource } from './common/stateful';

/** Private workforces, human review flows and their task UIs. */
export const workforce: ResourceHooks = statefulResource({ kind: 'Workforce', path: 'status.status', modifying: ['Initializing', 'Updating', 'Deleting'], terminal: 'Failed' });
export const flowDefinition: ResourceHooks = {
  ...statefulResource({ kind: 'FlowDefinition', path: 'status.flowDefinitionStatus', modifying: ['Initializing', 'Deleting'], terminal: 'Failed' }),
  ...immutableKind('FlowDefinition', 'create a new FlowDefinition with a new flowDefinitionName'),
};
export const humanTaskUI: ResourceHooks = {
  ...statefulResource({ kind: 'HumanTaskUI', path: 'status.humanTaskUIStatus', modifying: ['Deleting'] }),
  ...immutableKind('HumanTaskUI', 'create a new HumanTaskUI with a new humanTaskUIName'),
};
