// Every service's reference to a kms Key, end to end with the Key made by the generated kms
// controller (not a status written by the test): an SQS Queue and an SNS Topic (kmsMasterKeyRef →
// the Key's status.keyID), a CloudWatch Logs LogGroup and a Secrets Manager Secret (kmsKeyRef → its
// ARN), a DynamoDB Table (sseSpecification.kmsMasterKeyRef, nested) and an ECR Repository
// (encryptionConfiguration.kmsKeyRef, nested). All are applied before the Key exists: none is created
// in AWS until the Key is Synced; each is then woken and created with the Key's value (read back from
// AWS with the SDK), and its spec keeps only the reference.
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { stringify } from 'yaml';
import { service as kmsService } from '../../generated/kms/src/service';
import { service as sqsService } from '../../generated/sqs/src/service';
import { service as snsService } from '../../generated/sns/src/service';
import { service as logsService } from '../../generated/cloudwatch-logs/src/service';
import { service as secretsService } from '../../generated/secrets-manager/src/service';
import { service as dynamodbService } from '../../generated/dynamodb/src/service';
import { service as ecrService } from '../../generated/ecr/src/service';
import { hooks as kmsHooks } from '../../api-models/kms/hooks';
import { hooks as dynamodbHooks } from '../../api-models/dynamodb/hooks';
import type { ServiceDescriptor, ServiceHooks } from '../../runtime/descriptor';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { condition, ref, type Ref } from '../e2e/controllers';
import { installServiceCrds, startServiceControllers, type ServiceRuns } from '../e2e/service-controller';
import { withControllers } from '../e2e/with-controllers';
import { callsAfterReads, readOf } from '../support/calls';

const KEYS = ref({ group: 'kms.services.k8s.aws', version: 'v1alpha1' }, 'keys');
const keyRef = { from: { name: 'shared-key' } };

/** One referencing resource per service: its manifest, where its reference sits, and what AWS reports. */
interface Case {
  readonly service: string;
  readonly descriptor: ServiceDescriptor;
  readonly hooks?: ServiceHooks;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly create: string;
  /** The read every resync of it starts with. */
  readonly read: string;
  readonly awsName: string;
  readonly spec: Record<string, unknown>;
  /** The key value AWS reports for the created resource. */
  readonly reported: (aws: TestAws, o: KubeObject) => Promise<string | undefined>;
  /** The Key's field the reference takes (ACK's path). */
  readonly takes: 'keyID' | 'arn';
  /** The spec object holding the reference, and the field it fills. */
  readonly at: (spec: Record<string, any>) => Record<string, unknown>;
  readonly target: string;
}

const names = {
  queue: uniqueName('key-queue'),
  topic: uniqueName('key-topic'),
  logGroup: uniqueName('key-logs'),
  secret: uniqueName('key-secret'),
  table: uniqueName('key-table'),
  repository: uniqueName('key-repo'),
};
const cfg = (aws: TestAws) => aws.clientConfig({ maxAttempts: 3 });
async function ask<C extends { destroy(): void }, T>(client: C, f: (c: C) => Promise<T>): Promise<T> {
  try {
    return await f(client);
  } finally {
    client.destroy();
  }
}

const cases: readonly Case[] = [
  {
    service: 'sqs', read: 'GetQueueAttributes', descriptor: sqsService, group: 'sqs', kind: 'Queue', plural: 'queues', create: 'CreateQueue', awsName: names.queue, takes: 'keyID', target: 'kmsMasterKeyID',
    spec: { queueName: names.queue, kmsMasterKeyRef: keyRef },
    at: (s) => s,
    reported: (aws, o) => ask(new SQSClient(cfg(aws)), async (c) => (await c.send(new GetQueueAttributesCommand({ QueueUrl: String(o.status!['queueURL']), AttributeNames: ['KmsMasterKeyId'] }))).Attributes?.KmsMasterKeyId),
  },
  {
    service: 'sns', read: 'GetTopicAttributes', descriptor: snsService, group: 'sns', kind: 'Topic', plural: 'topics', create: 'CreateTopic', awsName: names.topic, takes: 'keyID', target: 'kmsMasterKeyID',
    spec: { name: names.topic, kmsMasterKeyRef: keyRef },
    at: (s) => s,
    reported: (aws, o) => ask(new SNSClient(cfg(aws)), async (c) => (await c.send(new GetTopicAttributesCommand({ TopicArn: String((o.status as any).ackResourceMetadata.arn) }))).Attributes?.KmsMasterKeyId),
  },
  {
    service: 'cloudwatch-logs', read: 'DescribeLogGroups', descriptor: logsService, group: 'cloudwatchlogs', kind: 'LogGroup', plural: 'loggroups', create: 'CreateLogGroup', awsName: names.logGroup, takes: 'arn', target: 'kmsKeyID',
    spec: { name: names.logGroup, kmsKeyRef: keyRef },
    at: (s) => s,
    reported: (aws) => ask(new CloudWatchLogsClient(cfg(aws)), async (c) => (await c.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: names.logGroup }))).logGroups?.find((g) => g.logGroupName === names.logGroup)?.kmsKeyId),
  },
  {
    service: 'secrets-manager', read: 'DescribeSecret', descriptor: secretsService, group: 'secretsmanager', kind: 'Secret', plural: 'secrets', create: 'CreateSecret', awsName: names.secret, takes: 'arn', target: 'kmsKeyID',
    spec: { name: names.secret, description: 'encrypted with the referenced key', kmsKeyRef: keyRef },
    at: (s) => s,
    reported: (aws) => ask(new SecretsManagerClient(cfg(aws)), async (c) => (await c.send(new DescribeSecretCommand({ SecretId: names.secret }))).KmsKeyId),
  },
  {
    service: 'dynamodb', read: 'DescribeTable', descriptor: dynamodbService, hooks: dynamodbHooks, group: 'dynamodb', kind: 'Table', plural: 'tables', create: 'CreateTable', awsName: names.table, takes: 'arn', target: 'kmsMasterKeyID',
    spec: {
      tableName: names.table,
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { enabled: true, sseType: 'KMS', kmsMasterKeyRef: keyRef },
    },
    at: (s) => s.sseSpecification,
    reported: (aws) => ask(new DynamoDBClient(cfg(aws)), async (c) => (await c.send(new DescribeTableCommand({ TableName: names.table }))).Table?.SSEDescription?.KMSMasterKeyArn),
  },
  {
    service: 'ecr', read: 'DescribeRepositories', descriptor: ecrService, group: 'ecr', kind: 'Repository', plural: 'repositories', create: 'CreateRepository', awsName: names.repository, takes: 'arn', target: 'kmsKey',
    spec: { name: names.repository, encryptionConfiguration: { encryptionType: 'KMS', kmsKeyRef: keyRef } },
    at: (s) => s.encryptionConfiguration,
    reported: (aws) => ask(new ECRClient(cfg(aws)), async (c) => (await c.send(new DescribeRepositoriesCommand({ repositoryNames: [names.repository] }))).repositories?.[0]?.encryptionConfiguration?.kmsKey),
  },
];
const refOf = (k: Case): Ref => ref({ group: `${k.group}.services.k8s.aws`, version: 'v1alpha1' }, k.plural);

type Runs = ServiceRuns<string>;
const f = withControllers<Runs, undefined>({
  ns: uniqueName('kms-refs'),
  crds: () => ['kms', ...cases.map((k) => k.service)].forEach(installServiceCrds),
  start: (aws, ns) =>
    startServiceControllers<string>({ kms: { descriptor: kmsService, hooks: kmsHooks }, ...Object.fromEntries(cases.map((k) => [k.service, k])) }, aws, ns, ['--reconcile-default-resync-seconds', '2']),
  timeoutMs: 180_000,
});

function apply(group: string, kind: string, name: string, spec: Record<string, unknown>): void {
  const manifest = { apiVersion: `${group}.services.k8s.aws/v1alpha1`, kind, metadata: { name }, spec };
  const r = kubectl(['apply', '-n', f.ns, '-f', '-'], { input: stringify(manifest) });
  if (r.status !== 0) throw new Error(`${kind} ${name}: ${r.stderr}`);
}
let fileStart = 0;
const creates = async (k: Case) => (await f.aws.control.calls({ operation: k.create, since: fileStart })).filter((x) => x.status === 200 && JSON.stringify(x.input).includes(k.awsName));

describe('references to a kms Key from sqs, sns, cloudwatch-logs, secrets-manager, dynamodb and ecr', () => {
  it('each resource applied before the Key waits: ReferencesResolved Unknown naming the missing Key, no create call', async () => {
    fileStart = await f.aws.control.mark();
    for (const k of cases) apply(k.group, k.kind, 'encrypted', k.spec);
    for (const k of cases) {
      const o = await f.c[k.service]!.until(refOf(k), f.ns, 'encrypted', (x) => condition(x, 'ACK.ReferencesResolved') !== undefined, 'ReferencesResolved set');
      expect([k.kind, condition(o, 'ACK.ReferencesResolved')]).toEqual([k.kind, expect.objectContaining({ status: 'Unknown', reason: 'keys.kms.services.k8s.aws "shared-key" not found' })]);
      expect([k.kind, condition(o, 'ACK.ResourceSynced')?.message]).toEqual([k.kind, expect.stringMatching(/^Resource not synced: spec\.\S+ names Key "shared-key" \(keys\.kms\.services\.k8s\.aws\) in namespace ".+", which does not exist$/)]);
    }
    for (const k of cases) expect([k.kind, await creates(k)]).toEqual([k.kind, []]);
  });

  it('once the kms controller has synced the Key, each is created once with its value (keyID or ARN, as ACK\'s path says), the spec keeping only the reference', async () => {
    apply('kms', 'Key', 'shared-key', { description: 'shared by six services' });
    const key = await f.c['kms']!.synced(KEYS, f.ns, 'shared-key', 60_000);
    const value = { keyID: String(key.status!['keyID']), arn: String((key.status as any).ackResourceMetadata.arn) };
    expect(value.arn).toMatch(/^arn:aws:kms:/);
    expect(value.arn.endsWith(`key/${value.keyID}`)).toBe(true);
    for (const k of cases) {
      const o = await f.c[k.service]!.synced(refOf(k), f.ns, 'encrypted', 90_000);
      expect([k.kind, condition(o, 'ACK.ReferencesResolved')?.status]).toEqual([k.kind, 'True']);
      expect([k.kind, await k.reported(f.aws, o)]).toEqual([k.kind, value[k.takes]]);
      expect([k.kind, (await creates(k)).length]).toEqual([k.kind, 1]);
      const holder = k.at(o.spec as Record<string, any>);
      expect([k.kind, holder['kmsKeyRef'] ?? holder['kmsMasterKeyRef']]).toEqual([k.kind, keyRef]);
      expect([k.kind, holder[k.target]]).toEqual([k.kind, undefined]);
    }
  });

  it('an idle resync of each writes nothing: the resolved key is not taken for drift', async () => {
    const mark = await f.aws.control.mark();
    for (const k of cases) await callsAfterReads(f.aws.control, mark, readOf(k.read, k.awsName), 2, `resync reads (${k.read}) of ${k.awsName}`, { logs: f.c[k.service]!.logs });
    const writes = (await f.aws.control.calls({ since: mark }))
      .filter((x) => x.status < 300 && /^(Create|Update|Put|Set|Tag|Untag|Delete|Associate|Disassociate)/.test(x.operation))
      .filter((x) => cases.some((k) => JSON.stringify(x).includes(k.awsName)));
    expect(writes.map((x) => x.operation)).toEqual([]);
  });

  it('the six resources and the Key are deleted', async () => {
    for (const k of cases) kubectl(['delete', `${k.plural}.${k.group}.services.k8s.aws`, 'encrypted', '-n', f.ns, '--wait=false']);
    for (const k of cases) await f.c[k.service]!.gone(refOf(k), f.ns, 'encrypted', 60_000);
    kubectl(['delete', 'keys.kms.services.k8s.aws', 'shared-key', '-n', f.ns, '--wait=false']);
    await f.c['kms']!.gone(KEYS, f.ns, 'shared-key', 60_000);
  });
});
