import type { ResourceHooks } from '../../../../runtime/descriptor';
import { jobDelete } from './delete';
import { immutableKind } from './immutable';
import { syncedByStatus } from './status';

/**
 * A SageMaker job kind without an update API (Processing, Transform, Labeling, HPO): unsynced while
 * InProgress or Stopping, Failed settled and not terminal, stopped on delete.
 */
export function jobKind(kind: string, statusField: string, nameField: string): ResourceHooks {
  const path = `status.${statusField}`;
  return {
    isSynced: syncedByStatus({ kind, path, modifying: ['InProgress', 'Stopping'] }),
    ...immutableKind(kind, `create a new ${kind} with a new ${nameField}`),
    ...jobDelete({ kind, path, running: 'InProgress' }),
  };
}
