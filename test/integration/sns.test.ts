// SNS Topic, Subscription, PlatformApplication and PlatformEndpoint end to end through the generated
// sns controller against moto: ACK manifests applied with kubectl; settings live in SNS's Attributes
// maps and in the CRDs as string fields; a Subscription names its Topic with topicRef.
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  GetEndpointAttributesCommand,
  GetPlatformApplicationAttributesCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  SetEndpointAttributesCommand,
  SetPlatformApplicationAttributesCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SNSClient,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { service } from '../../generated/sns/src/service';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { ref } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';
import { callsAfterReads, readOf } from '../support/calls';

const API = { group: 'sns.services.k8s.aws', version: 'v1alpha1' };
const TOPICS = ref(API, 'topics');
const SUBSCRIPTIONS = ref(API, 'subscriptions');
const APPS = ref(API, 'platformapplications');
const ENDPOINTS = ref(API, 'platformendpoints');
const ns = uniqueName('sns');

let aws: TestAws;
let c: ServiceRun;
let sns: SNSClient;

function apply(kind: string, name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}) {
  applyIn(ns, ackManifest('sns.services.k8s.aws', kind, name, spec, annotations));
}
const patch = (kind: string, name: string, spec: Record<string, unknown>) => {
  const r = kubectl(['patch', kind, name, '-n', ns, '--type=merge', '-p', JSON.stringify({ spec })]);
  if (r.status !== 0) throw new Error(r.stderr);
};
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, unknown>;
const arnOf = (o: KubeObject) => String((status(o).ackResourceMetadata as Record<string, unknown>).arn);
const calls = async (operation: string, resource: string, since = 0) =>
  (await aws.control.calls({ operation, since })).filter((x) => x.resource === resource && x.status === 200);
/** A query-protocol call's input as SNS's documented members (the proxy records the wire form). */
const singleSets = async (operation: string, resource: string, since: number) =>
  (await calls(operation, resource, since)).map((x) => `${String(x.input.AttributeName)}=${String(x.input.AttributeValue)}`);

async function eventually(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${c.logs.slice(-15).join('\n')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const env = withServiceController({
  service: 'sns',
  descriptor: service,
  ns,
  client: (aws) => new SNSClient(aws.clientConfig({ maxAttempts: 3 })),
});
beforeAll(() => ({ aws, c, client: sns } = env));

describe('sns Topic', () => {
  const name = uniqueName('alerts');
  const deliveryPolicy = { http: { defaultHealthyRetryPolicy: { numRetries: 5, minDelayTarget: 1, maxDelayTarget: 10 } } };
  let arn = '';
  const attrs = async () => (await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};

  it('creates the topic with its attributes and list-shaped tags; topicARN, owner and the ARN land in status', async () => {
    apply('Topic', 'alerts', { name, displayName: 'Alerts', deliveryPolicy: JSON.stringify(deliveryPolicy), tags: [{ key: 'team', value: 'ml' }] });
    const t = await c.synced(TOPICS, ns, 'alerts');
    arn = arnOf(t);
    expect(arn).toBe(`arn:aws:sns:us-east-1:123456789012:${name}`);
    expect(status(t)).toMatchObject({ topicARN: arn, owner: '123456789012' });
    expect(JSON.parse(String(status(t).effectiveDeliveryPolicy))).toBeTruthy();
    expect(await attrs()).toMatchObject({ DisplayName: 'Alerts' });
    expect(JSON.parse((await attrs()).DeliveryPolicy ?? '{}')).toEqual(deliveryPolicy);
    expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toContainEqual({ Key: 'team', Value: 'ml' });
    expect(await calls('CreateTopic', name)).toHaveLength(1);
    // The default policy SNS writes is late-initialized into the spec, as in ACK.
    const withPolicy = await c.until(TOPICS, ns, 'alerts', (o) => typeof o.spec?.policy === 'string', 'policy late-initialized');
    expect(JSON.parse(String(withPolicy.spec?.policy))).toEqual(JSON.parse((await attrs()).Policy ?? '{}'));
    // Settled, an idle resync is one attribute read plus one tag read (tags are managed), no writes.
    await c.synced(TOPICS, ns, 'alerts');
    const since = await aws.control.mark();
    const window = await callsAfterReads(aws.control, since, readOf('GetTopicAttributes', arn), 2, 'resync reads of the topic', { logs: c.logs });
    const idle = window.filter((x) => x.resource === arn).map((x) => x.operation);
    expect(new Set(idle)).toEqual(new Set(['GetTopicAttributes', 'ListTagsForResource']));
  });

  it('drift made out of band is corrected on the next resync, one SetTopicAttributes per attribute', async () => {
    const since = await aws.control.mark();
    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'changed' }));
    await eventually(async () => (await attrs()).DisplayName === 'Alerts', 'DisplayName back to Alerts');
    expect(await singleSets('SetTopicAttributes', arn, since)).toContain('DisplayName=Alerts');
  });

  it('updates the attributes the spec changes, one call each', async () => {
    const since = await aws.control.mark();
    const newPolicy = { http: { defaultHealthyRetryPolicy: { numRetries: 7, minDelayTarget: 1, maxDelayTarget: 10 } } };
    patch('topic', 'alerts', { displayName: 'Alerts 2', deliveryPolicy: JSON.stringify(newPolicy), signatureVersion: '2' });
    await eventually(async () => (await attrs()).DisplayName === 'Alerts 2', 'DisplayName updated');
    expect(JSON.parse((await attrs()).DeliveryPolicy ?? '{}')).toEqual(newPolicy);
    const sent = await singleSets('SetTopicAttributes', arn, since);
    expect(sent).toEqual(expect.arrayContaining(['DisplayName=Alerts 2', `DeliveryPolicy=${JSON.stringify(newPolicy)}`, 'SignatureVersion=2']));
    // moto stores SignatureVersion but never reports it, so it would be re-sent on every resync: stop managing it.
    patch('topic', 'alerts', { signatureVersion: null });
    await c.synced(TOPICS, ns, 'alerts');
  });

  it('tags (a list, as SNS has them) change through TagResource/UntagResource; a tag removed out of band comes back', async () => {
    const tags = async () => (await sns.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? [];
    const since = await aws.control.mark();
    patch('topic', 'alerts', { tags: [{ key: 'env', value: 'prod' }] });
    await eventually(async () => {
      const t = await tags();
      return t.some((x) => x.Key === 'env' && x.Value === 'prod') && !t.some((x) => x.Key === 'team');
    }, 'tags env=prod, team gone');
    expect(await calls('TagResource', arn, since)).toHaveLength(1);
    expect(await calls('UntagResource', arn, since)).toHaveLength(1);
    await sns.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['env'] }));
    await eventually(async () => (await tags()).some((x) => x.Key === 'env'), 'tag env back');
  });

  it('throttling through the proxy (SNS query protocol) is retried: the topic is still created once', async () => {
    const slow = uniqueName('slow');
    await aws.control.inject({ kind: 'throttle', operation: 'CreateTopic', count: 2 });
    apply('Topic', 'slow', { name: slow });
    await c.synced(TOPICS, ns, 'slow', 60_000);
    expect((await calls('CreateTopic', slow)).length).toBe(1);
    expect((await aws.control.calls({ operation: 'CreateTopic' })).filter((x) => x.resource === slow && x.fault === 'throttle')).toHaveLength(2);
    kubectl(['delete', 'topic', 'slow', '-n', ns, '--wait=false']);
    await c.gone(TOPICS, ns, 'slow');
  });

  it("a FIFO topic as ACK's e2e manifest writes it: FifoTopic and ContentBasedDeduplication in AWS", async () => {
    const fifo = `${uniqueName('fifo')}.fifo`;
    apply('Topic', 'fifo', { name: fifo, displayName: 'FIFO', fifoTopic: 'true', contentBasedDeduplication: 'true', tags: [{ key: 'tag1', value: 'val1' }] });
    const fifoArn = arnOf(await c.synced(TOPICS, ns, 'fifo'));
    expect((await sns.send(new GetTopicAttributesCommand({ TopicArn: fifoArn }))).Attributes).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const r = kubectl(['patch', 'topic', 'fifo', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { fifoTopic: 'false' } })]);
    expect(r.stderr).toMatch(/immutable/i);
    kubectl(['delete', 'topic', 'fifo', '-n', ns, '--wait=false']);
    await c.gone(TOPICS, ns, 'fifo');
  });
});

describe('sns Subscription (topicRef → Topic)', () => {
  let subArn = '';
  let queueArn = '';
  const attrs = async () => (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subArn }))).Attributes ?? {};

  it('subscribes a queue to the referenced topic with its attributes; PendingConfirmation and Owner in status', async () => {
    const sqs = new SQSClient(aws.clientConfig({ maxAttempts: 3 }));
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('alerts-sub') }))).QueueUrl!;
    queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    sqs.destroy();
    apply('Subscription', 'alerts-queue', {
      topicRef: { from: { name: 'alerts' } },
      protocol: 'sqs',
      endpoint: queueArn,
      rawMessageDelivery: 'true',
      filterPolicy: JSON.stringify({ severity: ['high'] }),
    });
    const s = await c.synced(SUBSCRIPTIONS, ns, 'alerts-queue');
    subArn = arnOf(s);
    const topicArn = arnOf((await c.kube.get<KubeObject>(TOPICS, ns, 'alerts'))!);
    expect(subArn.startsWith(`${topicArn}:`)).toBe(true);
    expect(status(s)).toMatchObject({ pendingConfirmation: 'false', owner: '123456789012' });
    expect(s.spec?.topicARN).toBeUndefined(); // resolved for AWS calls only, never written into the spec
    expect(await attrs()).toMatchObject({ TopicArn: topicArn, Endpoint: queueArn, RawMessageDelivery: 'true' });
    expect(JSON.parse((await attrs()).FilterPolicy ?? '{}')).toEqual({ severity: ['high'] });
  });

  it('drift is corrected and spec changes are applied with SetSubscriptionAttributes', async () => {
    let since = await aws.control.mark();
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'false' }));
    await eventually(async () => (await attrs()).RawMessageDelivery === 'true', 'RawMessageDelivery back to true');
    expect(await singleSets('SetSubscriptionAttributes', subArn, since)).toContain('RawMessageDelivery=true');
    since = await aws.control.mark();
    patch('subscription', 'alerts-queue', { filterPolicy: JSON.stringify({ severity: ['high', 'critical'] }) });
    await eventually(async () => JSON.parse((await attrs()).FilterPolicy ?? '{}').severity?.length === 2, 'filter policy updated');
    expect(await singleSets('SetSubscriptionAttributes', subArn, since)).toEqual([`FilterPolicy=${JSON.stringify({ severity: ['high', 'critical'] })}`]);
  });

  it('refuses to change the protocol or endpoint (immutable) at admission', () => {
    const r = kubectl(['patch', 'subscription', 'alerts-queue', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { endpoint: `${queueArn}-2` } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });

  it('delete: Unsubscribe, then the topic (deleted) and a retained topic (kept)', async () => {
    kubectl(['delete', 'subscription', 'alerts-queue', '-n', ns, '--wait=false']);
    await c.gone(SUBSCRIPTIONS, ns, 'alerts-queue');
    expect(await calls('Unsubscribe', subArn)).toHaveLength(1);
    await expect(attrs()).rejects.toMatchObject({ name: 'NotFoundException' });

    const kept = uniqueName('kept');
    apply('Topic', 'kept', { name: kept }, { 'services.k8s.aws/deletion-policy': 'retain' });
    const keptArn = arnOf(await c.synced(TOPICS, ns, 'kept'));
    const topicArn = arnOf((await c.kube.get<KubeObject>(TOPICS, ns, 'alerts'))!);
    kubectl(['delete', 'topic', 'alerts', 'kept', '-n', ns, '--wait=false']);
    await c.gone(TOPICS, ns, 'alerts');
    await c.gone(TOPICS, ns, 'kept');
    await expect(sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }))).rejects.toMatchObject({ name: 'NotFoundException' });
    expect((await sns.send(new GetTopicAttributesCommand({ TopicArn: keptArn }))).Attributes?.TopicArn).toBe(keptArn);
  });
});

describe('sns PlatformApplication and PlatformEndpoint', () => {
  const appName = uniqueName('mobile');
  let appArn = '';
  let endpointArn = '';
  const appAttrs = async () => (await sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: appArn }))).Attributes ?? {};
  const endpointAttrs = async () => (await sns.send(new GetEndpointAttributesCommand({ EndpointArn: endpointArn }))).Attributes ?? {};

  it('creates the application with its attributes; its ARN in ackResourceMetadata', async () => {
    apply('PlatformApplication', 'mobile', { name: appName, platform: 'GCM', platformCredential: 'api-key', successFeedbackSampleRate: '50' });
    appArn = arnOf(await c.synced(APPS, ns, 'mobile'));
    expect(appArn).toBe(`arn:aws:sns:us-east-1:123456789012:app/GCM/${appName}`);
    expect(await appAttrs()).toMatchObject({ PlatformCredential: 'api-key', SuccessFeedbackSampleRate: '50' });
  });

  it('application: drift corrected and updates sent in one SetPlatformApplicationAttributes map', async () => {
    const since = await aws.control.mark();
    await sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: appArn, Attributes: { SuccessFeedbackSampleRate: '10' } }));
    await eventually(async () => (await appAttrs()).SuccessFeedbackSampleRate === '50', 'sample rate back to 50');
    patch('platformapplication', 'mobile', { successFeedbackSampleRate: '75', eventDeliveryFailure: 'arn:aws:sns:us-east-1:123456789012:failures' });
    await eventually(async () => (await appAttrs()).SuccessFeedbackSampleRate === '75', 'sample rate 75');
    expect((await appAttrs()).EventDeliveryFailure).toBe('arn:aws:sns:us-east-1:123456789012:failures');
    expect((await calls('SetPlatformApplicationAttributes', appArn, since)).length).toBeGreaterThanOrEqual(2);
  });

  it('creates an endpoint keyed by the EndpointArn AWS makes (status.endpointARN); updates and drift through SetEndpointAttributes', async () => {
    apply('PlatformEndpoint', 'device', { platformApplicationARN: appArn, token: 'device-token-1', customUserData: 'user-1', enabled: 'true' });
    const e = await c.synced(ENDPOINTS, ns, 'device');
    endpointArn = String(status(e).endpointARN);
    expect(endpointArn).toMatch(new RegExp(`:endpoint/GCM/${appName}/`));
    expect(await endpointAttrs()).toMatchObject({ Token: 'device-token-1', CustomUserData: 'user-1', Enabled: 'true' });
    patch('platformendpoint', 'device', { customUserData: 'user-2', enabled: 'false' });
    await eventually(async () => (await endpointAttrs()).CustomUserData === 'user-2', 'custom user data updated');
    expect((await endpointAttrs()).Enabled).toBe('false');
    const since = await aws.control.mark();
    await sns.send(new SetEndpointAttributesCommand({ EndpointArn: endpointArn, Attributes: { CustomUserData: 'tampered' } }));
    await eventually(async () => (await endpointAttrs()).CustomUserData === 'user-2', 'custom user data restored');
    expect((await calls('SetEndpointAttributes', endpointArn, since)).map((x) => x.input['Attributes.entry.1.value'])).toContain('user-2');
    expect(await calls('CreatePlatformEndpoint', appArn)).toHaveLength(1); // named by its application's ARN
  });

  it('delete: the endpoint, then the application, go from AWS', async () => {
    kubectl(['delete', 'platformendpoint', 'device', '-n', ns, '--wait=false']);
    await c.gone(ENDPOINTS, ns, 'device');
    await expect(endpointAttrs()).rejects.toMatchObject({ name: 'NotFoundException' });
    kubectl(['delete', 'platformapplication', 'mobile', '-n', ns, '--wait=false']);
    await c.gone(APPS, ns, 'mobile');
    await expect(appAttrs()).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});
