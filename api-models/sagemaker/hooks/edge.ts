import type { ResourceHooks } from '../../../runtime/descriptor';
import { immutableKind } from './common/immutable';
import { statefulResource } from './common/stateful';

/** Shadow tests of endpoint variants, and edge device fleets with their deployment plans. */
export const inferenceExperiment: ResourceHooks = statefulResource({
  kind: 'InferenceExperiment',
  path: 'status.status',
  modifying: ['Creating', 'Updating', 'Starting', 'Stopping'],
});
export const edgeDeploymentPlan: ResourceHooks = immutableKind('EdgeDeploymentPlan', 'create a new EdgeDeploymentPlan with a new edgeDeploymentPlanName');
