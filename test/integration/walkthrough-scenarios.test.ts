// The walkthrough's kinds under the conditions moto alone cannot produce, driven through the
// scenario proxy: jobs in progress, stop on delete, throttling, an endpoint update in flight,
// invalid specs, a controller killed mid-create, and AWS resources removed out of band.
import { spawn } from 'node:child_process';
import { DeleteModelCommand, DescribeEndpointCommand, DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { resolve } from 'node:path';
import { statusHold, trainingJobInProgress } from '../env/aws/hold-presets';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { withControllers } from '../e2e/with-controllers';
import { kubectl, testContext } from '../env/context';
import { endpointConfigManifest, endpointManifest, modelManifest, trainingJobManifest } from '../support/manifests';
import { AUTOSCALING, SAGEMAKER, condition, gone, installCrds, ref, startControllers, synced, until, waitFor, type Controllers } from '../e2e/controllers';

const REPO = resolve(__dirname, '../..');
const TRAINING = ref(SAGEMAKER, 'trainingjobs');
const MODEL = ref(SAGEMAKER, 'models');
const CONFIG = ref(SAGEMAKER, 'endpointconfigs');
const ENDPOINT = ref(SAGEMAKER, 'endpoints');
const POLICY = ref(AUTOSCALING, 'scalingpolicies');
const ns = uniqueName('scenarios');

let aws: TestAws;
let c: Controllers;
let sm: SageMakerClient;

const trainingJob = (name: string, spec: Record<string, unknown> = {}) => trainingJobManifest(ns, name, spec);
const model = (name: string) => modelManifest(ns, name);
const endpointConfig = (name: string, modelName: string) => endpointConfigManifest(ns, name, modelName);
const endpoint = (name: string, configName: string) => endpointManifest(ns, name, configName);

async function create(r: { group: string; version: string; plural: string }, body: { metadata: { name: string } }): Promise<void> {
  await c.kube.create(r, ns, body);
}

const env = withControllers({
  ns,
  crds: installCrds,
  client: (aws) => new SageMakerClient(aws.clientConfig()),
  start: (aws, ns) => startControllers(aws, ns),
  after: async (aws) => {
    await aws.control.clearHolds();
    await aws.control.clearFaults();
  },
});
beforeAll(() => ({ aws, c, client: sm } = env));

describe('jobs in progress', () => {
  it('a TrainingJob held InProgress is requeued, shows InProgress in kubectl get, then becomes Synced', async () => {
    const name = uniqueName('held');
    await aws.control.hold(trainingJobInProgress(name, { secondary: ['Training'], describes: 3 }));
    await create(TRAINING, trainingJob(name));
    const held = await until(c, TRAINING, ns, name, (o) => (o.status as Record<string, unknown> | undefined)?.['trainingJobStatus'] === 'InProgress', 'InProgress');
    expect(condition(held, 'ACK.ResourceSynced')).toMatchObject({ status: 'False', message: 'TrainingJob is in InProgress status.' });
    expect(kubectl(['get', 'trainingjob', name, '-n', ns]).stdout).toMatch(new RegExp(`${name}\\s+InProgress\\s+Training\\s+False`));
    const done = await synced(c, TRAINING, ns, name, 100_000);
    expect((done.status as Record<string, unknown>)['trainingJobStatus']).toBe('Completed');
  }, 150_000);

  it('deleting an InProgress TrainingJob stops it, and the finalizer goes only once it is Stopped', async () => {
    const name = uniqueName('stop');
    await aws.control.hold(trainingJobInProgress(name, { secondary: ['Training'], describes: 1000 }));
    await create(TRAINING, trainingJob(name));
    await until(c, TRAINING, ns, name, (o) => (o.status as Record<string, unknown> | undefined)?.['trainingJobStatus'] === 'InProgress', 'InProgress');
    const mark = await aws.control.mark();
    kubectl(['delete', 'trainingjob', name, '-n', ns, '--wait=false']);
    await waitFor(async () => (await aws.control.calls({ since: mark, operation: 'StopTrainingJob', resource: name })).length === 1, 30_000, 'StopTrainingJob', c.logs);
    // Stopping: the resource stays, with its finalizer, until SageMaker reports Stopped.
    const stopping = await c.kube.get(TRAINING, ns, name);
    expect(stopping?.metadata.finalizers).toEqual(['finalizers.sagemaker.services.k8s.aws/TrainingJob']);
    await gone(c, TRAINING, ns, name, 90_000);
    const job = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    expect(job.TrainingJobStatus).toBe('Stopped');
    expect(await aws.control.calls({ since: mark, operation: 'StopTrainingJob', resource: name })).toHaveLength(1);
  }, 120_000);
});

describe('AWS errors', () => {
  it('throttling on Describe gives ACK.Recoverable with backoff, never Terminal, and recovers once lifted', async () => {
    const name = uniqueName('throttled');
    await aws.control.inject({ kind: 'throttle', operation: 'DescribeTrainingJob', resource: name });
    await create(TRAINING, trainingJob(name));
    const obj = await until(c, TRAINING, ns, name, (o) => condition(o, 'ACK.Recoverable')?.status === 'True', 'Recoverable');
    expect(condition(obj, 'ACK.Recoverable')?.message).toMatch(/^ThrottlingException/);
    expect(condition(obj, 'ACK.Terminal')).toBeUndefined();
    const seen = (await aws.control.calls({ operation: 'DescribeTrainingJob', resource: name })).length;
    await new Promise((r) => setTimeout(r, 3000));
    const later = (await aws.control.calls({ operation: 'DescribeTrainingJob', resource: name })).length;
    expect(later - seen).toBeLessThan(15); // backing off, not spinning
    await aws.control.clearFaults();
    await synced(c, TRAINING, ns, name, 60_000);
  }, 90_000);

  it('an invalid spec AWS rejects is Terminal with AWS\'s message, then no AWS calls until the spec changes', async () => {
    const name = uniqueName('badpolicy');
    const body = {
      apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
      kind: 'ScalingPolicy',
      metadata: { name, namespace: ns },
      spec: {
        policyName: name,
        policyType: 'NoSuchPolicyType',
        serviceNamespace: 'sagemaker',
        resourceID: `endpoint/${name}/variant/AllTraffic`,
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      },
    };
    await create(POLICY, body);
    const obj = await until(c, POLICY, ns, name, (o) => condition(o, 'ACK.Terminal')?.status === 'True', 'Terminal');
    expect(condition(obj, 'ACK.Terminal')?.message).toMatch(/^ValidationException: .+/);
    const mark = await aws.control.mark();
    // Two later reconciles (a label, then an annotation, each awaited so they cannot coalesce) call nothing.
    const terminalReconciles = () => c.logs.filter((l) => l.includes('no AWS call until the spec changes') && l.includes(name)).length;
    for (const [verb, arg] of [['label', 'team=ml'], ['annotate', 'note=reviewed']] as const) {
      const seen = terminalReconciles();
      expect(kubectl([verb, 'scalingpolicies.applicationautoscaling.services.k8s.aws', name, '-n', ns, arg]).status).toBe(0);
      await waitFor(() => terminalReconciles() > seen || undefined, 30_000, `a reconcile of the Terminal ScalingPolicy after the ${verb}`, c.logs);
    }
    expect(await aws.control.calls({ since: mark, operation: 'PutScalingPolicy' })).toEqual([]);
    // A spec change is a new generation: the controller tries again.
    await c.kube.mergePatch(POLICY, ns, name, { spec: { policyType: 'StepScaling' } });
    await waitFor(async () => (await aws.control.calls({ since: mark, operation: 'PutScalingPolicy' })).length > 0, 30_000, 'a new PutScalingPolicy', c.logs);
  }, 60_000);
});

describe('Endpoint update', () => {
  it('an Endpoint held Updating after a spec change ends InService with the new config', async () => {
    const base = uniqueName('ep');
    await create(MODEL, model(`${base}-model`));
    await create(CONFIG, endpointConfig(`${base}-a`, `${base}-model`));
    await create(CONFIG, endpointConfig(`${base}-b`, `${base}-model`));
    await create(ENDPOINT, endpoint(base, `${base}-a`));
    await synced(c, ENDPOINT, ns, base);
    await synced(c, CONFIG, ns, `${base}-b`);
    await aws.control.hold(statusHold('Endpoint', base, ['Updating'], { describes: 3, after: 'UpdateEndpoint' }));
    await c.kube.mergePatch(ENDPOINT, ns, base, { spec: { endpointConfigName: `${base}-b` } });
    await until(c, ENDPOINT, ns, base, (o) => (o.status as Record<string, unknown> | undefined)?.['endpointStatus'] === 'Updating', 'Updating');
    const done = await until(
      c, ENDPOINT, ns, base,
      (o) => condition(o, 'ACK.ResourceSynced')?.status === 'True' && (o.status as Record<string, unknown>)['endpointStatus'] === 'InService',
      'InService after the update', 90_000,
    );
    expect(condition(done, 'ACK.Terminal')).toBeUndefined();
    const ep = await sm.send(new DescribeEndpointCommand({ EndpointName: base }));
    expect(ep).toMatchObject({ EndpointConfigName: `${base}-b`, EndpointStatus: 'InService' });
    const updates = await aws.control.calls({ operation: 'UpdateEndpoint', resource: base });
    expect(updates).toHaveLength(1);
  }, 150_000);
});

describe('no wedged deletions, no duplicate AWS resources', () => {
  it('deleting a resource whose AWS side was removed out of band completes', async () => {
    const name = uniqueName('oob');
    await create(MODEL, model(name));
    await synced(c, MODEL, ns, name);
    await sm.send(new DeleteModelCommand({ ModelName: name }));
    kubectl(['delete', 'model', name, '-n', ns, '--wait=false']);
    await gone(c, MODEL, ns, name);
  });

  it('a controller killed right after sending a Create, then restarted, leaves exactly one AWS resource', async () => {
    const name = uniqueName('killed');
    // The Create reaches AWS, but its answer comes late: the controller dies waiting for it.
    await aws.control.inject({ kind: 'latency', operation: 'CreateTrainingJob', resource: name, latencyMs: 4000, count: 1 });
    const killedNs = uniqueName('killed');
    kubectl(['create', 'namespace', killedNs]);
    const args = (require('../../runtime/bin/controller.cjs') as { commandFor(root: string, s: string): { args: string[] } }).commandFor(REPO, 'sagemaker').args;
    const flags = ['--aws-endpoint-url', aws.endpoint, '--allow-unsafe-aws-endpoint-urls', '--aws-region', aws.region, '--watch-namespace', killedNs, '--metrics-addr', '127.0.0.1:0', '--healthz-addr', '127.0.0.1:0'];
    const env = { ...process.env, KUBECONFIG: testContext().kubeconfig };
    const first = spawn(process.execPath, [...args, ...flags], { cwd: REPO, env, stdio: 'ignore' });
    try {
      await c.kube.create(TRAINING, killedNs, { ...trainingJob(name), metadata: { name, namespace: killedNs } });
      await waitFor(async () => (await aws.control.calls({ operation: 'CreateTrainingJob', resource: name })).length > 0 || undefined, 30_000, 'CreateTrainingJob sent');
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const second = spawn(process.execPath, [...args, ...flags], { cwd: REPO, env, stdio: 'ignore' });
      try {
        const obj = await synced(c, TRAINING, killedNs, name, 60_000);
        expect((obj.status as Record<string, any>)['ackResourceMetadata']?.arn).toMatch(new RegExp(`training-job/${name}$`));
        const creates = await aws.control.calls({ operation: 'CreateTrainingJob', resource: name });
        expect(creates.filter((x) => x.status === 200)).toHaveLength(1);
      } finally {
        second.kill('SIGTERM');
      }
    } finally {
      if (first.exitCode === null) first.kill('SIGKILL');
      kubectl(['delete', 'namespace', killedNs, '--wait=false']);
    }
  }, 120_000);
});
