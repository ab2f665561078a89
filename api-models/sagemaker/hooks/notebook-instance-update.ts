import type { DeltaEntry, ResourceView, SdkObject, TerminalRequest } from '../../../runtime/descriptor';
import { isUnder } from '../../../runtime/convert/paths';
import { terminal } from './common/requeue';

/**
 * Spec fields CreateNotebookInstance takes and UpdateNotebookInstance does not. ACK lets such a change
 * through, and every resync then stops, "updates" and starts the notebook again; refused instead.
 */
export const CREATE_ONLY = ['directInternetAccess', 'kmsKeyID', 'platformIdentifier', 'securityGroupIDs', 'subnetID'] as const;

/** Associations SageMaker drops only when told to: spec field → UpdateNotebookInstance flag. */
export const DISASSOCIATE: Readonly<Record<string, string>> = {
  acceleratorTypes: 'DisassociateAcceleratorTypes',
  additionalCodeRepositories: 'DisassociateAdditionalCodeRepositories',
  defaultCodeRepository: 'DisassociateDefaultCodeRepository',
  lifecycleConfigName: 'DisassociateLifecycleConfig',
};

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

export function refuseCreateOnly(delta: readonly DeltaEntry[]): TerminalRequest | undefined {
  const frozen = delta.filter((e) => CREATE_ONLY.some((p) => isUnder(e.path, p))).map((e) => `spec.${e.path}`);
  if (!frozen.length) return undefined;
  return terminal(
    'ImmutableFieldChanged',
    `${frozen.join(', ')} cannot be changed after creation (UpdateNotebookInstance does not take it); revert the change or recreate the resource`,
  );
}

/** Associations AWS reports that the spec no longer names (ACK handleUpdateOnlyParameters). */
export function removedAssociations(desired: ResourceView, latest: ResourceView): string[] {
  return Object.keys(DISASSOCIATE).filter((f) => !present(desired.spec[f]) && present(latest.spec[f]));
}

/** The runtime's delta skips fields the spec leaves unset; a removed association is a change here, as in ACK. */
export function withRemovedAssociations(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): readonly DeltaEntry[] {
  const extra = removedAssociations(desired, latest)
    .filter((path) => !delta.some((e) => e.path === path))
    .map((path) => ({ path, desired: undefined, latest: latest.spec[path] }));
  return extra.length ? [...delta, ...extra] : delta;
}

/** The Update input with Disassociate*=true for each removed association. */
export function disassociating(input: SdkObject, desired: ResourceView, latest: ResourceView): SdkObject {
  const flags = Object.fromEntries(removedAssociations(desired, latest).map((f) => [DISASSOCIATE[f]!, true]));
  return { ...input, ...flags };
}
