import type { DeltaEntry, RequeueRequest, ResourceHooks, ResourceView, SdkObject, TerminalRequest } from '../../../runtime/descriptor';
import { isObject } from '../../../runtime/convert/paths';
import { deleteThenWait } from './common/delete';
import { canonicalJson } from './common/json';
import { requeueUntilCanModify } from './common/modify';
import { terminal } from './common/requeue';
import { syncedByStatus, type StatusRule } from './common/status';
import { stringAt } from './common/view';

const RULE: StatusRule = {
  kind: 'InferenceComponent',
  path: 'status.inferenceComponentStatus',
  modifying: ['Creating', 'Updating', 'Deleting'],
  terminal: 'Failed',
};

/** The spec (without tags) of the last UpdateInferenceComponent, to recognise one SageMaker rolled back. */
export const LAST_SPEC_ANNOTATION = 'sagemaker.services.k8s.aws/last-spec-for-update';

export function lastSpecForUpdate(spec: Readonly<Record<string, unknown>>): string {
  const { tags: _tags, ...rest } = spec;
  return canonicalJson(rest);
}

export function checkInferenceComponentUpdate(_delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): RequeueRequest | TerminalRequest | undefined {
  const busy = requeueUntilCanModify(RULE, latest);
  if (busy) return busy;
  const lastTried = desired.annotations[LAST_SPEC_ANNOTATION];
  const retryingRolledBack =
    stringAt(latest, 'status.failureReason') !== undefined && lastTried !== undefined && sameJson(lastTried, lastSpecForUpdate(desired.spec));
  if (stringAt(latest, RULE.path) !== 'Failed' && !retryingRolledBack) return undefined;
  return terminal('InferenceComponentUpdateError', 'api error InferenceComponentUpdateError: Unable to update inference component. Check FailureReason.');
}

function sameJson(annotation: string, canonical: string): boolean {
  try {
    return canonicalJson(JSON.parse(annotation)) === canonical;
  } catch {
    return false;
  }
}

/** Describe reports the copy count as RuntimeConfig.DesiredCopyCount; the spec calls it copyCount. */
export function withSpecCopyCount(output: SdkObject): SdkObject {
  const rc = output.RuntimeConfig;
  if (!isObject(rc) || rc.DesiredCopyCount === undefined) return output;
  return { ...output, RuntimeConfig: { ...rc, CopyCount: rc.DesiredCopyCount } };
}

export const inferenceComponent: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  afterReadOne: (output) => withSpecCopyCount(output),
  checkUpdate: checkInferenceComponentUpdate,
  afterUpdate: (desired) => ({ annotations: { [LAST_SPEC_ANNOTATION]: lastSpecForUpdate(desired.spec) } }),
  ...deleteThenWait(RULE),
};
