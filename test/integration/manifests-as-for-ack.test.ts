// Issue 16 against moto, through the generated SageMaker controller: ACK manifests without an
// idempotency token apply and sync; a create that times out is retried with the same token (the
// scenario proxy's latency fault and its call record); an Endpoint AWS deletes at once is gone in
// seconds, not after ACK's 30 s; a change the update cannot carry is Terminal with no write, and a
// Terminal resource costs no AWS call on label or annotation edits.
import type { CallRecord } from '../env/aws/call-log';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { withControllers } from '../e2e/with-controllers';
import { kubectlOk as kube } from '../e2e/kubectl-ok';
import { SAGEMAKER, condition, gone, installCrds, ref, startControllers, synced, until, waitFor, type Controllers } from '../e2e/controllers';
import { createToken } from '../../runtime/reconcile/idempotency';
import type { KubeObject } from '../../runtime/k8s/types';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/sagemaker-execution-role`;
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1';
const BUCKET = 's3://example-sagemaker-bucket/ack-ts-issue16';
/** The controllers' AWS HTTP timeout here, and the proxy's delay that outlasts it. */
const HTTP_TIMEOUT = '3s';
const LATENCY_MS = 4_500;

const ns = uniqueName('acklike');
const n = { pipeline: uniqueName('pipeline'), model: uniqueName('model'), config: uniqueName('epc'), endpoint: uniqueName('ep'), group: uniqueName('mpg') };
const K = {
  pipeline: ref(SAGEMAKER, 'pipelines'),
  execution: ref(SAGEMAKER, 'pipelineexecutions'),
  model: ref(SAGEMAKER, 'models'),
  config: ref(SAGEMAKER, 'endpointconfigs'),
  endpoint: ref(SAGEMAKER, 'endpoints'),
  group: ref(SAGEMAKER, 'modelpackagegroups'),
  modelPackage: ref(SAGEMAKER, 'modelpackages'),
};

let aws: TestAws;
let c: Controllers;

const apply = (yaml: string) => kube(['apply', '-n', ns, '-f', '-'], yaml);
const get = (plural: string, name: string) => c.kube.get<KubeObject>(ref(SAGEMAKER, plural), ns, name);
const tokenOf = (call: CallRecord) => call.input['ClientRequestToken'] ?? call.input['ClientToken'];

const env = withControllers({
  ns,
  crds: installCrds,
  start: (aws, ns) => startControllers(aws, ns, ['--http-client-timeout', HTTP_TIMEOUT]),
  after: (aws) => aws.control.clearFaults(),
});
beforeAll(() => ({ aws, c } = env));

describe('idempotency tokens', () => {
  it("a Pipeline written as in ACK's docs (no clientRequestToken) syncs; CreatePipeline carries the token made from the CR's uid", async () => {
    const since = await aws.control.mark();
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: Pipeline
metadata:
  name: pipeline
spec:
  pipelineName: ${n.pipeline}
  pipelineDisplayName: issue-16
  roleARN: ${ROLE}
  pipelineDefinition: '${JSON.stringify({ Version: '2020-12-01', Parameters: [], Steps: [] })}'
  parallelismConfiguration:
    maxParallelExecutionSteps: 2
`);
    const p = await synced(c, K.pipeline, ns, 'pipeline');
    expect(p.status?.['pipelineStatus']).toBe('Active');
    const creates = await aws.control.calls({ operation: 'CreatePipeline', since });
    expect(creates.map(tokenOf)).toEqual([createToken(p.metadata.uid!, 1)]);
  });

  it('a PipelineExecution whose StartPipelineExecution times out is retried, across reconciles, with the same token; it syncs', async () => {
    const since = await aws.control.mark();
    // Three calls (one reconcile's worth of SDK attempts) outlast the controller's HTTP timeout.
    await aws.control.inject({ kind: 'latency', operation: 'StartPipelineExecution', latencyMs: LATENCY_MS, count: 3 });
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: PipelineExecution
metadata:
  name: execution
spec:
  pipelineName: ${n.pipeline}
  pipelineExecutionDisplayName: first-run
`);
    const e = await synced(c, K.execution, ns, 'execution', 90_000);
    expect(e.status?.['pipelineExecutionStatus']).toBe('Succeeded');
    // The proxy records a delayed call when it answers, after the client gave up on it.
    const starts = await waitFor(async () => {
      const all = await aws.control.calls({ operation: 'StartPipelineExecution', since });
      return all.filter((s) => s.fault === 'latency').length === 3 ? all : undefined;
    }, LATENCY_MS * 3, 'the three delayed StartPipelineExecution calls recorded', c.logs);
    // Past one reconcile's three SDK attempts: a later reconcile retried the create, and it went through.
    expect(starts.length).toBe(4);
    expect(starts.filter((s) => s.fault === undefined)).toMatchObject([{ status: 200 }]);
    // One token for all four (AWS would start one execution; moto ignores tokens and started four).
    expect(new Set(starts.map(tokenOf))).toEqual(new Set([createToken(e.metadata.uid!, 1)]));
    expect(c.logs.some((l) => l.includes('"kind":"PipelineExecution"') && l.includes('TimeoutError'))).toBe(true);
  }, 120_000);
});

describe('deletes', () => {
  it('an Endpoint AWS removes at once is gone without a delete poll: the controller reads right after DeleteEndpoint', async () => {
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
---
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: EndpointConfig
metadata:
  name: config
spec:
  endpointConfigName: ${n.config}
  productionVariants:
    - variantName: AllTraffic
      modelName: ${n.model}
      initialInstanceCount: 1
      instanceType: ml.c5.large
      initialVariantWeight: 1
---
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: Endpoint
metadata:
  name: endpoint
spec:
  endpointName: ${n.endpoint}
  endpointConfigName: ${n.config}
`);
    await synced(c, K.endpoint, ns, 'endpoint');
    const since = await aws.control.mark();
    kube(['delete', 'endpoints.sagemaker.services.k8s.aws', 'endpoint', '-n', ns, '--wait=false']);
    await gone(c, K.endpoint, ns, 'endpoint', 30_000);
    const calls = (await aws.control.calls({ since })).filter((x) => x.operation.endsWith('Endpoint') && x.resource === n.endpoint);
    const del = calls.findIndex((x) => x.operation === 'DeleteEndpoint');
    expect(del).toBeGreaterThanOrEqual(0);
    expect(calls[del + 1]).toMatchObject({ operation: 'DescribeEndpoint', status: 400 });
    // Read in the same reconcile, not at the delete poll's first look (1 s after a reconcile ends):
    // the read arrived within a second of DeleteEndpoint's answer. (Not a wall-clock bound on the
    // whole deletion, which a loaded machine stretches without anything being wrong.)
    const answered = calls[del]!.time + calls[del]!.durationMs;
    expect(calls[del + 1]!.time - answered).toBeLessThan(1_000);
  });
});

describe('Terminal and create-only fields', () => {
  it('a ModelPackage description change (UpdateModelPackage cannot carry it) is Terminal with no write; label and annotation edits then call nothing', async () => {
    apply(`
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ModelPackageGroup
metadata:
  name: group
spec:
  modelPackageGroupName: ${n.group}
---
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
    const created = await synced(c, K.modelPackage, ns, 'package');
    const arn = String((created.status?.['ackResourceMetadata'] as { arn?: string } | undefined)?.arn);
    const since = await aws.control.mark();
    kube(['patch', 'modelpackages', 'package', '-n', ns, '--type=merge', '-p', '{"spec":{"modelPackageDescription":"version two"}}']);
    const refused = await until(c, K.modelPackage, ns, 'package', (o) => condition(o, 'ACK.Terminal')?.status === 'True', 'ACK.Terminal');
    expect(condition(refused, 'ACK.Terminal')).toMatchObject({
      reason: 'ImmutableFieldChanged',
      message: 'spec.modelPackageDescription cannot be changed after creation (UpdateModelPackage cannot carry it); revert the change or recreate the resource',
    });
    expect(condition(refused, 'ACK.ResourceSynced')?.status).toBe('False');
    const forPackage = async (after: number) => (await aws.control.calls({ since: after })).filter((x) => x.resource === arn || JSON.stringify(x.input).includes(arn));
    expect((await forPackage(since)).map((x) => x.operation)).not.toContain('UpdateModelPackage');

    const quiet = await aws.control.mark();
    // Each edit's reconcile awaited before the next edit: two events queued together coalesce into one reconcile.
    const terminalReconciles = () => c.logs.filter((l) => l.includes('no AWS call until the spec changes')).length;
    for (const [verb, arg] of [['label', 'team=ml'], ['annotate', 'note=reviewed']] as const) {
      const seen = terminalReconciles();
      kube([verb, 'modelpackages', 'package', '-n', ns, arg]);
      await waitFor(() => terminalReconciles() > seen || undefined, 30_000, `a reconcile of the Terminal ModelPackage after the ${verb}`, c.logs);
    }
    expect(await forPackage(quiet)).toEqual([]);
    expect(condition(await get('modelpackages', 'package'), 'ACK.Terminal')?.status).toBe('True');

    // Reverting the spec is a new generation: read again, in sync, Terminal gone.
    kube(['patch', 'modelpackages', 'package', '-n', ns, '--type=merge', '-p', '{"spec":{"modelPackageDescription":"version one"}}']);
    const back = await until(c, K.modelPackage, ns, 'package', (o) => condition(o, 'ACK.Terminal') === undefined && condition(o, 'ACK.ResourceSynced')?.status === 'True', 'synced again');
    expect(back.metadata.generation).toBe(3);
  }, 90_000);
});
