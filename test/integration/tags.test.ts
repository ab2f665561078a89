// Tags kept through the service's tagging API (issue 15 item 4), through the generated SageMaker
// controller on the real apiserver + moto: default tags with ACK's %…% expansion on create, spec
// changes applied with AddTags/DeleteTags at once, tags changed out of band corrected within the
// tag resync period, and between two tag reads an idle resync costs exactly one read
// (DescribeModel: SageMaker's Describe does not report tags, so they are read with ListTags only on
// the schedule of runtime/reconcile/tag-schedule.ts).
import { AddTagsCommand, ListTagsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { applyIn } from '../e2e/kubectl-ok';
import { withControllers } from '../e2e/with-controllers';
import { SAGEMAKER, installCrds, ref, startControllers, synced, waitFor, type Controllers } from '../e2e/controllers';

const ns = uniqueName('tags');
const MODEL = ref(SAGEMAKER, 'models');
const TRAINING = ref(SAGEMAKER, 'trainingjobs');
const RESYNC_SECONDS = 2;
/** Tags are read again when waiting for the next resync would leave more than this since the last read. */
const TAG_RESYNC_SECONDS = 12;
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
  applyIn(ns, manifest);
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

const env = withControllers({
  ns,
  crds: installCrds,
  client: (aws) => new SageMakerClient(aws.clientConfig({ maxAttempts: 3 })),
  start: (aws, ns) => startControllers(aws, ns, ['--resource-tags', DEFAULT_TAGS.join(','), '--reconcile-default-resync-seconds', String(RESYNC_SECONDS), '--reconcile-tag-resync-seconds', String(TAG_RESYNC_SECONDS)]),
});
beforeAll(() => ({ aws, c, client: sm } = env));

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

  it('between two tag reads an idle resync costs exactly one read (DescribeModel) and writes nothing', async () => {
    const mark = await aws.control.mark();
    const ofModel = async () => (await aws.control.calls({ since: mark, service: 'sagemaker' })).filter((x) => x.resource?.includes(modelName));
    // From one scheduled tag read, the next cannot come before TAG_RESYNC - RESYNC seconds have passed.
    const read = await waitFor(async () => (await ofModel()).find((x) => x.operation === 'ListTags'), (TAG_RESYNC_SECONDS + 20) * 1000, 'a scheduled ListTags', c.logs);
    const windowMs = (TAG_RESYNC_SECONDS - RESYNC_SECONDS) * 1000 - 500;
    await new Promise((r) => setTimeout(r, Math.max(0, read.time + windowMs - Date.now())));
    const between = (await ofModel()).filter((x) => x.time > read.time && x.time < read.time + windowMs).map((x) => x.operation);
    expect(between.length).toBeGreaterThanOrEqual(2); // several resyncs (every 2 s) in the window…
    expect(new Set(between)).toEqual(new Set(['DescribeModel'])); // …each one DescribeModel, nothing else
  });

  it('drift made out of band is corrected at the next scheduled tag read: a stray tag removed, a changed value restored', async () => {
    const arn = arnOf('model', modelName);
    const mark = await aws.control.mark();
    // Only the controller calls ListTags from here until the correction (the test polls the recording).
    const ofModel = async () => (await aws.control.calls({ since: mark, service: 'sagemaker' })).filter((x) => x.resource?.includes(modelName));
    const read = await waitFor(async () => (await ofModel()).find((x) => x.operation === 'ListTags'), (TAG_RESYNC_SECONDS + 20) * 1000, 'a scheduled ListTags', c.logs);
    await sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'stray', Value: 'x' }, { Key: 'team', Value: 'hijacked' }] }));
    const changedAt = Date.now();
    // The bound is max(tag resync, resync) after the previous read; the rest is allowance for a
    // loaded machine's queue delays.
    const del = await waitFor(async () => (await ofModel()).find((x) => x.operation === 'DeleteTags'), (TAG_RESYNC_SECONDS + 20) * 1000, 'stray tag deleted', c.logs);
    const calls = (await ofModel()).filter((x) => x.time > changedAt);
    // Not seen by the plain resyncs in between (DescribeModel only): found by the scheduled read.
    expect(del.time - read.time).toBeGreaterThanOrEqual((TAG_RESYNC_SECONDS - RESYNC_SECONDS) * 1000 - 500);
    expect(calls.filter((x) => x.time < del.time).map((x) => x.operation)).toEqual(expect.arrayContaining(['DescribeModel', 'ListTags']));
    expect(del.input).toMatchObject({ TagKeys: ['stray'] });
    expect(calls.find((x) => x.operation === 'AddTags')?.input).toMatchObject({ Tags: [{ Key: 'team', Value: 'research' }] });
    expect(calls.map((x) => x.operation)).not.toContain('CreateModel');
    const now = await waitFor(async () => {
      const t = await awsTags(arn);
      return t.team === 'research' ? t : undefined;
    }, 30_000, 'team tag restored', c.logs);
    expect(now).not.toHaveProperty('stray');
    expect(now.env).toBe('prod');
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
