import type { ServiceHooks } from '../../../runtime/descriptor';
import { endpoint } from './endpoint';
import { endpointConfig } from './endpoint-config';
import { model } from './model';
import { trainingJob } from './training-job';

export const hooks: ServiceHooks = {
  Endpoint: endpoint,
  EndpointConfig: endpointConfig,
  Model: model,
  TrainingJob: trainingJob,
};
