// Create/read/delete of every SageMaker kind moto 5.2.5 serves beyond the walkthrough's (TrainingJob,
// Model, EndpointConfig, Endpoint), plus a StepScaling ScalingPolicy: manifests written with ACK's field
// names, applied with kubectl, reconciled by the generated controllers (in-process) against moto behind
// the scenario proxy, and checked in AWS with the SDK. Creates run one kind at a time (each settles in
// about a second); deletes are issued together because several kinds wait ACK's 30 s before looking again.
import {
  ApplicationAutoScalingClient,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeDomainCommand,
  DescribeFeatureGroupCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeNotebookInstanceCommand,
  DescribeNotebookInstanceLifecycleConfigCommand,
  DescribePipelineCommand,
  DescribePipelineExecutionCommand,
  DescribeProcessingJobCommand,
  DescribeTransformJobCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { withControllers } from '../e2e/with-controllers';
import { kubectl } from '../env/context';
import { AUTOSCALING, SAGEMAKER, condition, gone, installCrds, ref, startControllers, synced, until, type Controllers, type Ref } from '../e2e/controllers';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/sagemaker-execution-role`;
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1';
const BUCKET = 's3://example-sagemaker-bucket/ack-ts-kinds';
const arnOf = (type: string, name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${type}/${name}`;

const ns = uniqueName('sm-kinds');
const n = {
  model: uniqueName('model'),
  processing: uniqueName('processing'),
  transform: uniqueName('transform'),
  tuning: uniqueName('hpo'),
  domain: uniqueName('domain'),
  lifecycle: uniqueName('nilc'),
  notebook: uniqueName('notebook'),
  group: uniqueName('mpg'),
  featureGroup: uniqueName('fg'),
  pipeline: uniqueName('pipeline'),
  dataQuality: uniqueName('dq'),
  modelBias: uniqueName('mb'),
  modelQuality: uniqueName('mq'),
  explainability: uniqueName('mx'),
  endpoint: uniqueName('ep'),
  stepPolicy: uniqueName('step'),
};

const K = {
  model: ref(SAGEMAKER, 'models'),
  processing: ref(SAGEMAKER, 'processingjobs'),
  transform: ref(SAGEMAKER, 'transformjobs'),
  tuning: ref(SAGEMAKER, 'hyperparametertuningjobs'),
  domain: ref(SAGEMAKER, 'domains'),
  lifecycle: ref(SAGEMAKER, 'notebookinstancelifecycleconfigs'),
  notebook: ref(SAGEMAKER, 'notebookinstances'),
  group: ref(SAGEMAKER, 'modelpackagegroups'),
  modelPackage: ref(SAGEMAKER, 'modelpackages'),
  featureGroup: ref(SAGEMAKER, 'featuregroups'),
  pipeline: ref(SAGEMAKER, 'pipelines'),
  execution: ref(SAGEMAKER, 'pipelineexecutions'),
  dataQuality: ref(SAGEMAKER, 'dataqualityjobdefinitions'),
  modelBias: ref(SAGEMAKER, 'modelbiasjobdefinitions'),
  modelQuality: ref(SAGEMAKER, 'modelqualityjobdefinitions'),
  explainability: ref(SAGEMAKER, 'modelexplainabilityjobdefinitions'),
  target: ref(AUTOSCALING, 'scalabletargets'),
  policy: ref(AUTOSCALING, 'scalingpolicies'),
};

let aws: TestAws;
let c: Controllers;
let sm: SageMakerClient;
let aas: ApplicationAutoScalingClient;
/** Proxy call-log position when this file started: only calls after it are this file's. */
let start = 0;

function apply(yaml: string): void {
  const r = kubectl(['apply', '-n', ns, '-f', '-'], { input: yaml });
  if (r.status !== 0) throw new Error(`kubectl apply: ${r.stderr}\n${yaml}`);
}

function remove(plural: string, name: string): void {
  const r = kubectl(['delete', plural, name, '-n', ns, '--wait=false']);
  if (r.status !== 0) throw new Error(`kubectl delete ${plural}/${name}: ${r.stderr}`);
}

const status = (o: KubeObject) => o.status as Record<string, any>;
const arnIn = (o: KubeObject): unknown => status(o)['ackResourceMetadata']?.arn;

/** The finalizer is kept because AWS (here: moto) could not delete: the condition says why. */
const deleteRefused = (c: Controllers, r: Ref, name: string) =>
  until(c, r, ns, name, (o) => o.metadata.deletionTimestamp !== undefined && condition(o, 'ACK.ResourceSynced')?.reason === 'DeleteFailed', 'delete refused (DeleteFailed)', 60_000);

/** What a user does when AWS cannot delete the resource: drop the finalizer, leaving it in AWS. */
function releaseFinalizer(plural: string, name: string): void {
  const r = kubectl(['patch', plural, name, '-n', ns, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
  if (r.status !== 0) throw new Error(`releasing ${plural}/${name}: ${r.stderr}`);
}

async function calls(operation: string): Promise<string[]> {
  return (await aws.control.calls({ operation, since: start })).map((x) => x.resource ?? '');
}

const env = withControllers({
  ns,
  crds: installCrds,
  client: (aws) => [new SageMakerClient(aws.clientConfig()), new ApplicationAutoScalingClient(aws.clientConfig())] as const,
  before: async (aws) => {
    start = await aws.control.mark();
  },
  start: (aws, ns) => startControllers(aws, ns),
});
beforeAll(() => ({ aws, c, client: [sm, aas] } = env));

describe('jobs: created, Completed in AWS, Synced; deleting a finished job calls no Stop', () => {
  it('ProcessingJob', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ProcessingJob
metadata:
  name: processing
spec:
  processingJobName: ${n.processing}
  roleARN: ${ROLE}
  appSpecification:
    imageURI: ${IMAGE}
    containerEntrypoint: ["python3", "/opt/ml/processing/code/preprocess.py"]
  processingResources:
    clusterConfig:
      instanceCount: 1
      instanceType: ml.m5.large
      volumeSizeInGB: 20
  processingOutputConfig:
    outputs:
      - outputName: train
        s3Output:
          s3URI: ${BUCKET}/processing/train
          localPath: /opt/ml/processing/train
          s3UploadMode: EndOfJob
  stoppingCondition:
    maxRuntimeInSeconds: 3600
`);
    const job = await synced(c, K.processing, ns, 'processing');
    expect(status(job)['processingJobStatus']).toBe('Completed');
    expect(arnIn(job)).toBe(arnOf('processing-job', n.processing));
    expect(condition(job, 'ACK.Terminal')).toBeUndefined();
    const inAws = await sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: n.processing }));
    expect(inAws).toMatchObject({ ProcessingJobStatus: 'Completed', RoleArn: ROLE, AppSpecification: { ImageUri: IMAGE } });
  });

  it('TransformJob (with the Model it runs)', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: Model
metadata:
  name: model
spec:
  modelName: ${n.model}
  executionRoleARN: ${ROLE}
  primaryContainer:
    image: ${IMAGE}
    modelDataURL: ${BUCKET}/model.tar.gz
`);
    await synced(c, K.model, ns, 'model');
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: TransformJob
metadata:
  name: transform
spec:
  transformJobName: ${n.transform}
  modelName: ${n.model}
  transformInput:
    contentType: text/csv
    dataSource:
      s3DataSource:
        s3DataType: S3Prefix
        s3URI: ${BUCKET}/batch-in
  transformOutput:
    s3OutputPath: ${BUCKET}/batch-out
  transformResources:
    instanceCount: 1
    instanceType: ml.m5.large
`);
    const job = await synced(c, K.transform, ns, 'transform');
    expect(status(job)['transformJobStatus']).toBe('Completed');
    expect(arnIn(job)).toBe(arnOf('transform-job', n.transform));
    const inAws = await sm.send(new DescribeTransformJobCommand({ TransformJobName: n.transform }));
    expect(inAws).toMatchObject({
      TransformJobStatus: 'Completed',
      ModelName: n.model,
      TransformOutput: { S3OutputPath: `${BUCKET}/batch-out` },
      TransformResources: { InstanceCount: 1, InstanceType: 'ml.m5.large' },
    });
  });

  it('HyperParameterTuningJob', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: HyperParameterTuningJob
metadata:
  name: tuning
spec:
  hyperParameterTuningJobName: ${n.tuning}
  hyperParameterTuningJobConfig:
    strategy: Bayesian
    hyperParameterTuningJobObjective:
      type_: Minimize
      metricName: validation:error
    resourceLimits:
      maxNumberOfTrainingJobs: 2
      maxParallelTrainingJobs: 1
  trainingJobDefinition:
    algorithmSpecification:
      trainingImage: ${IMAGE}
      trainingInputMode: File
    roleARN: ${ROLE}
    outputDataConfig:
      s3OutputPath: ${BUCKET}/hpo
    resourceConfig:
      instanceCount: 1
      instanceType: ml.m5.large
      volumeSizeInGB: 10
    stoppingCondition:
      maxRuntimeInSeconds: 3600
    staticHyperParameters:
      num_round: "10"
`);
    const job = await synced(c, K.tuning, ns, 'tuning');
    expect(status(job)['hyperParameterTuningJobStatus']).toBe('Completed');
    expect(arnIn(job)).toBe(arnOf('hyper-parameter-tuning-job', n.tuning));
    const inAws = await sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: n.tuning }));
    expect(inAws).toMatchObject({
      HyperParameterTuningJobStatus: 'Completed',
      HyperParameterTuningJobConfig: { Strategy: 'Bayesian', ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 1 } },
      TrainingJobDefinition: { RoleArn: ROLE, StaticHyperParameters: { num_round: '10' } },
    });
  });
});

describe('Studio, notebooks, registry, feature store, pipelines, monitoring: created and Synced', () => {
  it('Domain: status.domainID from the ARN, InService', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: Domain
metadata:
  name: domain
spec:
  domainName: ${n.domain}
  authMode: IAM
  defaultUserSettings:
    executionRole: ${ROLE}
  subnetIDs: ["subnet-0123456789abcdef0"]
  vpcID: vpc-0123456789abcdef0
`);
    const domain = await synced(c, K.domain, ns, 'domain');
    const id = status(domain)['domainID'];
    expect(id).toMatch(/^d-/);
    expect(status(domain)['status']).toBe('InService');
    expect(arnIn(domain)).toBe(arnOf('domain', id));
    const inAws = await sm.send(new DescribeDomainCommand({ DomainId: id }));
    expect(inAws).toMatchObject({ DomainName: n.domain, AuthMode: 'IAM', Status: 'InService', VpcId: 'vpc-0123456789abcdef0' });
  });

  it('NotebookInstanceLifecycleConfig', async () => {
    const script = Buffer.from('#!/bin/bash\necho started\n').toString('base64');
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: NotebookInstanceLifecycleConfig
metadata:
  name: lifecycle
spec:
  notebookInstanceLifecycleConfigName: ${n.lifecycle}
  onStart:
    - content: ${script}
`);
    const nilc = await synced(c, K.lifecycle, ns, 'lifecycle');
    expect(arnIn(nilc)).toBe(arnOf('notebook-instance-lifecycle-config', n.lifecycle));
    expect(status(nilc)['creationTime']).toMatch(/^\d{4}-\d\d-\d\dT/);
    const inAws = await sm.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: n.lifecycle }));
    expect(inAws.OnStart).toEqual([{ Content: script }]);
  });

  it('NotebookInstance: InService', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: NotebookInstance
metadata:
  name: notebook
spec:
  notebookInstanceName: ${n.notebook}
  instanceType: ml.t3.medium
  roleARN: ${ROLE}
  volumeSizeInGB: 6
`);
    const nb = await synced(c, K.notebook, ns, 'notebook');
    expect(status(nb)['notebookInstanceStatus']).toBe('InService');
    expect(arnIn(nb)).toBe(arnOf('notebook-instance', n.notebook));
    const inAws = await sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: n.notebook }));
    expect(inAws).toMatchObject({ NotebookInstanceStatus: 'InService', InstanceType: 'ml.t3.medium', RoleArn: ROLE, VolumeSizeInGB: 6 });
  });

  it('ModelPackageGroup and a versioned ModelPackage in it (ARN is the ModelPackage key)', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ModelPackageGroup
metadata:
  name: group
spec:
  modelPackageGroupName: ${n.group}
  modelPackageGroupDescription: ack-ts kinds test
`);
    const group = await synced(c, K.group, ns, 'group');
    expect(status(group)['modelPackageGroupStatus']).toBe('Completed');
    expect(arnIn(group)).toBe(arnOf('model-package-group', n.group));
    const groupInAws = await sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: n.group }));
    expect(groupInAws).toMatchObject({ ModelPackageGroupStatus: 'Completed', ModelPackageGroupDescription: 'ack-ts kinds test' });

    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ModelPackage
metadata:
  name: package
spec:
  modelPackageGroupName: ${n.group}
  modelPackageDescription: version one
  modelApprovalStatus: PendingManualApproval
  inferenceSpecification:
    containers:
      - image: ${IMAGE}
        modelDataURL: ${BUCKET}/model.tar.gz
    supportedContentTypes: ["text/csv"]
    supportedResponseMIMETypes: ["text/csv"]
`);
    const pkg = await synced(c, K.modelPackage, ns, 'package');
    expect(status(pkg)['modelPackageStatus']).toBe('Completed');
    expect(arnIn(pkg)).toBe(arnOf('model-package', `${n.group}/1`));
    const pkgInAws = await sm.send(new DescribeModelPackageCommand({ ModelPackageName: String(arnIn(pkg)) }));
    expect(pkgInAws).toMatchObject({
      ModelPackageGroupName: n.group,
      ModelPackageVersion: 1,
      ModelApprovalStatus: 'PendingManualApproval',
      InferenceSpecification: { Containers: [expect.objectContaining({ Image: IMAGE })], SupportedContentTypes: ['text/csv'] },
    });
  });

  it('FeatureGroup: Created', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: FeatureGroup
metadata:
  name: features
spec:
  featureGroupName: ${n.featureGroup}
  recordIdentifierFeatureName: customer_id
  eventTimeFeatureName: event_time
  featureDefinitions:
    - featureName: customer_id
      featureType: String
    - featureName: event_time
      featureType: String
    - featureName: spend
      featureType: Fractional
  offlineStoreConfig:
    s3StorageConfig:
      s3URI: ${BUCKET}/feature-store
  roleARN: ${ROLE}
`);
    const fg = await synced(c, K.featureGroup, ns, 'features');
    expect(status(fg)['featureGroupStatus']).toBe('Created');
    expect(arnIn(fg)).toBe(arnOf('feature-group', n.featureGroup));
    const inAws = await sm.send(new DescribeFeatureGroupCommand({ FeatureGroupName: n.featureGroup }));
    expect(inAws).toMatchObject({ FeatureGroupStatus: 'Created', RecordIdentifierFeatureName: 'customer_id', EventTimeFeatureName: 'event_time' });
    expect(inAws.FeatureDefinitions?.map((f) => f.FeatureName)).toEqual(['customer_id', 'event_time', 'spend']);
  });

  it('Pipeline: Active; then a PipelineExecution of it: Succeeded', async () => {
    const definition = JSON.stringify({ Version: '2020-12-01', Parameters: [], Steps: [] });
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: Pipeline
metadata:
  name: pipeline
spec:
  pipelineName: ${n.pipeline}
  pipelineDisplayName: kinds-test
  roleARN: ${ROLE}
  pipelineDefinition: '${definition}'
`);
    const pipeline = await synced(c, K.pipeline, ns, 'pipeline');
    expect(status(pipeline)['pipelineStatus']).toBe('Active');
    expect(arnIn(pipeline)).toBe(arnOf('pipeline', n.pipeline));
    const inAws = await sm.send(new DescribePipelineCommand({ PipelineName: n.pipeline }));
    expect(inAws).toMatchObject({ PipelineStatus: 'Active', PipelineDisplayName: 'kinds-test', RoleArn: ROLE });
    expect(JSON.parse(inAws.PipelineDefinition ?? '{}')).toEqual(JSON.parse(definition));

    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: PipelineExecution
metadata:
  name: execution
spec:
  pipelineName: ${n.pipeline}
  pipelineExecutionDisplayName: first-run
`);
    const execution = await synced(c, K.execution, ns, 'execution');
    expect(status(execution)['pipelineExecutionStatus']).toBe('Succeeded');
    const arn = String(arnIn(execution));
    expect(arn).toMatch(new RegExp(`^${arnOf('pipeline', n.pipeline)}/execution/[a-z0-9]+$`));
    const run = await sm.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
    expect(run).toMatchObject({ PipelineExecutionStatus: 'Succeeded', PipelineExecutionDisplayName: 'first-run', PipelineArn: arnOf('pipeline', n.pipeline) });
  });

  const monitoringCommon = (name: string) => `
  jobDefinitionName: ${name}
  roleARN: ${ROLE}
  jobResources:
    clusterConfig:
      instanceCount: 1
      instanceType: ml.m5.large
      volumeSizeInGB: 20`;
  const endpointInput = `
    endpointInput:
      endpointName: ${n.endpoint}
      localPath: /opt/ml/processing/input`;
  const output = (prefix: string) => `
    monitoringOutputs:
      - s3Output:
          s3URI: ${BUCKET}/monitor/${prefix}
          localPath: /opt/ml/processing/output`;

  it('DataQualityJobDefinition', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: DataQualityJobDefinition
metadata:
  name: data-quality
spec:${monitoringCommon(n.dataQuality)}
  dataQualityAppSpecification:
    imageURI: ${IMAGE}
  dataQualityJobInput:${endpointInput}
  dataQualityJobOutputConfig:${output('dq')}
`);
    const def = await synced(c, K.dataQuality, ns, 'data-quality');
    expect(arnIn(def)).toBe(arnOf('data-quality-job-definition', n.dataQuality));
    const inAws = await sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: n.dataQuality }));
    expect(inAws).toMatchObject({ JobDefinitionName: n.dataQuality, RoleArn: ROLE, DataQualityJobInput: { EndpointInput: { EndpointName: n.endpoint } } });
  });

  it('ModelBiasJobDefinition', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ModelBiasJobDefinition
metadata:
  name: model-bias
spec:${monitoringCommon(n.modelBias)}
  modelBiasAppSpecification:
    imageURI: ${IMAGE}
    configURI: ${BUCKET}/bias/analysis_config.json
  modelBiasJobInput:${endpointInput}
    groundTruthS3Input:
      s3URI: ${BUCKET}/ground-truth
  modelBiasJobOutputConfig:${output('mb')}
`);
    const def = await synced(c, K.modelBias, ns, 'model-bias');
    expect(arnIn(def)).toBe(arnOf('model-bias-job-definition', n.modelBias));
    const inAws = await sm.send(new DescribeModelBiasJobDefinitionCommand({ JobDefinitionName: n.modelBias }));
    expect(inAws).toMatchObject({ JobDefinitionName: n.modelBias, ModelBiasAppSpecification: { ConfigUri: `${BUCKET}/bias/analysis_config.json` } });
  });

  it('ModelQualityJobDefinition', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ModelQualityJobDefinition
metadata:
  name: model-quality
spec:${monitoringCommon(n.modelQuality)}
  modelQualityAppSpecification:
    imageURI: ${IMAGE}
    problemType: BinaryClassification
  modelQualityJobInput:${endpointInput}
    groundTruthS3Input:
      s3URI: ${BUCKET}/ground-truth
  modelQualityJobOutputConfig:${output('mq')}
`);
    const def = await synced(c, K.modelQuality, ns, 'model-quality');
    expect(arnIn(def)).toBe(arnOf('model-quality-job-definition', n.modelQuality));
    const inAws = await sm.send(new DescribeModelQualityJobDefinitionCommand({ JobDefinitionName: n.modelQuality }));
    expect(inAws).toMatchObject({ JobDefinitionName: n.modelQuality, ModelQualityAppSpecification: { ProblemType: 'BinaryClassification' } });
  });

  it('ModelExplainabilityJobDefinition', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ModelExplainabilityJobDefinition
metadata:
  name: explainability
spec:${monitoringCommon(n.explainability)}
  modelExplainabilityAppSpecification:
    imageURI: ${IMAGE}
    configURI: ${BUCKET}/explain/analysis_config.json
  modelExplainabilityJobInput:${endpointInput}
  modelExplainabilityJobOutputConfig:${output('mx')}
`);
    const def = await synced(c, K.explainability, ns, 'explainability');
    expect(arnIn(def)).toBe(arnOf('model-explainability-job-definition', n.explainability));
    const inAws = await sm.send(new DescribeModelExplainabilityJobDefinitionCommand({ JobDefinitionName: n.explainability }));
    expect(inAws).toMatchObject({ JobDefinitionName: n.explainability, ModelExplainabilityAppSpecification: { ConfigUri: `${BUCKET}/explain/analysis_config.json` } });
  });
});

describe('Application Auto Scaling: a StepScaling policy', () => {
  const resourceID = `endpoint/${n.endpoint}/variant/AllTraffic`;
  it('exists in AWS with its step adjustments', async () => {
    apply(`
apiVersion: applicationautoscaling.services.k8s.aws/v1alpha1
kind: ScalableTarget
metadata:
  name: step-target
spec:
  serviceNamespace: sagemaker
  resourceID: ${resourceID}
  scalableDimension: "sagemaker:variant:DesiredInstanceCount"
  minCapacity: 1
  maxCapacity: 4
---
apiVersion: applicationautoscaling.services.k8s.aws/v1alpha1
kind: ScalingPolicy
metadata:
  name: step-policy
spec:
  policyName: ${n.stepPolicy}
  policyType: StepScaling
  serviceNamespace: sagemaker
  resourceID: ${resourceID}
  scalableDimension: "sagemaker:variant:DesiredInstanceCount"
  stepScalingPolicyConfiguration:
    adjustmentType: ChangeInCapacity
    cooldown: 120
    metricAggregationType: Average
    stepAdjustments:
      - metricIntervalLowerBound: 0
        metricIntervalUpperBound: 20
        scalingAdjustment: 1
      - metricIntervalLowerBound: 20
        scalingAdjustment: 2
`);
    await synced(c, K.target, ns, 'step-target');
    const policy = await synced(c, K.policy, ns, 'step-policy');
    expect(arnIn(policy)).toMatch(new RegExp(`^arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:.*:policyName/${n.stepPolicy}$`));
    const out = await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceID, PolicyNames: [n.stepPolicy] }));
    expect(out.ScalingPolicies?.[0]).toMatchObject({
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        Cooldown: 120,
        MetricAggregationType: 'Average',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 },
        ],
      },
    });
    // A later resync finds nothing to change: still Synced, never Terminal.
    expect(condition(policy, 'ACK.Terminal')).toBeUndefined();
  });
});

describe('each kind was created exactly once', () => {
  it('one Create per resource, whatever the kind is keyed by (name, domain ID from the ARN, the ARN itself)', async () => {
    const creates = await aws.control.calls({ service: 'sagemaker', since: start });
    const counts: Record<string, number> = {};
    for (const x of creates) if (/^(Create|Start)/.test(x.operation)) counts[x.operation] = (counts[x.operation] ?? 0) + 1;
    expect(counts).toEqual({
      CreateModel: 1,
      CreateProcessingJob: 1,
      CreateTransformJob: 1,
      CreateHyperParameterTuningJob: 1,
      CreateDomain: 1,
      CreateNotebookInstanceLifecycleConfig: 1,
      CreateNotebookInstance: 1,
      CreateModelPackageGroup: 1,
      CreateModelPackage: 1,
      CreateFeatureGroup: 1,
      CreatePipeline: 1,
      StartPipelineExecution: 1,
      CreateDataQualityJobDefinition: 1,
      CreateModelBiasJobDefinition: 1,
      CreateModelQualityJobDefinition: 1,
      CreateModelExplainabilityJobDefinition: 1,
    });
  });
});

describe('delete: every CR at once (the 30 s waits overlap)', () => {
  it('dependents first: the PipelineExecution, TransformJob and ModelPackage', () => {
    remove('pipelineexecution', 'execution');
    remove('transformjob', 'transform');
    remove('modelpackage', 'package');
  });

  it('finished jobs and executions: no Stop call, finalizer removed, the AWS record stays', async () => {
    remove('processingjob', 'processing');
    remove('hyperparametertuningjob', 'tuning');
    await gone(c, K.execution, ns, 'execution');
    await gone(c, K.transform, ns, 'transform');
    await gone(c, K.processing, ns, 'processing');
    await gone(c, K.tuning, ns, 'tuning');
    for (const op of ['StopProcessingJob', 'StopTransformJob', 'StopHyperParameterTuningJob', 'StopPipelineExecution']) {
      expect({ op, calls: await calls(op) }).toEqual({ op, calls: [] });
    }
    expect((await sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: n.processing }))).ProcessingJobStatus).toBe('Completed');
    expect((await sm.send(new DescribeTransformJobCommand({ TransformJobName: n.transform }))).TransformJobStatus).toBe('Completed');
    expect((await sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: n.tuning }))).HyperParameterTuningJobStatus).toBe('Completed');
  });

  it('the rest: the deletes go out at once', () => {
    for (const [plural, name] of [
      ['model', 'model'],
      ['domain', 'domain'],
      ['notebookinstance', 'notebook'],
      ['notebookinstancelifecycleconfig', 'lifecycle'],
      ['modelpackagegroup', 'group'],
      ['featuregroup', 'features'],
      ['pipeline', 'pipeline'],
      ['dataqualityjobdefinition', 'data-quality'],
      ['modelbiasjobdefinition', 'model-bias'],
      ['modelqualityjobdefinition', 'model-quality'],
      ['modelexplainabilityjobdefinition', 'explainability'],
      ['scalingpolicy', 'step-policy'],
      ['scalabletarget', 'step-target'],
    ] as const) remove(plural, name);
  });

  it('synchronous deletes: Model, lifecycle config, Pipeline, the four job definitions, the autoscaling pair are gone in AWS', async () => {
    for (const [r, name] of [
      [K.model, 'model'],
      [K.lifecycle, 'lifecycle'],
      [K.pipeline, 'pipeline'],
      [K.dataQuality, 'data-quality'],
      [K.modelBias, 'model-bias'],
      [K.modelQuality, 'model-quality'],
      [K.explainability, 'explainability'],
      [K.policy, 'step-policy'],
      [K.target, 'step-target'],
    ] as const) await gone(c, r, ns, name);
    const missing = async (p: Promise<unknown>) => {
      const err = await p.then(() => undefined, (e: unknown) => e as { name?: string; message?: string });
      return err ? `${err.name}: ${err.message}` : 'still exists';
    };
    expect(await missing(sm.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: n.lifecycle })))).toMatch(/does not exist/);
    expect(await missing(sm.send(new DescribePipelineCommand({ PipelineName: n.pipeline })))).toMatch(/^ResourceNotFound/);
    expect(await missing(sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: n.dataQuality })))).toMatch(/^ResourceNotFound/);
    expect(await missing(sm.send(new DescribeModelBiasJobDefinitionCommand({ JobDefinitionName: n.modelBias })))).toMatch(/^ResourceNotFound/);
    expect(await missing(sm.send(new DescribeModelQualityJobDefinitionCommand({ JobDefinitionName: n.modelQuality })))).toMatch(/^ResourceNotFound/);
    expect(await missing(sm.send(new DescribeModelExplainabilityJobDefinitionCommand({ JobDefinitionName: n.explainability })))).toMatch(/^ResourceNotFound/);
    const policies = await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: `endpoint/${n.endpoint}/variant/AllTraffic` }));
    expect(policies.ScalingPolicies).toEqual([]);
  });

  it('Domain: DeleteDomain, then the finalizer stays until a read finds it gone (ACK: requeue 30 s)', async () => {
    await gone(c, K.domain, ns, 'domain', 75_000);
    expect(await calls('DeleteDomain')).toHaveLength(1);
    const domains = (await aws.control.calls({ operation: 'DescribeDomain', since: start })).filter((x) => x.status !== 200);
    expect(domains.length).toBeGreaterThan(0); // the not-found read that released the finalizer
  }, 90_000);

  it('NotebookInstance: stopped first (AWS deletes only a Stopped notebook), then deleted and gone', async () => {
    await gone(c, K.notebook, ns, 'notebook', 100_000);
    expect(await calls('StopNotebookInstance')).toEqual([n.notebook]);
    expect(await calls('DeleteNotebookInstance')).toEqual([n.notebook]);
    await expect(sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: n.notebook }))).rejects.toThrow(/RecordNotFound/);
  }, 120_000);

  it('moto lacks DeleteModelPackage, DeleteModelPackageGroup, DeleteFeatureGroup: DeleteFailed, finalizer kept, resource left in AWS', async () => {
    for (const [r, plural, name, op] of [
      [K.modelPackage, 'modelpackage', 'package', 'DeleteModelPackage'],
      [K.group, 'modelpackagegroup', 'group', 'DeleteModelPackageGroup'],
      [K.featureGroup, 'featuregroup', 'features', 'DeleteFeatureGroup'],
    ] as const) {
      const o = await deleteRefused(c, r, name);
      expect(o.metadata.finalizers).toEqual([`finalizers.sagemaker.services.k8s.aws/${o.kind}`]);
      expect(condition(o, 'ACK.ResourceSynced')?.message).toMatch(/^delete failed, will retry: /);
      expect(condition(o, 'ACK.Recoverable')?.status).toBe('True');
      expect(condition(o, 'ACK.Terminal')).toBeUndefined();
      // moto answers HTTP 500 "not implemented" (an HTML page); the controller keeps retrying with backoff.
      const tried = await aws.control.calls({ operation: op, since: start });
      expect(tried.length).toBeGreaterThan(0);
      expect(tried.every((x) => x.status === 500)).toBe(true);
      releaseFinalizer(plural, name);
      await gone(c, r, ns, name);
    }
    expect((await sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: n.group }))).ModelPackageGroupStatus).toBe('Completed');
    expect((await sm.send(new DescribeFeatureGroupCommand({ FeatureGroupName: n.featureGroup }))).FeatureGroupStatus).toBe('Created');
  }, 120_000);
});
