import type { ResourceHooks } from '../../../runtime/descriptor';
import { jobKind } from './common/job';
import { withoutInjectedHyperParameters } from './hyper-parameter-tuning-job-defaults';

export const hyperParameterTuningJob: ResourceHooks = {
  ...jobKind('HyperParameterTuningJob', 'hyperParameterTuningJobStatus', 'hyperParameterTuningJobName'),
  afterReadOne: (output) => withoutInjectedHyperParameters(output),
};
