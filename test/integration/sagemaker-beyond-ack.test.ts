// The SageMaker kinds beyond ACK's 26 that moto 5.2.5 serves (issue 13): AutoMLJobV2, CompilationJob,
// Experiment, Trial, TrialComponent, ModelCard and a HyperPod Cluster. Manifests as ACK users write them,
// applied with kubectl, reconciled by the generated controller (in-process) against moto behind the
// scenario proxy, and checked in AWS with the SDK.
import {
  DescribeAutoMLJobV2Command,
  DescribeClusterCommand,
  DescribeCompilationJobCommand,
  DescribeModelCardCommand,
  DescribeTrialComponentCommand,
  DescribeTrialCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { withControllers } from '../e2e/with-controllers';
import { kubectlOk as kube } from '../e2e/kubectl-ok';
import { SAGEMAKER, condition, gone, installCrds, ref, startControllers, synced, until, waitFor, type Controllers } from '../e2e/controllers';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/sagemaker-execution-role`;
const BUCKET = 's3://sagemaker-example-bucket/abalone';

const ns = uniqueName('sm-beyond');
const n = {
  automl: uniqueName('automl'),
  compilation: uniqueName('neo'),
  experiment: uniqueName('exp'),
  trial: uniqueName('trial'),
  component: uniqueName('tc'),
  card: uniqueName('card'),
  cluster: uniqueName('hyperpod'),
};
const K = {
  automl: ref(SAGEMAKER, 'automljobv2s'),
  compilation: ref(SAGEMAKER, 'compilationjobs'),
  experiment: ref(SAGEMAKER, 'experiments'),
  trial: ref(SAGEMAKER, 'trials'),
  component: ref(SAGEMAKER, 'trialcomponents'),
  card: ref(SAGEMAKER, 'modelcards'),
  cluster: ref(SAGEMAKER, 'clusters'),
};

let aws: TestAws;
let c: Controllers;
let sm: SageMakerClient;
let start = 0;

const apply = (yaml: string) => kube(['apply', '-n', ns, '-f', '-'], yaml);
const patch = (plural: string, name: string, body: object) => kube(['patch', plural, name, '-n', ns, '--type=merge', '-p', JSON.stringify(body)]);
const remove = (plural: string, name: string) => kube(['delete', plural, name, '-n', ns, '--wait=false']);
const status = (o: KubeObject) => o.status as Record<string, any>;
const arnIn = (o: KubeObject): unknown => status(o)['ackResourceMetadata']?.arn;
const arnOf = (type: string, name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${type}/${name}`;

async function calls(operation: string): Promise<string[]> {
  return (await aws.control.calls({ operation, since: start })).map((x) => x.resource ?? '');
}

interface KubeEvent { reason: string; type: string; message: string; involvedObject: { name: string } }
async function eventsOf(name: string): Promise<KubeEvent[]> {
  const { items } = await c.kube.list<KubeEvent>({ group: '', version: 'v1', plural: 'events' }, ns);
  return items.filter((e) => e.involvedObject.name === name);
}

const env = withControllers({
  ns,
  crds: installCrds,
  client: (aws) => new SageMakerClient(aws.clientConfig()),
  before: async (aws) => {
    start = await aws.control.mark();
  },
  start: (aws, ns) => startControllers(aws, ns),
});
beforeAll(() => ({ aws, c, client: sm } = env));

describe('AutoMLJobV2 on the Abalone data', () => {
  it('is created once, shows its progress, and is not Synced while InProgress', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: AutoMLJobV2
metadata:
  name: abalone-automl
spec:
  autoMLJobName: ${n.automl}
  roleARN: ${ROLE}
  autoMLJobInputDataConfig:
    - channelType: training
      contentType: text/csv;header=present
      dataSource:
        s3DataSource:
          s3DataType: S3Prefix
          s3URI: ${BUCKET}/train/
  outputDataConfig:
    s3OutputPath: ${BUCKET}/automl-output/
  autoMLProblemTypeConfig:
    tabularJobConfig:
      targetAttributeName: rings
      problemType: Regression
      completionCriteria:
        maxCandidates: 5
`);
    // moto leaves an AutoML job InProgress for ever (moto-coverage.md).
    const job = await until(c, K.automl, ns, 'abalone-automl', (o) => status(o)['autoMLJobStatus'] === 'InProgress' && condition(o, 'ACK.ResourceSynced')?.status === 'False', 'InProgress, Synced=False');
    expect(condition(job, 'ACK.ResourceSynced')?.message).toBe('AutoMLJobV2 is in InProgress status.');
    expect(arnIn(job)).toBe(arnOf('automl-job', n.automl));
    const inAws = await sm.send(new DescribeAutoMLJobV2Command({ AutoMLJobName: n.automl }));
    expect(inAws.AutoMLProblemTypeConfig?.TabularJobConfig?.TargetAttributeName).toBe('rings');
    await waitFor(async () => (await eventsOf('abalone-automl')).find((e) => e.reason === 'InProgress'), 30_000, 'a progress Event');
    expect(await calls('CreateAutoMLJobV2')).toEqual([n.automl]);
  });

  it('is stopped on delete, and the finalizer goes once AWS says Stopped', async () => {
    remove('automljobv2s', 'abalone-automl');
    await gone(c, K.automl, ns, 'abalone-automl', 60_000);
    expect(await calls('StopAutoMLJob')).toEqual([n.automl]);
    expect((await sm.send(new DescribeAutoMLJobV2Command({ AutoMLJobName: n.automl }))).AutoMLJobStatus).toBe('Stopped');
  }, 70_000);
});

describe('CompilationJob', () => {
  it('a finished job is Synced, and delete removes it from AWS without a Stop', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: CompilationJob
metadata:
  name: xgboost-neo
spec:
  compilationJobName: ${n.compilation}
  roleARN: ${ROLE}
  inputConfig:
    s3URI: ${BUCKET}/model/model.tar.gz
    dataInputConfig: '{"data": [1, 8]}'
    framework: XGBOOST
  outputConfig:
    s3OutputLocation: ${BUCKET}/compiled/
    targetDevice: ml_c5
  stoppingCondition:
    maxRuntimeInSeconds: 900
`);
    const job = await synced(c, K.compilation, ns, 'xgboost-neo');
    expect(status(job)['compilationJobStatus']).toBe('COMPLETED');
    expect(arnIn(job)).toBe(arnOf('compilation-job', n.compilation));
    remove('compilationjobs', 'xgboost-neo');
    await gone(c, K.compilation, ns, 'xgboost-neo', 45_000);
    expect(await calls('StopCompilationJob')).toEqual([]);
    await expect(sm.send(new DescribeCompilationJobCommand({ CompilationJobName: n.compilation }))).rejects.toMatchObject({ name: 'ResourceNotFound' });
  }, 60_000);
});

describe('an Experiment with a Trial and a TrialComponent', () => {
  it('all three are created and Synced; a TrialComponent change reaches AWS', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: Experiment
metadata:
  name: abalone
spec:
  experimentName: ${n.experiment}
  description: Predict the age of abalone from physical measurements
---
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: Trial
metadata:
  name: abalone-xgboost
spec:
  trialName: ${n.trial}
  experimentName: ${n.experiment}
---
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: TrialComponent
metadata:
  name: abalone-preprocessing
spec:
  trialComponentName: ${n.component}
  displayName: preprocessing
  status:
    primaryStatus: InProgress
`);
    for (const [r, name] of [[K.experiment, 'abalone'], [K.trial, 'abalone-xgboost'], [K.component, 'abalone-preprocessing']] as const) {
      const o = await synced(c, r, ns, name);
      expect(arnIn(o)).toMatch(/^arn:aws:sagemaker:us-east-1:123456789012:experiment/);
    }
    expect((await sm.send(new DescribeTrialCommand({ TrialName: n.trial }))).TrialArn).toBe(arnOf('experiment-trial', n.trial));

    patch('trialcomponents', 'abalone-preprocessing', { spec: { displayName: 'feature-engineering' } });
    await waitFor(async () => (await sm.send(new DescribeTrialComponentCommand({ TrialComponentName: n.component }))).DisplayName === 'feature-engineering' || undefined, 30_000, 'UpdateTrialComponent');
    expect(await calls('UpdateTrialComponent')).toEqual([n.component]);
    expect(await calls('CreateExperiment')).toEqual([n.experiment]);
  }, 60_000);

  it('delete removes each from AWS', async () => {
    remove('trialcomponents', 'abalone-preprocessing');
    remove('trials', 'abalone-xgboost');
    remove('experiments', 'abalone');
    await Promise.all([gone(c, K.component, ns, 'abalone-preprocessing'), gone(c, K.trial, ns, 'abalone-xgboost'), gone(c, K.experiment, ns, 'abalone')]);
    expect((await calls('DeleteTrial')).length).toBe(1);
    await expect(sm.send(new DescribeTrialCommand({ TrialName: n.trial }))).rejects.toMatchObject({ name: 'ResourceNotFound' });
  }, 45_000);
});

describe('ModelCard', () => {
  it('is created, a status change makes a new version, and delete removes it', async () => {
    const card = (status: string) => `
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ModelCard
metadata:
  name: abalone-card
spec:
  modelCardName: ${n.card}
  modelCardStatus: ${status}
  content: '{"model_overview": {"model_description": "XGBoost regression of abalone rings"}}'
`;
    apply(card('Draft'));
    const first = await synced(c, K.card, ns, 'abalone-card');
    expect(status(first)['modelCardVersion']).toBe(1);
    apply(card('PendingReview'));
    const second = await until(c, K.card, ns, 'abalone-card', (o) => status(o)['modelCardVersion'] === 2, 'version 2');
    expect(condition(second, 'ACK.ResourceSynced')?.status).toBe('True');
    expect((await sm.send(new DescribeModelCardCommand({ ModelCardName: n.card }))).ModelCardStatus).toBe('PendingReview');
    remove('modelcards', 'abalone-card');
    await gone(c, K.card, ns, 'abalone-card');
    await expect(sm.send(new DescribeModelCardCommand({ ModelCardName: n.card }))).rejects.toMatchObject({ name: 'ResourceNotFound' });
  }, 60_000);
});

describe('a HyperPod Cluster', () => {
  it('is created InService and Synced; a resync sees no change; delete removes it', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: Cluster
metadata:
  name: hyperpod
spec:
  clusterName: ${n.cluster}
  instanceGroups:
    - instanceGroupName: controller
      instanceType: ml.t3.medium
      instanceCount: 1
      executionRole: ${ROLE}
      lifeCycleConfig:
        sourceS3URI: s3://sagemaker-hyperpod-lifecycle/scripts/
        onCreate: on_create.sh
    - instanceGroupName: workers
      instanceType: ml.p4d.24xlarge
      instanceCount: 2
      executionRole: ${ROLE}
      lifeCycleConfig:
        sourceS3URI: s3://sagemaker-hyperpod-lifecycle/scripts/
        onCreate: on_create.sh
`);
    const cluster = await synced(c, K.cluster, ns, 'hyperpod');
    expect(status(cluster)['clusterStatus']).toBe('InService');
    expect(arnIn(cluster)).toBe(arnOf('cluster', n.cluster));
    const inAws = await sm.send(new DescribeClusterCommand({ ClusterName: n.cluster }));
    expect(inAws.InstanceGroups?.map((g) => [g.InstanceGroupName, g.TargetCount])).toEqual([['controller', 1], ['workers', 2]]);
    // A label edit wakes the controller: the read's TargetCount matches instanceCount, so nothing is updated.
    // A second edit's read ends the window: reconciles of one object run one at a time, so the first
    // edit's reconcile (and any update it would send) is over by then.
    for (const label of ['team=ml', 'tier=gold']) {
      const reads = (await calls('DescribeCluster')).length;
      kube(['label', 'clusters.sagemaker.services.k8s.aws', 'hyperpod', '-n', ns, label]);
      await waitFor(async () => (await calls('DescribeCluster')).length > reads || undefined, 30_000, `a read after the label ${label}`);
    }
    expect(await calls('UpdateCluster')).toEqual([]);

    remove('clusters.sagemaker.services.k8s.aws', 'hyperpod');
    await gone(c, K.cluster, ns, 'hyperpod', 60_000);
    expect(await calls('DeleteCluster')).toEqual([n.cluster]);
  }, 90_000);
});
