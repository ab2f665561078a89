// References to IAM Roles and Policies (and a Secrets Manager Secret, and kms Key) from the services
// that have them, end to end with every target made by its own generated ack-ts controller (iam,
// secrets-manager, kms running beside iam, sns, sqs and ecr):
// - iam: a Role's and a User's permissionsBoundaryRef, a User's and a Group's policyRefs (→ Policy ARNs);
// - sns: a Topic's ten delivery-status role refs (→ Role ARN) and policyRef (→ the Policy's
//   spec.policyDocument, ACK's path), a PlatformApplication's success/failure feedback role refs and
//   its three event endpoint topic refs (→ Topic ARN), a firehose Subscription's topicRef and
//   subscriptionRoleRef;
// - sqs: a Queue's policyRef (→ the Policy's spec.policyDocument);
// - ecr: a PullThroughCacheRule's credentialRef (→ Secret ARN) and customRoleRef, a
//   RepositoryCreationTemplate's customRoleRef and encryptionConfiguration.kmsKeyRef (→ Key ARN).
// Everything referencing is applied first and waits (no create call) until its targets are Synced;
// then AWS gets the targets' values (read back with the SDK) and the specs keep only the references.
import { GetRoleCommand, GetUserCommand, IAMClient, ListAttachedGroupPoliciesCommand, ListAttachedUserPoliciesCommand } from '@aws-sdk/client-iam';
import { GetPlatformApplicationAttributesCommand, GetSubscriptionAttributesCommand, GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DescribePullThroughCacheRulesCommand, DescribeRepositoryCreationTemplatesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { stringify } from 'yaml';
import { service as iamService } from '../../generated/iam/src/service';
import { service as kmsService } from '../../generated/kms/src/service';
import { service as secretsService } from '../../generated/secrets-manager/src/service';
import { service as snsService } from '../../generated/sns/src/service';
import { service as sqsService } from '../../generated/sqs/src/service';
import { service as ecrService } from '../../generated/ecr/src/service';
import { hooks as iamHooks } from '../../api-models/iam/hooks';
import { hooks as kmsHooks } from '../../api-models/kms/hooks';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { condition, ref } from '../e2e/controllers';
import { installServiceCrds, startServiceControllers, type ServiceRuns } from '../e2e/service-controller';
import { withControllers } from '../e2e/with-controllers';
import { callsAfterReads, readOf } from '../support/calls';

const api = (group: string) => ({ group: `${group}.services.k8s.aws`, version: 'v1alpha1' });
const R = {
  policies: ref(api('iam'), 'policies'),
  roles: ref(api('iam'), 'roles'),
  users: ref(api('iam'), 'users'),
  groups: ref(api('iam'), 'groups'),
  keys: ref(api('kms'), 'keys'),
  secrets: ref(api('secretsmanager'), 'secrets'),
  topics: ref(api('sns'), 'topics'),
  apps: ref(api('sns'), 'platformapplications'),
  subscriptions: ref(api('sns'), 'subscriptions'),
  queues: ref(api('sqs'), 'queues'),
  rules: ref(api('ecr'), 'pullthroughcacherules'),
  templates: ref(api('ecr'), 'repositorycreationtemplates'),
};
const n = {
  policy: uniqueName('refd-policy'),
  boundary: uniqueName('refd-boundary'),
  role: uniqueName('refd-role'),
  boundedRole: uniqueName('bounded-role'),
  user: uniqueName('refd-user'),
  group: uniqueName('refd-group'),
  topic: uniqueName('refd-topic'),
  events: uniqueName('app-events'),
  app: uniqueName('refd-app'),
  stream: uniqueName('refd-stream'),
  queue: uniqueName('refd-queue'),
  secret: `ecr-pullthroughcache/${uniqueName('hub')}`,
  prefix: uniqueName('hub'),
  templatePrefix: uniqueName('tmpl'),
};
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['sns.amazonaws.com', 'ecr.amazonaws.com'] }, Action: 'sts:AssumeRole' }] };
// A policy document SNS and SQS take as a resource policy (ACK's policyRef takes the Policy's spec.policyDocument).
const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'publish', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['sns:Publish', 'sqs:SendMessage'], Resource: '*' }] });
const firehose = `arn:aws:firehose:us-east-1:123456789012:deliverystream/${n.stream}`;
const boundaryDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });

type Svc = 'iam' | 'kms' | 'secrets' | 'sns' | 'sqs' | 'ecr';
type Runs = ServiceRuns<Svc>;
interface Clients { iam: IAMClient; sns: SNSClient; sqs: SQSClient; ecr: ECRClient }

const f = withControllers<Runs, Clients>({
  ns: uniqueName('iam-refs'),
  crds: () => ['iam', 'kms', 'secrets-manager', 'sns', 'sqs', 'ecr'].forEach(installServiceCrds),
  client: (aws) => ({
    iam: new IAMClient(aws.clientConfig({ maxAttempts: 3 })),
    sns: new SNSClient(aws.clientConfig({ maxAttempts: 3 })),
    sqs: new SQSClient(aws.clientConfig({ maxAttempts: 3 })),
    ecr: new ECRClient(aws.clientConfig({ maxAttempts: 3 })),
  }),
  start: (aws, ns) =>
    startServiceControllers<Svc>(
      {
        iam: { descriptor: iamService, hooks: iamHooks },
        kms: { descriptor: kmsService, hooks: kmsHooks },
        secrets: { descriptor: secretsService },
        sns: { descriptor: snsService },
        sqs: { descriptor: sqsService },
        ecr: { descriptor: ecrService },
      },
      aws,
      ns,
      ['--reconcile-default-resync-seconds', '2'],
    ),
  timeoutMs: 180_000,
});

function apply(group: string, kind: string, name: string, spec: Record<string, unknown>): void {
  const manifest = { apiVersion: `${group}.services.k8s.aws/v1alpha1`, kind, metadata: { name }, spec };
  const r = kubectl(['apply', '-n', f.ns, '-f', '-'], { input: stringify(manifest) });
  if (r.status !== 0) throw new Error(`${kind} ${name}: ${r.stderr}`);
}
const from = (name: string) => ({ from: { name } });
const arn = (o: KubeObject) => String((o.status as any).ackResourceMetadata.arn);
const FEEDBACK = ['application', 'firehose', 'http', 'lambda', 'sqs'].flatMap((p) => [`${p}SuccessFeedbackRoleRef`, `${p}FailureFeedbackRoleRef`]);

/** Each referencing resource: its controller, kind ref, CR name and the create operations that must wait. */
const waiters = [
  ['iam', R.roles, 'bounded', 'CreateRole', n.boundedRole],
  ['iam', R.users, 'user', 'CreateUser', n.user],
  ['iam', R.groups, 'group', 'CreateGroup', n.group],
  ['sns', R.topics, 'topic', 'CreateTopic', n.topic],
  ['sns', R.apps, 'app', 'CreatePlatformApplication', n.app],
  ['sns', R.subscriptions, 'subscription', 'Subscribe', n.stream],
  ['sqs', R.queues, 'queue', 'CreateQueue', n.queue],
  ['ecr', R.rules, 'rule', 'CreatePullThroughCacheRule', n.prefix],
  ['ecr', R.templates, 'template', 'CreateRepositoryCreationTemplate', n.templatePrefix],
] as const;
let fileStart = 0;
const creates = async (op: string, name: string) => (await f.aws.control.calls({ operation: op, since: fileStart })).filter((x) => x.status === 200 && JSON.stringify(x.input).includes(name));

describe('references to iam Roles and Policies, a Secret and a Key from iam, sns, sqs and ecr', () => {
  it('applied before their targets, each waits: ReferencesResolved Unknown, no create call', async () => {
    fileStart = await f.aws.control.mark();
    apply('iam', 'Role', 'bounded', { name: n.boundedRole, assumeRolePolicyDocument: JSON.stringify(trust), permissionsBoundaryRef: from('boundary') });
    apply('iam', 'User', 'user', { name: n.user, policyRefs: [from('policy'), from('boundary')], permissionsBoundaryRef: from('boundary') });
    apply('iam', 'Group', 'group', { name: n.group, policyRefs: [from('policy')] });
    apply('sns', 'Topic', 'topic', { name: n.topic, policyRef: from('policy'), ...Object.fromEntries(FEEDBACK.map((f) => [f, from('role')])) });
    apply('sns', 'PlatformApplication', 'app', {
      name: n.app, platform: 'GCM', platformCredential: 'api-key',
      successFeedbackRoleRef: from('role'), failureFeedbackRoleRef: from('role'),
      eventEndpointCreatedRef: from('events'), eventEndpointDeletedRef: from('events'), eventEndpointUpdatedRef: from('events'),
    });
    apply('sns', 'Subscription', 'subscription', { topicRef: from('events'), protocol: 'firehose', endpoint: firehose, subscriptionRoleRef: from('role') });
    apply('sqs', 'Queue', 'queue', { queueName: n.queue, policyRef: from('policy') });
    apply('ecr', 'PullThroughCacheRule', 'rule', { ecrRepositoryPrefix: n.prefix, upstreamRegistryURL: 'registry-1.docker.io', upstreamRegistry: 'docker-hub', credentialRef: from('hub-credential'), customRoleRef: from('role') });
    apply('ecr', 'RepositoryCreationTemplate', 'template', { prefix: n.templatePrefix, appliedFor: ['PULL_THROUGH_CACHE'], customRoleRef: from('role'), encryptionConfiguration: { encryptionType: 'KMS', kmsKeyRef: from('key') } });
    for (const [svc, r, name] of waiters) {
      const o = await f.c[svc].until(r, f.ns, name, (x) => condition(x, 'ACK.ReferencesResolved') !== undefined, 'ReferencesResolved set');
      expect([name, condition(o, 'ACK.ReferencesResolved')]).toEqual([name, expect.objectContaining({ status: 'Unknown', reason: expect.stringMatching(/not found$/) })]);
      expect([name, condition(o, 'ACK.ResourceSynced')?.reason]).toEqual([name, 'ReferencesNotResolved']);
    }
    for (const [, , name, op, awsName] of waiters) expect([name, await creates(op, awsName)]).toEqual([name, []]);
  });

  it('once the targets are Synced, each is created with their values and keeps only its references', async () => {
    apply('iam', 'Policy', 'policy', { name: n.policy, policyDocument: document });
    apply('iam', 'Policy', 'boundary', { name: n.boundary, policyDocument: boundaryDocument });
    apply('iam', 'Role', 'role', { name: n.role, assumeRolePolicyDocument: JSON.stringify(trust) });
    apply('sns', 'Topic', 'events', { name: n.events });
    apply('secretsmanager', 'Secret', 'hub-credential', { name: n.secret, description: 'docker hub credential' });
    apply('kms', 'Key', 'key', { description: 'encrypts repositories made from the template' });
    const policy = arn(await f.c.iam.synced(R.policies, f.ns, 'policy', 60_000));
    const boundary = arn(await f.c.iam.synced(R.policies, f.ns, 'boundary', 60_000));
    const role = arn(await f.c.iam.synced(R.roles, f.ns, 'role', 60_000));
    const events = arn(await f.c.sns.synced(R.topics, f.ns, 'events', 60_000));
    const secret = arn(await f.c.secrets.synced(R.secrets, f.ns, 'hub-credential', 60_000));
    const key = arn(await f.c.kms.synced(R.keys, f.ns, 'key', 60_000));

    const synced: Record<string, KubeObject> = {};
    for (const [svc, r, name, op, awsName] of waiters) {
      synced[name] = await f.c[svc].synced(r, f.ns, name, 90_000);
      expect([name, condition(synced[name], 'ACK.ReferencesResolved')?.status]).toEqual([name, 'True']);
      expect([name, (await creates(op, awsName)).length]).toEqual([name, 1]);
    }

    // iam
    expect((await f.client.iam.send(new GetRoleCommand({ RoleName: n.boundedRole }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(boundary);
    expect(((await f.client.iam.send(new ListAttachedUserPoliciesCommand({ UserName: n.user }))).AttachedPolicies ?? []).map((p) => p.PolicyArn).sort()).toEqual([boundary, policy].sort());
    expect(((await f.client.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: n.group }))).AttachedPolicies ?? []).map((p) => p.PolicyArn)).toEqual([policy]);
    // moto lacks PutUserPermissionsBoundary: the proxy's gap filler keeps a user's boundary (gap-fillers/iam-user-permissions-boundary.ts).
    expect((await f.client.iam.send(new GetUserCommand({ UserName: n.user }))).User?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(boundary);
    for (const k of ['bounded', 'user']) expect(synced[k]!.spec).not.toHaveProperty('permissionsBoundary');
    for (const k of ['user', 'group']) expect(synced[k]!.spec).not.toHaveProperty('policies');

    // sns
    const topic = (await f.client.sns.send(new GetTopicAttributesCommand({ TopicArn: arn(synced['topic']!) }))).Attributes ?? {};
    expect(JSON.parse(topic.Policy ?? '{}')).toEqual(JSON.parse(document));
    // moto's GetTopicAttributes reports no delivery-status attributes: what CreateTopic sent is read
    // from the proxy's record of the call (query protocol: Attributes.entry.N.key/value).
    const sent = (await creates('CreateTopic', n.topic))[0]!.input as Record<string, string>;
    const attributes = Object.fromEntries(Object.keys(sent).filter((k) => /^Attributes\.entry\.\d+\.key$/.test(k)).map((k) => [sent[k], sent[k.replace(/key$/, 'value')]]));
    for (const field of FEEDBACK) {
      const attribute = (field[0]!.toUpperCase() + field.slice(1)).replace(/^Http/, 'HTTP').replace(/^Sqs/, 'SQS').replace(/Ref$/, 'Arn');
      expect([attribute, attributes[attribute]]).toEqual([attribute, role]);
      expect(synced['topic']!.spec).not.toHaveProperty(field.replace(/Ref$/, 'ARN'));
    }
    expect(synced['topic']!.spec).not.toHaveProperty('policy');
    const app = (await f.client.sns.send(new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn(synced['app']!) }))).Attributes ?? {};
    expect(app).toMatchObject({ SuccessFeedbackRoleArn: role, FailureFeedbackRoleArn: role, EventEndpointCreated: events, EventEndpointDeleted: events, EventEndpointUpdated: events });
    for (const field of ['successFeedbackRoleARN', 'failureFeedbackRoleARN', 'eventEndpointCreated', 'eventEndpointDeleted', 'eventEndpointUpdated']) expect(synced['app']!.spec).not.toHaveProperty(field);

    const subscription = (await f.client.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn(synced['subscription']!) }))).Attributes ?? {};
    expect(subscription).toMatchObject({ TopicArn: events, Protocol: 'firehose', Endpoint: firehose, SubscriptionRoleArn: role });
    for (const field of ['topicARN', 'subscriptionRoleARN']) expect(synced['subscription']!.spec).not.toHaveProperty(field);

    // sqs
    const queue = (await f.client.sqs.send(new GetQueueAttributesCommand({ QueueUrl: String(synced['queue']!.status!['queueURL']), AttributeNames: ['Policy'] }))).Attributes ?? {};
    expect(JSON.parse(queue.Policy ?? '{}')).toEqual(JSON.parse(document));
    expect(synced['queue']!.spec).not.toHaveProperty('policy');

    // ecr
    const rule = (await f.client.ecr.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: [n.prefix] }))).pullThroughCacheRules?.[0];
    expect(rule).toMatchObject({ credentialArn: secret, customRoleArn: role });
    expect(synced['rule']!.spec).not.toHaveProperty('credentialARN');
    expect(synced['rule']!.spec).not.toHaveProperty('customRoleARN');
    const template = (await f.client.ecr.send(new DescribeRepositoryCreationTemplatesCommand({ prefixes: [n.templatePrefix] }))).repositoryCreationTemplates?.[0];
    expect(template).toMatchObject({ customRoleArn: role, encryptionConfiguration: { encryptionType: 'KMS', kmsKey: key } });
    expect(synced['template']!.spec).not.toHaveProperty('customRoleARN');
    expect((synced['template']!.spec as any).encryptionConfiguration).toEqual({ encryptionType: 'KMS', kmsKeyRef: from('key') });
  });

  it('an idle resync of each writes nothing: the resolved values are not taken for drift', async () => {
    const mark = await f.aws.control.mark();
    // Two resyncs of the last in the list to be read; the others resync on the same 2 s schedule.
    const reads: [string, string][] = [['GetRole', n.boundedRole], ['GetUser', n.user], ['GetGroup', n.group], ['GetTopicAttributes', n.topic], ['GetPlatformApplicationAttributes', n.app], ['GetSubscriptionAttributes', n.events], ['GetQueueAttributes', n.queue], ['DescribePullThroughCacheRules', n.prefix], ['DescribeRepositoryCreationTemplates', n.templatePrefix]];
    for (const [op, name] of reads) await callsAfterReads(f.aws.control, mark, readOf(op, name), 2, `resync reads (${op}) of ${name}`, { logs: f.c.sns.logs });
    const writes = (await f.aws.control.calls({ since: mark }))
      .filter((x) => x.status < 300 && /^(Create|Update|Put|Set|Attach|Detach|Delete|Tag|Untag|Add|Remove)/.test(x.operation))
      .filter((x) => Object.values(n).some((name) => JSON.stringify(x).includes(name)));
    expect(writes.map((x) => x.operation)).toEqual([]);
  });

  it('the referencing resources, then their targets, are deleted', async () => {
    for (const [, r, name] of waiters) kubectl(['delete', `${r.plural}.${r.group}`, name, '-n', f.ns, '--wait=false']);
    for (const [svc, r, name] of waiters) await f.c[svc].gone(r, f.ns, name, 60_000);
    const targets = [['iam', R.roles, 'role'], ['sns', R.topics, 'events'], ['secrets', R.secrets, 'hub-credential'], ['kms', R.keys, 'key'], ['iam', R.policies, 'policy'], ['iam', R.policies, 'boundary']] as const;
    for (const [, r, name] of targets) kubectl(['delete', `${r.plural}.${r.group}`, name, '-n', f.ns, '--wait=false']);
    for (const [svc, r, name] of targets) await f.c[svc].gone(r, f.ns, name, 60_000);
  });
});
