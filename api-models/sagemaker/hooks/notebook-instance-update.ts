import type { DeltaEntry, ResourceView, SdkObject } from '../../../runtime/descriptor';

/** Associations SageMaker drops only when told to: spec field → UpdateNotebookInstance flag. */
export const DISASSOCIATE: Readonly<Record<string, string>> = {
  acceleratorTypes: 'DisassociateAcceleratorTypes',
  additionalCodeRepositories: 'DisassociateAdditionalCodeRepositories',
  defaultCodeRepository: 'DisassociateDefaultCodeRepository',
  lifecycleConfigName: 'DisassociateLifecycleConfig',
};

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

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
