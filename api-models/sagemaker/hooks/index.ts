import type { ServiceHooks } from '../../../runtime/descriptor';
import { app } from './app';
import { algorithm, hub, hubContentReference } from './hubs';
import { autoMLJob, autoMLJobV2 } from './automl-job';
import { cluster, clusterSchedulerConfig, computeQuota, trainingPlan } from './clusters';
import { compilationJob, edgePackagingJob, inferenceRecommendationsJob, optimizationJob } from './model-jobs';
import { edgeDeploymentPlan, inferenceExperiment } from './edge';
import { flowDefinition, humanTaskUI, workforce } from './labeling';
import { image, imageVersion, mlflowTrackingServer, partnerApp, studioLifecycleConfig } from './studio-resources';
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
  Algorithm: algorithm,
  App: app,
  AutoMLJob: autoMLJob,
  AutoMLJobV2: autoMLJobV2,
  Cluster: cluster,
  ClusterSchedulerConfig: clusterSchedulerConfig,
  CompilationJob: compilationJob,
  ComputeQuota: computeQuota,
  DataQualityJobDefinition: dataQualityJobDefinition,
  Domain: domain,
  EdgeDeploymentPlan: edgeDeploymentPlan,
  EdgePackagingJob: edgePackagingJob,
  Endpoint: endpoint,
  EndpointConfig: endpointConfig,
  FeatureGroup: featureGroup,
  FlowDefinition: flowDefinition,
  Hub: hub,
  HubContentReference: hubContentReference,
  HumanTaskUI: humanTaskUI,
  HyperParameterTuningJob: hyperParameterTuningJob,
  Image: image,
  ImageVersion: imageVersion,
  InferenceComponent: inferenceComponent,
  InferenceExperiment: inferenceExperiment,
  InferenceRecommendationsJob: inferenceRecommendationsJob,
  LabelingJob: labelingJob,
  MlflowTrackingServer: mlflowTrackingServer,
  Model: model,
  ModelBiasJobDefinition: modelBiasJobDefinition,
  ModelExplainabilityJobDefinition: modelExplainabilityJobDefinition,
  ModelPackage: modelPackage,
  ModelPackageGroup: modelPackageGroup,
  ModelQualityJobDefinition: modelQualityJobDefinition,
  MonitoringSchedule: monitoringSchedule,
  NotebookInstance: notebookInstance,
  NotebookInstanceLifecycleConfig: notebookInstanceLifecycleConfig,
  OptimizationJob: optimizationJob,
  PartnerApp: partnerApp,
  Pipeline: pipeline,
  PipelineExecution: pipelineExecution,
  ProcessingJob: processingJob,
  Project: project,
  Space: space,
  StudioLifecycleConfig: studioLifecycleConfig,
  TrainingJob: trainingJob,
  TrainingPlan: trainingPlan,
  TransformJob: transformJob,
  UserProfile: userProfile,
  Workforce: workforce,
};
