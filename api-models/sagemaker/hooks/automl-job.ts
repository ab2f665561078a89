import type { ResourceHooks } from '../../../runtime/descriptor';
import { jobDelete } from './common/delete';
import { immutableKind } from './common/immutable';
import { statusChangeEvents } from './common/progress';
import { syncedByStatus } from './common/status';

/**
 * AutoMLJob (deprecated by AWS, still served) and AutoMLJobV2: both are stopped by StopAutoMLJob,
 * report progress through the secondary status, and cannot be changed once created.
 */
function autoMLKind(kind: string): ResourceHooks {
  const path = 'status.autoMLJobStatus';
  return {
    isSynced: syncedByStatus({ kind, path, modifying: ['InProgress', 'Stopping'] }),
    events: statusChangeEvents(kind, [path, 'status.autoMLJobSecondaryStatus']),
    ...immutableKind(kind, 'create a new job with a new autoMLJobName'),
    ...jobDelete({ kind, path, running: 'InProgress' }),
  };
}

export const autoMLJob = autoMLKind('AutoMLJob');
export const autoMLJobV2 = autoMLKind('AutoMLJobV2');
