// FieldExport (services.k8s.aws/v1alpha1) end to end, through the generated SageMaker and
// Application Auto Scaling controllers on the real kube-apiserver and moto: ACK's manifests apply
// unchanged, the exported key follows its source, each controller handles only its own group.
import { stringify } from 'yaml';
import { CORE } from '../../runtime/k8s/client';
import type { KubeObject } from '../../runtime/k8s/types';
import { trainingJobInProgress } from '../env/aws/hold-presets';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { withControllers } from '../e2e/with-controllers';
import { trainingJobManifest } from '../support/manifests';
import { AUTOSCALING, SAGEMAKER, condition, gone, installCrds, ref, startControllers, synced, until, waitFor, type Controllers } from '../e2e/controllers';

const FIELD_EXPORTS = { group: 'services.k8s.aws', version: 'v1alpha1', plural: 'fieldexports' };
const SECRETS = { group: '', version: 'v1', plural: 'secrets' };
const ENDPOINT = ref(SAGEMAKER, 'endpoints');
const TRAINING = ref(SAGEMAKER, 'trainingjobs');
const TARGET = ref(AUTOSCALING, 'scalabletargets');
const ROLE = 'arn:aws:iam::123456789012:role/sagemaker-execution-role';
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1';

const ns = uniqueName('fieldexport');
const otherNs = uniqueName('fieldexport-shared');
const awsName = uniqueName('fe');

let aws: TestAws;
let c: Controllers;

function apply(...manifests: object[]): void {
  const r = kubectl(['apply', '-n', ns, '-f', '-'], { input: manifests.map((m) => stringify(m)).join('---\n') });
  if (r.status !== 0) throw new Error(`kubectl apply: ${r.stderr}`);
}

/** A FieldExport exactly as ACK's docs write one. */
function fieldExport(name: string, from: { group: string; kind: string; name: string; path: string }, to: { kind: 'configmap' | 'secret'; name: string; key?: string; namespace?: string }) {
  const { path, ...resource } = from;
  return { apiVersion: 'services.k8s.aws/v1alpha1', kind: 'FieldExport', metadata: { name }, spec: { from: { path, resource }, to } };
}

const sm = (kind: string, name: string, path: string) => ({ group: SAGEMAKER.group, kind, name, path });

const trainingJob = (name: string, jobName: string, outputPath: string) =>
  trainingJobManifest(ns, name, { trainingJobName: jobName, outputDataConfig: { s3OutputPath: outputPath } });

async function configMapData(name: string, namespace = ns): Promise<Record<string, string>> {
  return (await c.kube.get<{ data?: Record<string, string> }>(CORE.configMaps, namespace, name))?.data ?? {};
}

/** The ConfigMap once `key` holds `value`. */
function configMapHas(name: string, key: string, value: string, namespace = ns, timeoutMs = 30_000): Promise<Record<string, string>> {
  return waitFor(async () => {
    const data = await configMapData(name, namespace);
    return data[key] === value ? data : undefined;
  }, timeoutMs, `configmap ${namespace}/${name} ${key}=${value}`, c.logs);
}

const exported = (name: string, timeoutMs?: number) =>
  until(c, FIELD_EXPORTS, ns, name, (o) => condition(o, 'ACK.ResourceSynced')?.status === 'True', 'exported (ACK.ResourceSynced=True)', timeoutMs);

const env = withControllers({ ns, namespaces: [otherNs], crds: installCrds, start: startControllers });
beforeAll(() => ({ aws, c } = env));

describe('FieldExport', () => {
  it("ACK's FieldExport manifest passes server-side dry-run with strict validation; a bad target kind is refused at apply", () => {
    const manifest = fieldExport('dry', sm('Endpoint', 'x', '.status.ackResourceMetadata.arn'), { kind: 'configmap', name: 'x' });
    const r = kubectl(['apply', '-n', ns, '--server-side', '--dry-run=server', '--validate=strict', '-f', '-'], { input: stringify(manifest) });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const bad = kubectl(['apply', '-n', ns, '--dry-run=server', '-f', '-'], { input: stringify(fieldExport('dry', sm('Endpoint', 'x', '.a'), { kind: 'pod' as 'secret', name: 'x' })) });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/spec\.to\.kind: Unsupported value: "pod"/);
  });

  it("exports an Endpoint's name and config into a ConfigMap (created), and its ARN into an existing Secret; the ConfigMap follows an endpoint update", async () => {
    apply(
      { apiVersion: `${SAGEMAKER.group}/v1alpha1`, kind: 'Model', metadata: { name: 'model' }, spec: { modelName: awsName, executionRoleARN: ROLE, primaryContainer: { image: IMAGE, modelDataURL: 's3://bucket/model.tar.gz' } } },
      ...['c1', 'c2'].map((cfg) => ({
        apiVersion: `${SAGEMAKER.group}/v1alpha1`,
        kind: 'EndpointConfig',
        metadata: { name: cfg },
        spec: { endpointConfigName: `${awsName}-${cfg}`, productionVariants: [{ variantName: 'AllTraffic', modelName: awsName, initialInstanceCount: 1, instanceType: 'ml.c5.large' }] },
      })),
      { apiVersion: `${SAGEMAKER.group}/v1alpha1`, kind: 'Endpoint', metadata: { name: 'ep' }, spec: { endpointName: awsName, endpointConfigName: `${awsName}-c1` } },
    );
    kubectl(['create', 'secret', 'generic', 'ep-secret', '-n', ns, '--from-literal=kept=yes']);
    apply(
      fieldExport('ep-name', sm('Endpoint', 'ep', '.spec.endpointName'), { kind: 'configmap', name: 'endpoint', key: 'ENDPOINT_NAME' }),
      fieldExport('ep-config', sm('Endpoint', 'ep', '.spec.endpointConfigName'), { kind: 'configmap', name: 'endpoint' }),
      fieldExport('ep-arn', sm('Endpoint', 'ep', '.status.ackResourceMetadata.arn'), { kind: 'secret', name: 'ep-secret', key: 'arn' }),
    );
    const endpoint = await synced(c, ENDPOINT, ns, 'ep', 60_000);
    // Two FieldExports create the one ConfigMap together: both keys land.
    await configMapHas('endpoint', 'ENDPOINT_NAME', awsName);
    await configMapHas('endpoint', `${ns}.ep-config`, `${awsName}-c1`);
    const fe = await exported('ep-name');
    expect(fe.metadata.finalizers).toEqual(['finalizers.services.k8s.aws/FieldExport']);
    expect(condition(fe, 'Ready')?.status).toBe('True');
    expect(condition(fe, 'ACK.ResourceSynced')?.message).toBe(`exported .spec.endpointName of Endpoint ${ns}/ep to configmap ${ns}/endpoint, key ENDPOINT_NAME`);

    const arn = (endpoint.status?.ackResourceMetadata as { arn: string }).arn;
    expect(arn).toMatch(/^arn:aws:sagemaker:.*:endpoint\//);
    const secret = await waitFor(async () => {
      const s = await c.kube.get<{ data?: Record<string, string> }>(SECRETS, ns, 'ep-secret');
      return s?.data?.['arn'] ? s.data : undefined;
    }, 30_000, 'the ARN in the Secret', c.logs);
    expect(Buffer.from(secret['arn']!, 'base64').toString()).toBe(arn);
    expect(Buffer.from(secret['kept']!, 'base64').toString()).toBe('yes');

    const table = kubectl(['get', 'fieldexports', '-n', ns, 'ep-name']);
    expect(table.stdout).toMatch(/^NAME\s+KIND\s+SOURCE\s+TO\s+TARGET\s+SYNCED\s+AGE\nep-name\s+Endpoint\s+ep\s+configmap\s+endpoint\s+True\s+/);

    // The source changes (an update to the second config, through UpdateEndpoint): the key follows.
    // The full name: 'endpoint' can resolve to core Endpoints (seen after another file restarted the apiserver).
    expect(kubectl(['patch', 'endpoints.sagemaker.services.k8s.aws', 'ep', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { endpointConfigName: `${awsName}-c2` } })]).status).toBe(0);
    const after = await configMapHas('endpoint', `${ns}.ep-config`, `${awsName}-c2`, ns, 60_000);
    expect(after['ENDPOINT_NAME']).toBe(awsName);
  });

  it("exports a TrainingJob's model artifact URI once the job completes, and follows the job when it is replaced", async () => {
    const job1 = uniqueName('fe-tj');
    // In progress until the hold is cleared (a phase with no count or duration lasts until then).
    const inProgress = trainingJobInProgress(job1, { secondary: ['Training'] });
    const hold = await aws.control.hold({ ...inProgress, phases: inProgress.phases.map(({ describes: _d, seconds: _s, ...phase }) => phase) });
    apply(
      fieldExport('model-uri', sm('TrainingJob', 'train', '.status.modelArtifacts.s3ModelArtifacts'), { kind: 'configmap', name: 'model', key: 'MODEL_URI' }),
      trainingJob('train', job1, 's3://bucket/first'),
    );
    // In progress: not synced, so nothing is exported yet, and the FieldExport says why.
    const waiting = await until(c, FIELD_EXPORTS, ns, 'model-uri', (o) => condition(o, 'ACK.Recoverable')?.reason === 'SourceNotSynced', 'waiting for the job');
    expect(condition(waiting, 'ACK.Recoverable')?.message).toBe(`the source resource TrainingJob ${ns}/train is not synced yet`);
    expect(condition(waiting, 'ACK.ResourceSynced')?.status).toBe('False');
    expect((await configMapData('model'))['MODEL_URI']).toBeUndefined();
    // The job completes (its next Describe); the export follows through the TrainingJob informer, no polling.
    await aws.control.clearHolds(hold.id);
    kubectl(['annotate', '--overwrite', 'trainingjob', 'train', '-n', ns, 'test.ack-ts/poke=1']);
    await synced(c, TRAINING, ns, 'train', 60_000);
    await configMapHas('model', 'MODEL_URI', `s3://bucket/first/${job1}/output/model.tar.gz`);

    // The job is replaced by one writing elsewhere: the key follows the new source.
    kubectl(['delete', 'trainingjob', 'train', '-n', ns, '--wait=false']);
    await gone(c, TRAINING, ns, 'train', 60_000);
    await until(c, FIELD_EXPORTS, ns, 'model-uri', (o) => condition(o, 'ACK.Recoverable')?.reason === 'SourceNotFound', 'source gone');
    const job2 = uniqueName('fe-tj');
    apply(trainingJob('train', job2, 's3://bucket/second'));
    await configMapHas('model', 'MODEL_URI', `s3://bucket/second/${job2}/output/model.tar.gz`, ns, 60_000);
    expect(condition(await exported('model-uri'), 'ACK.Recoverable')).toBeUndefined();
  });

  it('a path with no value is Recoverable and a path jq-subset cannot parse is Terminal; neither writes', async () => {
    apply(
      fieldExport('no-field', sm('Endpoint', 'ep', '.status.noSuchField'), { kind: 'configmap', name: 'failing' }),
      fieldExport('bad-path', sm('Endpoint', 'ep', '.spec.endpointName | ascii_downcase'), { kind: 'configmap', name: 'failing' }),
    );
    const missing = await until(c, FIELD_EXPORTS, ns, 'no-field', (o) => condition(o, 'ACK.Recoverable') !== undefined, 'Recoverable');
    expect(condition(missing, 'ACK.Recoverable')).toMatchObject({ status: 'True', reason: 'PathNotFound', message: `path ".status.noSuchField" does not exist in Endpoint ${ns}/ep` });
    expect(condition(missing, 'ACK.ResourceSynced')?.status).toBe('False');
    const bad = await until(c, FIELD_EXPORTS, ns, 'bad-path', (o) => condition(o, 'ACK.Terminal') !== undefined, 'Terminal');
    expect(condition(bad, 'ACK.Terminal')).toMatchObject({ status: 'True', reason: 'InvalidPath', message: expect.stringContaining('unable to parse path ".spec.endpointName | ascii_downcase": expected a path starting with "."') });
    expect(await c.kube.get(CORE.configMaps, ns, 'failing')).toBeUndefined();
    const events = kubectl(['get', 'events', '-n', ns, '--field-selector', 'involvedObject.name=bad-path', '-o', 'jsonpath={.items[*].reason}']);
    expect(events.stdout).toContain('InvalidPath');

    // Fixing the path (a spec change) exports at once.
    expect(kubectl(['patch', 'fieldexport', 'bad-path', '-n', ns, '--type=merge', '-p', '{"spec":{"from":{"path":".spec.endpointName"}}}']).status).toBe(0);
    await configMapHas('failing', `${ns}.bad-path`, awsName);
    expect(condition(await exported('bad-path'), 'ACK.Terminal')).toBeUndefined();
  });

  it('a target in another namespace is written (cross-namespace is on by default) with the ACK.Advisory', async () => {
    apply(fieldExport('cross', sm('Endpoint', 'ep', '.spec.endpointName'), { kind: 'configmap', name: 'shared', namespace: otherNs, key: 'ep' }));
    await configMapHas('shared', 'ep', awsName, otherNs);
    const fe = await exported('cross');
    expect(condition(fe, 'ACK.Advisory')).toMatchObject({ status: 'True', reason: 'CrossNamespaceOptInRequired' });
  });

  it("the Application Auto Scaling controller exports its own kinds (and the SageMaker controller leaves them alone)", async () => {
    const resourceID = `endpoint/${uniqueName('fe-ep')}/variant/AllTraffic`;
    apply(
      { apiVersion: `${AUTOSCALING.group}/v1alpha1`, kind: 'ScalableTarget', metadata: { name: 'target' }, spec: { serviceNamespace: 'sagemaker', resourceID, scalableDimension: 'sagemaker:variant:DesiredInstanceCount', minCapacity: 1, maxCapacity: 2 } },
      fieldExport('max', { group: AUTOSCALING.group, kind: 'ScalableTarget', name: 'target', path: '.spec.maxCapacity' }, { kind: 'configmap', name: 'scaling', key: 'MAX' }),
    );
    await synced(c, TARGET, ns, 'target', 60_000);
    await configMapHas('scaling', 'MAX', '2');
    expect(kubectl(['patch', 'scalabletarget', 'target', '-n', ns, '--type=merge', '-p', '{"spec":{"maxCapacity":5}}']).status).toBe(0);
    await configMapHas('scaling', 'MAX', '5');
    const reconciledBy = (ctl: 'sagemaker' | 'autoscaling') => c[ctl].metrics.reconciles.get({ kind: 'FieldExport', outcome: 'exported' });
    // Counted when the reconcile returns, a moment after its ConfigMap write is visible.
    await waitFor(() => (reconciledBy('autoscaling') >= 2 ? true : undefined), 30_000, 'two exports counted by the autoscaling controller', c.logs);
    expect(c.logs.filter((l) => l.startsWith('sagemaker') && l.includes('"name":"max"'))).toEqual([]);
    expect(kubectl(['delete', 'scalabletarget', 'target', '-n', ns, '--wait=false']).status).toBe(0);
    await gone(c, TARGET, ns, 'target');
  });

  it('deleting a FieldExport removes the key it wrote, keeps the others, and releases its finalizer', async () => {
    expect(kubectl(['delete', 'fieldexport', 'ep-config', '-n', ns, '--wait=false']).status).toBe(0);
    await gone(c, FIELD_EXPORTS, ns, 'ep-config');
    const data = await waitFor(async () => {
      const d = await configMapData('endpoint');
      return `${ns}.ep-config` in d ? undefined : d;
    }, 30_000, 'the key removed', c.logs);
    expect(data['ENDPOINT_NAME']).toBe(awsName);
  });

  it('everything deletes cleanly', async () => {
    for (const kind of ['fieldexport', 'endpoints.sagemaker.services.k8s.aws', 'endpointconfig', 'model', 'trainingjob']) kubectl(['delete', kind, '--all', '-n', ns, '--wait=false']);
    for (const name of ['ep-name', 'ep-arn', 'model-uri', 'no-field', 'bad-path', 'cross', 'max']) await gone(c, FIELD_EXPORTS, ns, name);
    await gone(c, ENDPOINT, ns, 'ep', 60_000);
    const fes = await c.kube.list<KubeObject>(FIELD_EXPORTS, ns);
    expect(fes.items).toEqual([]);
  });
});
