// SQS Queue end to end through the generated sqs controller against moto: ACK manifests applied
// with kubectl; the queue's settings live in SQS's Attributes map and in the CRD as string fields.
import { GetQueueAttributesCommand, ListQueueTagsCommand, SetQueueAttributesCommand, SQSClient, UntagQueueCommand } from '@aws-sdk/client-sqs';
import { service } from '../../generated/sqs/src/service';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { condition, ref } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';
import { installCrdDir } from '../e2e/crds';
import { callsAfterReads, readOf, wholeResyncs } from '../support/calls';

const QUEUES = ref({ group: 'sqs.services.k8s.aws', version: 'v1alpha1' }, 'queues');
const ns = uniqueName('sqs');
const policy = (sid: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] });

let aws: TestAws;
let c: ServiceRun;
let sqs: SQSClient;

function apply(manifest: object) {
  applyIn(ns, manifest);
}

const queueManifest = (name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}) => ackManifest('sqs.services.k8s.aws', 'Queue', name, spec, annotations);

const attributesOf = async (url: string) =>
  (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};

const status = (o: KubeObject) => (o.status ?? {}) as Record<string, unknown>;
const calls = async (operation: string, queue: string, since = 0) =>
  (await aws.control.calls({ operation, since })).filter((call) => call.resource === queue && call.status === 200);

const env = withServiceController({
  service: 'sqs',
  descriptor: service,
  ns,
  client: (aws) => new SQSClient(aws.clientConfig({ maxAttempts: 3 })),
  // A short resync, so drift made out of band is corrected within the test.
  flags: ['--reconcile-default-resync-seconds', '2'],
});
beforeAll(() => ({ aws, c, client: sqs } = env));

describe('sqs Queue', () => {
  const name = uniqueName('orders');
  let url = '';

  it('creates the queue with its attributes and tags; identifiers AWS makes land in status', async () => {
    apply(queueManifest('orders', { queueName: name, delaySeconds: '5', visibilityTimeout: '45', policy: policy('a'), tags: { team: 'ml' } }));
    const q = await c.synced(QUEUES, ns, 'orders');
    url = String(status(q).queueURL);
    expect(url).toMatch(new RegExp(`/${name}$`));
    expect(status(q).queueARN).toBe(`arn:aws:sqs:us-east-1:123456789012:${name}`);
    expect((status(q).ackResourceMetadata as Record<string, unknown>).arn).toBe(status(q).queueARN);
    const attrs = await attributesOf(url);
    expect(attrs).toMatchObject({ DelaySeconds: '5', VisibilityTimeout: '45' });
    expect(JSON.parse(attrs.Policy ?? '{}')).toEqual(JSON.parse(policy('a')));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toMatchObject({ team: 'ml' });
    expect(await calls('CreateQueue', name)).toHaveLength(1);
  });

  it('late-initializes the attributes AWS defaults (ACK: delaySeconds … visibilityTimeout) and stays synced: moto reformats the policy, compared as JSON', async () => {
    const q = await c.until(QUEUES, ns, 'orders', (o) => o.spec?.maximumMessageSize !== undefined, 'late initialization');
    const attrs = await attributesOf(url);
    expect(q.spec).toMatchObject({ maximumMessageSize: attrs.MaximumMessageSize, messageRetentionPeriod: attrs.MessageRetentionPeriod, receiveMessageWaitTimeSeconds: '0' });
    const since = await aws.control.mark();
    // An idle resync is one attribute read plus one tag read (the spec manages tags), no writes.
    const window = await callsAfterReads(aws.control, since, readOf('GetQueueAttributes', name), 3, 'resync reads of the queue', { logs: c.logs });
    const idle = window.filter((x) => x.resource === name).map((x) => x.operation);
    expect(new Set(idle)).toEqual(new Set(['GetQueueAttributes', 'ListQueueTags']));
    const resyncs = wholeResyncs(idle, 'GetQueueAttributes');
    expect(resyncs.length).toBeGreaterThanOrEqual(2);
    for (const r of resyncs) expect(r).toEqual(['GetQueueAttributes', 'ListQueueTags']);
    expect(condition(await c.synced(QUEUES, ns, 'orders'), 'ACK.ResourceSynced')?.status).toBe('True');
  });

  it('drift made out of band is seen and corrected on the next resync, sending only that attribute', async () => {
    const since = await aws.control.mark();
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '99' } }));
    await waitForAws(async () => (await attributesOf(url)).VisibilityTimeout === '45', 'VisibilityTimeout back to 45');
    const sets = await calls('SetQueueAttributes', name, since);
    expect(sets.map((x) => x.input)).toContainEqual({ QueueUrl: url, Attributes: { VisibilityTimeout: '45' } });
  });

  it('updates every attribute the spec changes (SetQueueAttributes), JSON ones included', async () => {
    const dlq = uniqueName('orders-dlq');
    apply(queueManifest('orders-dlq', { queueName: dlq }));
    const dlqArn = String(status(await c.synced(QUEUES, ns, 'orders-dlq')).queueARN);
    const redrive = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 });
    const since = await aws.control.mark();
    const r = kubectl(['patch', 'queue', 'orders', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { delaySeconds: '7', messageRetentionPeriod: '86400', policy: policy('b'), redrivePolicy: redrive } })]);
    expect(r.stderr).toBe('');
    await waitForAws(async () => (await attributesOf(url)).DelaySeconds === '7', 'DelaySeconds 7');
    const attrs = await attributesOf(url);
    expect(attrs.MessageRetentionPeriod).toBe('86400');
    expect(JSON.parse(attrs.Policy ?? '{}')).toEqual(JSON.parse(policy('b')));
    expect(JSON.parse(attrs.RedrivePolicy ?? '{}')).toMatchObject({ deadLetterTargetArn: dlqArn });
    const q = await c.synced(QUEUES, ns, 'orders');
    expect(q.spec?.delaySeconds).toBe('7');
    const sent = (await calls('SetQueueAttributes', name, since)).map((x) => Object.keys((x.input.Attributes ?? {}) as object).sort());
    expect(sent[0]).toEqual(['DelaySeconds', 'MessageRetentionPeriod', 'Policy', 'RedrivePolicy']);
  });

  it('tags (a map, as SQS has them) change through TagQueue/UntagQueue; a tag removed out of band comes back', async () => {
    const tags = async () => (await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags ?? {};
    const since = await aws.control.mark();
    const r = kubectl(['patch', 'queue', 'orders', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { tags: { team: null, env: 'prod' } } })]);
    expect(r.stderr).toBe('');
    await waitForAws(async () => (await tags()).env === 'prod' && !('team' in (await tags())), 'tags env=prod, team gone');
    expect(await calls('TagQueue', name, since)).toHaveLength(1);
    expect((await calls('UntagQueue', name, since)).map((x) => x.input.TagKeys)).toEqual([['team']]);
    expect(await calls('SetQueueAttributes', name, since)).toHaveLength(0);
    await sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ['env'] }));
    await waitForAws(async () => (await tags()).env === 'prod', 'tag env back');
  });

  it('kmsMasterKeyRef names a kms Key; its status.keyID reaches SQS once the Key is synced, never the spec', async () => {
    // The kms controller's own Key CRD; the Key's status is written here as that controller would leave it.
    installCrdDir('generated/kms/crds/kms.services.k8s.aws_keys.yaml');
    const keys = ref({ group: 'kms.services.k8s.aws', version: 'v1alpha1' }, 'keys');
    const encrypted = uniqueName('encrypted');
    apply(queueManifest('encrypted', { queueName: encrypted, kmsMasterKeyRef: { from: { name: 'queue-key' } }, kmsDataKeyReusePeriodSeconds: '600' }));
    await c.until(QUEUES, ns, 'encrypted', (o) => condition(o, 'ACK.ResourceSynced')?.reason === 'ReferencesNotResolved', 'references not resolved yet');
    expect(await calls('CreateQueue', encrypted)).toHaveLength(0);
    await c.kube.create(keys, ns, { apiVersion: 'kms.services.k8s.aws/v1alpha1', kind: 'Key', metadata: { name: 'queue-key', namespace: ns }, spec: {} });
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await c.kube.mergePatch(keys, ns, 'queue-key', {
      status: { keyID: 'b7c1e2d4-0000-4000-8000-000000000001', conditions: [{ type: 'ACK.ResourceSynced', status: 'True', lastTransitionTime: now }] },
    }, 'status');
    const q = await c.synced(QUEUES, ns, 'encrypted', 90_000); // the retry backs off while the Key is missing
    expect(q.spec?.kmsMasterKeyID).toBeUndefined();
    const attrs = await attributesOf(String(status(q).queueURL));
    expect(attrs).toMatchObject({ KmsMasterKeyId: 'b7c1e2d4-0000-4000-8000-000000000001', KmsDataKeyReusePeriodSeconds: '600' });
    kubectl(['delete', 'queue', 'encrypted', '-n', ns, '--wait=false']);
    await c.gone(QUEUES, ns, 'encrypted');
  });

  it('throttling through the proxy (SQS JSON protocol) is retried: the queue is still created once', async () => {
    const slow = uniqueName('slow');
    await aws.control.inject({ kind: 'throttle', operation: 'CreateQueue', count: 2 });
    apply(queueManifest('slow', { queueName: slow }));
    await c.synced(QUEUES, ns, 'slow', 60_000);
    const creates = (await aws.control.calls({ operation: 'CreateQueue' })).filter((x) => x.resource === slow);
    expect(creates.map((x) => x.fault ?? x.status)).toEqual(['throttle', 'throttle', 200]);
    kubectl(['delete', 'queue', 'slow', '-n', ns, '--wait=false']);
    await c.gone(QUEUES, ns, 'slow');
  });

  it("a FIFO queue as ACK's e2e manifest writes it: FIFO attributes in AWS, settled without writes", async () => {
    const fifo = `${uniqueName('fifo')}.fifo`;
    apply(queueManifest('fifo', { queueName: fifo, fifoQueue: 'true', deduplicationScope: 'queue', fifoThroughputLimit: 'perQueue' }));
    const q = await c.synced(QUEUES, ns, 'fifo');
    expect(await attributesOf(String(status(q).queueURL))).toMatchObject({ FifoQueue: 'true', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
    const since = await aws.control.mark();
    await callsAfterReads(aws.control, since, readOf('GetQueueAttributes', fifo), 2, 'resync reads of the FIFO queue', { logs: c.logs });
    expect(await calls('SetQueueAttributes', fifo, since)).toHaveLength(0);
    const r = kubectl(['patch', 'queue', 'fifo', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { fifoQueue: 'false' } })]);
    expect(r.stderr).toMatch(/immutable/i);
    kubectl(['delete', 'queue', 'fifo', '-n', ns, '--wait=false']);
    await c.gone(QUEUES, ns, 'fifo');
  });

  it('refuses to change queueName (immutable) at admission', () => {
    const r = kubectl(['patch', 'queue', 'orders', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { queueName: `${name}-2` } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });

  it('delete: the queue goes from AWS with the finalizer; a retained one stays', async () => {
    const kept = uniqueName('kept');
    apply(queueManifest('kept', { queueName: kept }, { 'services.k8s.aws/deletion-policy': 'retain' }));
    const keptUrl = String(status(await c.synced(QUEUES, ns, 'kept')).queueURL);
    kubectl(['delete', 'queue', 'orders', 'orders-dlq', 'kept', '-n', ns, '--wait=false']);
    await c.gone(QUEUES, ns, 'orders');
    await c.gone(QUEUES, ns, 'kept');
    await expect(attributesOf(url)).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    expect((await attributesOf(keptUrl)).QueueArn).toMatch(new RegExp(`:${kept}$`));
    expect(await calls('DeleteQueue', kept)).toHaveLength(0);
  });

  it('a queue deleted out of band is recreated on the next resync (the spec is the truth)', async () => {
    const again = uniqueName('again');
    apply(queueManifest('again', { queueName: again, delaySeconds: '3' }));
    const first = String(status(await c.synced(QUEUES, ns, 'again')).queueURL);
    await aws.control.mark();
    const { DeleteQueueCommand } = await import('@aws-sdk/client-sqs');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: first }));
    await waitForAws(async () => (await calls('CreateQueue', again)).length === 2, 'a second CreateQueue');
    await waitForAws(async () => (await attributesOf(first).catch(() => ({}) as Record<string, string>)).DelaySeconds === '3', 'queue back with its attributes');
  });
});

async function waitForAws(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${c.logs.slice(-15).join('\n')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
