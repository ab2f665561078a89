import type { DeltaEntry, RequeueRequest, ResourceHooks, ResourceView, TerminalRequest } from '../../../runtime/descriptor';
import { isUnder } from '../../../runtime/convert/paths';
import { deleteThenWait } from './common/delete';
import { requeueUntilCanModify } from './common/modify';
import { terminal } from './common/requeue';
import { syncedByStatus, type StatusRule } from './common/status';
import { stringAt } from './common/view';

const RULE: StatusRule = {
  kind: 'Endpoint',
  path: 'status.endpointStatus',
  modifying: ['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting'],
  terminal: 'Failed',
};

/** The endpoint config of the last UpdateEndpoint, to recognise one SageMaker already rolled back. */
export const LAST_CONFIG_ANNOTATION = 'sagemaker.services.k8s.aws/last-endpoint-config-for-update';

/** ACK's requeueUntilCanModify + customUpdateEndpointPreChecks. */
export function checkEndpointUpdate(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): RequeueRequest | TerminalRequest | undefined {
  const busy = requeueUntilCanModify(RULE, latest);
  if (busy) return busy;
  const failureReason = stringAt(latest, 'status.failureReason');
  const lastTried = desired.annotations[LAST_CONFIG_ANNOTATION];
  const retryingRolledBack =
    failureReason !== undefined &&
    lastTried !== undefined &&
    // Internal service errors may succeed when tried again.
    !failureReason.startsWith('Request to service failed') &&
    delta.some((e) => isUnder(e.path, 'endpointConfigName')) &&
    desired.spec.endpointConfigName === lastTried;
  if (stringAt(latest, RULE.path) !== 'Failed' && !retryingRolledBack) return undefined;
  return terminal(
    'EndpointUpdateError',
    `api error EndpointUpdateError: unable to update endpoint. check FailureReason. latest EndpointConfigName is ${String(latest.spec.endpointConfigName)}`,
  );
}

export const endpoint: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  checkUpdate: checkEndpointUpdate,
  // SageMaker reports Updating only a moment later; saying so now keeps status and Synced consistent.
  afterUpdate: (desired) => ({
    annotations: { [LAST_CONFIG_ANNOTATION]: String(desired.spec.endpointConfigName) },
    status: { endpointStatus: 'Updating' },
  }),
  ...deleteThenWait(RULE),
};
