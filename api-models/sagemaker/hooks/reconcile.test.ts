// The walkthrough hooks driven through the runtime's reconcile with the generated descriptors and a
// scripted AWS: the runtime acts, the hooks only adjust.
import type { ResourceDescriptor, SdkObject } from '../../../runtime/descriptor';
import type { KubeObject } from '../../../runtime/k8s/types';
import type { Condition } from '../../../runtime/reconcile/conditions';
import type { AwsPort } from '../../../runtime/reconcile/ports';
import { reconcile } from '../../../runtime/reconcile/reconcile';
import { FakeEvents, FakeStore, silentLog } from '../../../runtime/testing/fakes';
import { service } from '../../../generated/sagemaker/src/service';
import { hooks } from './index';
import { LAST_CONFIG_ANNOTATION } from './endpoint';

/** AWS answering each operation from a script; the last answer repeats. */
class ScriptedAws implements AwsPort {
  readonly calls: { operation: string; input: SdkObject }[] = [];
  constructor(private readonly script: Record<string, (SdkObject | Error)[]>) {}
  async call(_op: string, operation: string, input: SdkObject): Promise<SdkObject> {
    this.calls.push({ operation, input });
    const answers = this.script[operation] ?? [{}];
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (next instanceof Error) throw next;
    return next;
  }
  writes(): string[] {
    return this.calls.map((c) => c.operation).filter((o) => !o.startsWith('Describe'));
  }
}

function harness(kind: string, obj: KubeObject, script: Record<string, (SdkObject | Error)[]>) {
  const descriptor = service.resources.find((r) => r.kind === kind) as ResourceDescriptor;
  const aws = new ScriptedAws(script);
  const store = new FakeStore(obj);
  const run = () =>
    reconcile(store.obj!, {
      service,
      descriptor,
      hooks: hooks[kind]!,
      aws,
      store,
      events: new FakeEvents(),
      log: silentLog,
      target: { region: 'us-west-2', accountId: '111122223333', partition: 'aws' },
      deletionPolicy: 'delete',
      now: () => new Date('2026-02-01T00:00:00Z'),
      sleep: async () => undefined,
    });
  const condition = (type: string) => ((store.obj?.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
  return { aws, store, run, condition };
}

const tjArn = 'arn:aws:sagemaker:us-west-2:111122223333:training-job/tj';
const trainingJob = (deleting: boolean): KubeObject => ({
  apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
  kind: 'TrainingJob',
  metadata: {
    name: 'tj',
    namespace: 'ns',
    finalizers: ['finalizers.sagemaker.services.k8s.aws/TrainingJob'],
    ...(deleting ? { deletionTimestamp: '2026-02-01T00:00:00Z' } : {}),
  },
  spec: { trainingJobName: 'tj', roleARN: 'r' },
  status: { ackResourceMetadata: { arn: tjArn, ownerAccountID: '111122223333', region: 'us-west-2' } },
});
// With every late-initialized field reported, so Synced is the hook's verdict alone.
const described = (TrainingJobStatus: string) => ({
  TrainingJobName: 'tj',
  TrainingJobArn: tjArn,
  RoleArn: 'r',
  TrainingJobStatus,
  AlgorithmSpecification: { EnableSageMakerMetricsTimeSeries: false },
  EnableInterContainerTrafficEncryption: false,
  EnableManagedSpotTraining: false,
  EnableNetworkIsolation: false,
  OutputDataConfig: { CompressionType: 'GZIP', KmsKeyId: 'k' },
  ResourceConfig: { InstanceCount: 1 },
});

describe('TrainingJob through reconcile', () => {
  it('InProgress: not synced, with ACK message, requeued', async () => {
    const t = harness('TrainingJob', trainingJob(false), { DescribeTrainingJob: [described('InProgress')] });
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', message: 'TrainingJob is in InProgress status.' });
  });

  it('delete: Stop while InProgress, wait while Stopping, finalizer goes once Stopped with no second Stop', async () => {
    const t = harness('TrainingJob', trainingJob(true), {
      // The read, the read right after Stop, then one per reconcile.
      DescribeTrainingJob: [described('InProgress'), described('Stopping'), described('Stopping'), described('Stopped')],
      StopTrainingJob: [{}],
    });
    // Looked at again soon (a stop may be quick), not after the hook's 30 s.
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter', ms: 1_000, reason: 'TrainingJob is Stopping.' });
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter', reason: 'TrainingJob is Stopping.' });
    expect(t.store.obj?.metadata.finalizers).toHaveLength(1);
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.aws.writes()).toEqual(['StopTrainingJob']);
    expect(t.store.obj?.metadata.finalizers ?? []).toEqual([]);
  });

  it('delete of a Completed job (moto serves only those): no Stop call', async () => {
    const t = harness('TrainingJob', trainingJob(true), { DescribeTrainingJob: [described('Completed')] });
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.aws.writes()).toEqual([]);
  });

  it('a spec change other than warm pool/profiler is Terminal with ACK text, and nothing is sent', async () => {
    const obj = trainingJob(false);
    const t = harness('TrainingJob', { ...obj, spec: { ...obj.spec, hyperParameters: { eta: '0.3' } } }, {
      DescribeTrainingJob: [{ ...described('Completed'), HyperParameters: { eta: '0.2' } }],
    });
    expect(await t.run()).toMatchObject({ kind: 'terminal' });
    expect(t.condition('ACK.Terminal')).toMatchObject({ status: 'True', message: 'only Warm Pool or Profiler can be updated' });
    expect(t.aws.writes()).toEqual([]);
  });
});

describe('Endpoint through reconcile', () => {
  const epArn = 'arn:aws:sagemaker:us-west-2:111122223333:endpoint/ep';
  const endpoint = (annotations: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'Endpoint',
    metadata: { name: 'ep', namespace: 'ns', annotations, finalizers: ['finalizers.sagemaker.services.k8s.aws/Endpoint'] },
    spec: { endpointName: 'ep', endpointConfigName: 'cfg-2' },
    status: { ackResourceMetadata: { arn: epArn, ownerAccountID: '111122223333', region: 'us-west-2' }, endpointStatus: 'Creating' },
  });
  const ep = (EndpointStatus: string, EndpointConfigName: string, extra: SdkObject = {}) => ({ EndpointName: 'ep', EndpointArn: epArn, EndpointConfigName, EndpointStatus, ...extra });

  it('a config change updates with RetainAllVariantProperties, records the config, and shows Updating', async () => {
    // The stored status still says Creating: the gate must judge the status just read.
    const t = harness('Endpoint', endpoint(), { DescribeEndpoint: [ep('InService', 'cfg-1'), ep('InService', 'cfg-2')], UpdateEndpoint: [{ EndpointArn: epArn }] });
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter' });
    expect(t.aws.calls.find((c) => c.operation === 'UpdateEndpoint')?.input).toMatchObject({ EndpointName: 'ep', EndpointConfigName: 'cfg-2', RetainAllVariantProperties: true });
    expect(t.store.obj!.metadata.annotations).toMatchObject({ [LAST_CONFIG_ANNOTATION]: 'cfg-2' });
    expect(t.store.obj!.status).toMatchObject({ endpointStatus: 'Updating' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', message: 'Endpoint is in Updating status.' });
  });

  it('retrying the config SageMaker rolled back: Terminal EndpointUpdateError, no call', async () => {
    const t = harness('Endpoint', endpoint({ [LAST_CONFIG_ANNOTATION]: 'cfg-2' }), {
      DescribeEndpoint: [ep('InService', 'cfg-1', { FailureReason: 'Image not found' })],
    });
    expect(await t.run()).toMatchObject({ kind: 'terminal' });
    expect(t.condition('ACK.Terminal')?.message).toBe(
      'api error EndpointUpdateError: unable to update endpoint. check FailureReason. latest EndpointConfigName is cfg-1',
    );
    expect(t.aws.writes()).toEqual([]);
  });

  it('Failed at read: Terminal with ACK text', async () => {
    const t = harness('Endpoint', endpoint(), { DescribeEndpoint: [ep('Failed', 'cfg-2')] });
    await t.run();
    expect(t.condition('ACK.Terminal')?.message).toBe('Endpoint status reached terminal state: Failed. Check the FailureReason.');
  });
});
