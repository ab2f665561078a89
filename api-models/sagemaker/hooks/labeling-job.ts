import type { ResourceHooks } from '../../../runtime/descriptor';
import { jobKind } from './common/job';

export const labelingJob: ResourceHooks = jobKind('LabelingJob', 'labelingJobStatus', 'labelingJobName');
