import type { ResourceHooks } from '../../../runtime/descriptor';
import { jobKind } from './common/job';

// ACK's customSetDefaults here fill only unset fields, never drift in the runtime.
export const processingJob: ResourceHooks = jobKind('ProcessingJob', 'processingJobStatus', 'processingJobName');
