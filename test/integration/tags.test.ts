// Tags kept through the service's tagging API (issue 15 item 4), through the generated SageMaker
// controller on the real apiserver + moto: default tags with ACK's %…% expansion on create, spec
// changes applied with AddTags/DeleteTags, and tags changed out of band corrected on resync.
import { AddTagsCommand, ListTagsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startTestAws, uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { SAGEMAKER, installCrds, ref, startControllers, synced, waitFor, type Controllers } from '../e2e/controllers';

const ns = uniqueName('tags');
const MODEL = ref(SAGEMAKER, 'models');
const TRAINING = ref(SAGEMAKER, 'trainingjobs');
const RESYNC_SECONDS = 2;
const DEFAULT_TAGS = [
  'services.k8s.aws/controller-version=%CONTROLLER_SERVICE%-%CONTROLLER_VERSION%',
  'services.k8s.aws/namespace=%K8S_NAMESPACE%',
  'services.k8s.aws/resource=%K8S_RESOURCE_KIND%/%K8S_RESOURCE_NAME%',
];

let aws: TestAws;
let c: Controllers;
let sm: SageMakerClient;
const modelName = uniqueName('tagged-model');
const jobName = uniqueName('tagged-job');
const arnOf = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:123456789012:${kind}/${name}`;

function apply(manifest: object): void {
  const r = kubectl(['apply', '-n', ns, '-f', '-'], { input: JSON.stringify(manifest) });
  if (r.status !== 0) throw new Error(`kubectl apply: ${r.stderr}`);
}

async function awsTags(arn: string): Promise<Record<string, string>> {
  const out = await sm.send(new ListTagsCommand({ ResourceArn: arn }));
  return Object.fromEntries((out.Tags ?? []).map((t) => [t.Key!, t.Value!]));
}

const model = (tags: { key: string; value: string }[]) => ({
  apiVersion: `${SAGEMAKER.group}/${SAGEMAKER.version}`,
  kind: 'Model',
  metadata: { name: modelName },
  spec: {
    modelName,
    executionRoleARN: 'arn:aws:iam::123456789012:role/sagemaker-execution-role',
    primaryContainer: { image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1', modelDataURL: 's3://bucket/model.tar.gz' },
    tags,
  },
});

beforeAll(async () => {
  installCrds();
  kubectl(['create', 'namespace', ns]);
  aws = await startTestAws();
  sm = new SageMakerClient(aws.clientConfig({ maxAttempts: 3 }));
  c = await startControllers(aws, ns, ['--resource-tags', DEFAULT_TAGS.join(','), '--reconcile-default-resync-seconds', String(RESYNC_SECONDS)]);
}, 120_000);

afterAll(async () => {
  await c?.stop();
  await aws?.stop();
  kubectl(['delete', 'namespace', ns, '--wait=false']);
});

describe('tags through the tagging API (SageMaker AddTags/DeleteTags/ListTags)', () => {
  it('create: the spec tags plus the expanded default tags; the user wins on a shared key', async () => {
    apply(model([{ key: 'team', value: 'ml' }, { key: 'services.k8s.aws/namespace', value: 'mine' }]));
    await synced(c, MODEL, ns, modelName);
    expect(await awsTags(arnOf('model', modelName))).toEqual({
      team: 'ml',
      'services.k8s.aws/namespace': 'mine',
      'services.k8s.aws/controller-version': expect.stringMatching(/^sagemaker-/),
      'services.k8s.aws/resource': `Model/${modelName}`,
    });
  });

  it('a spec change is applied: a changed value, a new key, a removed key', async () => {
    const mark = await aws.control.mark();
    apply(model([{ key: 'team', value: 'research' }, { key: 'env', value: 'prod' }]));
    await waitFor(async () => {
      const t = await awsTags(arnOf('model', modelName));
      return t.team === 'research' && t.env === 'prod' && t['services.k8s.aws/namespace'] === ns ? t : undefined;
    }, 30_000, 'model tags follow the spec', c.logs);
    const writes = (await aws.control.calls({ since: mark, service: 'sagemaker' })).map((x) => x.operation);
    expect(writes).toContain('AddTags');
    expect(writes).not.toContain('CreateModel');
    // The default tag came back once the user's tag of the same key was removed.
    expect((await awsTags(arnOf('model', modelName)))['services.k8s.aws/namespace']).toBe(ns);
  });

  it('drift made out of band is corrected on resync: a stray tag removed, a changed value restored', async () => {
    const arn = arnOf('model', modelName);
    await sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'stray', Value: 'x' }, { Key: 'team', Value: 'hijacked' }] }));
    const t = await waitFor(async () => {
      const now = await awsTags(arn);
      return !('stray' in now) && now.team === 'research' ? now : undefined;
    }, 30_000, 'out-of-band tags corrected', c.logs);
    expect(t.env).toBe('prod');
  });

  it('an idle resync reads (DescribeModel + ListTags) and writes nothing', async () => {
    await new Promise((r) => setTimeout(r, 500));
    const mark = await aws.control.mark();
    await new Promise((r) => setTimeout(r, (RESYNC_SECONDS * 2 + 1) * 1000));
    const calls = (await aws.control.calls({ since: mark, service: 'sagemaker' })).filter((x) => x.resource?.includes(modelName) ?? true);
    const ops = calls.map((x) => x.operation);
    expect(ops).toContain('DescribeModel');
    expect(ops).toContain('ListTags');
    expect(ops.filter((o) => !/^(Describe|List)/.test(o))).toEqual([]);
    // One ListTags per DescribeModel: the tag read is the only extra read.
    expect(ops.filter((o) => o === 'ListTags').length).toBe(ops.filter((o) => o === 'DescribeModel').length);
  });

  it('a finished TrainingJob keeps its tags current too', async () => {
    const training = readFileSync(join(resolve(__dirname, '../../../shared/walkthrough'), 'training.yaml'), 'utf8');
    const manifest = training.replace(/xgboost-abalone/g, jobName);
    const r = kubectl(['apply', '-n', ns, '-f', '-'], { input: manifest });
    if (r.status !== 0) throw new Error(r.stderr);
    await synced(c, TRAINING, ns, jobName);
    expect(await awsTags(arnOf('training-job', jobName))).toMatchObject({ project: 'abalone', 'services.k8s.aws/resource': `TrainingJob/${jobName}` });
    const p = kubectl(['patch', 'trainingjob', jobName, '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { tags: [{ key: 'project', value: 'abalone-v2' }] } })]);
    if (p.status !== 0) throw new Error(p.stderr);
    await waitFor(async () => ((await awsTags(arnOf('training-job', jobName))).project === 'abalone-v2' ? true : undefined), 30_000, 'training job tag updated', c.logs);
  });
});
