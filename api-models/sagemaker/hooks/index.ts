import type { ServiceHooks } from '../../../runtime/descriptor';
import { app } from './app';
import { domain } from './domain';
import { endpoint } from './endpoint';
import { endpointConfig } from './endpoint-config';
import { featureGroup } from './feature-group';
import { hyperParameterTuningJob } from './hyper-parameter-tuning-job';
import { inferenceComponent } from './inference-component';
import {
  dataQualityJobDefinition,
  modelBiasJobDefinition,
  modelExplainabilityJobDefinition,
  modelQualityJobDefinition,
} from './job-definitions';
import { labelingJob } from './labeling-job';
import { model } from './model';
import { modelPackage } from './model-package';
import { modelPackageGroup } from './model-package-group';
import { monitoringSchedule } from './monitoring-schedule';
import { notebookInstance } from './notebook-instance';
import { notebookInstanceLifecycleConfig } from './notebook-instance-lifecycle-config';
import { pipeline } from './pipeline';
import { pipelineExecution } from './pipeline-execution';
import { processingJob } from './processing-job';
import { project } from './project';
import { space } from './space';
import { trainingJob } from './training-job';
import { transformJob } from './transform-job';
import { userProfile } from './user-profile';

export const hooks: ServiceHooks = {
  App: app,
  DataQualityJobDefinition: dataQualityJobDefinition,
  Domain: domain,
  Endpoint: endpoint,
  EndpointConfig: endpointConfig,
  FeatureGroup: featureGroup,
  HyperParameterTuningJob: hyperParameterTuningJob,
  InferenceComponent: inferenceComponent,
  LabelingJob: labelingJob,
  Model: model,
  ModelBiasJobDefinition: modelBiasJobDefinition,
  ModelExplainabilityJobDefinition: modelExplainabilityJobDefinition,
  ModelPackage: modelPackage,
  ModelPackageGroup: modelPackageGroup,
  ModelQualityJobDefinition: modelQualityJobDefinition,
  MonitoringSchedule: monitoringSchedule,
  NotebookInstance: notebookInstance,
  NotebookInstanceLifecycleConfig: notebookInstanceLifecycleConfig,
  Pipeline: pipeline,
  PipelineExecution: pipelineExecution,
  ProcessingJob: processingJob,
  Project: project,
  Space: space,
  TrainingJob: trainingJob,
  TransformJob: transformJob,
  UserProfile: userProfile,
};
