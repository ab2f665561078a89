import type { DeltaEntry, RequeueRequest, ResourceHooks, ResourceView, SdkObject, TerminalRequest } from '../../../../runtime/descriptor';
import { isTerminal } from './requeue';

export type UpdateCheck = (delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView) => void | RequeueRequest | TerminalRequest;
export type InputAdjustment = (input: SdkObject, delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView) => SdkObject;

/**
 * checkUpdate, plus a beforeUpdate that repeats the check for runtimes that do not run checkUpdate
 * yet: there a refusal is thrown as an AWS-style error named by its reason, so the runtime's error
 * classification applies (Terminal when the reason is one of the kind's terminal codes, such as
 * EndpointUpdateError; otherwise Recoverable) and the bad update never reaches AWS.
 */
export function gatedUpdate(check: UpdateCheck, adjust: InputAdjustment = (input) => input): Pick<ResourceHooks, 'checkUpdate' | 'beforeUpdate'> {
  return {
    checkUpdate: check,
    beforeUpdate(input, delta, desired, latest) {
      const verdict = check(delta, desired, latest);
      if (isTerminal(verdict)) throw Object.assign(new Error(verdict.message), { name: verdict.reason });
      return verdict ?? adjust(input, delta, desired, latest);
    },
  };
}
