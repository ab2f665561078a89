// DynamoDB Table and Backup end to end through the generated controller against moto: ACK manifests
// applied with kubectl; TTL and point-in-time recovery kept through their own operations, tags
// through TagResource/UntagResource, UpdateTable one change per call, drift corrected on resync.
import {
  DescribeBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeContributorInsightsCommand,
  DescribeGlobalTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetResourcePolicyCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UpdateGlobalTableCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { stringify } from 'yaml';
import { service } from '../../generated/dynamodb/src/service';
import { hooks } from '../../api-models/dynamodb/hooks';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { ref, waitFor } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';
import { callsAfterReads, callsOnce, readOf } from '../support/calls';

const API = { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1' };
const TABLES = ref(API, 'tables');
const BACKUPS = ref(API, 'backups');
const GLOBAL_TABLES = ref(API, 'globaltables');
const ns = uniqueName('ddb');
const name = uniqueName('orders');

let aws: TestAws;
let c: ServiceRun;
let ddb: DynamoDBClient;

function apply(kind: string, metaName: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  applyIn(ns, ackManifest('dynamodb.services.k8s.aws', kind, metaName, spec, annotations));
}

const attrs = (...names: string[]) => ['pk', ...names].map((attributeName) => ({ attributeName, attributeType: 'S' }));
// AWS refuses attribute definitions no key uses: they follow the indexes.
const key = { attributeDefinitions: attrs(), keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], tableName: name };
const index = (n: string, attr: string) => ({ indexName: n, keySchema: [{ attributeName: attr, keyType: 'HASH' }], projection: { projectionType: 'ALL' } });

const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'read', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'dynamodb:GetItem', Resource: `arn:aws:dynamodb:us-east-1:123456789012:table/${name}` }] });
const policySid = async () => {
  try {
    return JSON.parse((await ddb.send(new GetResourcePolicyCommand({ ResourceArn: `arn:aws:dynamodb:us-east-1:123456789012:table/${name}` }))).Policy ?? '{}').Statement?.[0]?.Sid;
  } catch {
    return undefined;
  }
};
const table = async () => {
  try {
    return (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch {
    return undefined;
  }
};
const ttl = async () => (await ddb.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription;
const insights = async () => (await ddb.send(new DescribeContributorInsightsCommand({ TableName: name }))).ContributorInsightsStatus;
const pitr = async () => (await ddb.send(new DescribeContinuousBackupsCommand({ TableName: name }))).ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
const tagsOf = async (arn: string) => Object.fromEntries(((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags ?? []).map((t) => [t.Key, t.Value]));
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, any>;
// The spec after the update test (TTL aside): billing switched, index replaced, stream, SSE, PITR and insights off.
const updated = {
  ...key,
  attributeDefinitions: attrs('h'),
  billingMode: 'PROVISIONED',
  provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 },
  globalSecondaryIndexes: [{ ...index('byH', 'h'), provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 } }],
  streamSpecification: { streamEnabled: false },
  sseSpecification: { enabled: false },
  tableClass: 'STANDARD_INFREQUENT_ACCESS',
  deletionProtectionEnabled: true,
  resourcePolicy: policy,
  continuousBackups: { pointInTimeRecoveryEnabled: false },
  contributorInsights: 'DISABLE',
  tags: [{ key: 'team', value: 'research' }],
};
const updateTableCalls = async (since = 0) => (await aws.control.calls({ operation: 'UpdateTable' })).filter((x) => x.seq > since && x.status === 200 && x.input.TableName === name);
const lastSeq = async () => Math.max(0, ...(await aws.control.calls()).map((x) => x.seq));
/** The calls after `since` once `n` resyncs' DescribeTable of the table arrived after it: the window a negative assertion needs. */
const afterResyncs = (since: number, n: number) => callsAfterReads(aws.control, since, readOf('DescribeTable', name), n, 'resync reads (DescribeTable) of the table', { logs: c.logs });

const env = withServiceController({
  service: 'dynamodb',
  descriptor: service,
  hooks,
  ns,
  client: (aws) => new DynamoDBClient(aws.clientConfig({ maxAttempts: 3 })),
  flags: ['--reconcile-default-resync-seconds', '2'],
});
beforeAll(() => ({ aws, c, client: ddb } = env));

describe('manifests written for ACK apply unchanged', () => {
  // The shapes of ACK's dynamodb-controller e2e manifests (a forums table with a local secondary index and
  // provisioned throughput; GSIs, replicas, class, insights, on-demand throughput, TTL, PITR, SSE by key,
  // a resource policy, tags; a backup; a global table), every field of ACK's CRDs, checked by the API server.
  const docs = [
    { kind: 'Table', metadata: { name: 'forums' }, spec: {
      tableName: 'forums',
      attributeDefinitions: [{ attributeName: 'ForumName', attributeType: 'S' }, { attributeName: 'Subject', attributeType: 'S' }, { attributeName: 'LastPostDateTime', attributeType: 'S' }],
      keySchema: [{ attributeName: 'ForumName', keyType: 'HASH' }, { attributeName: 'Subject', keyType: 'RANGE' }],
      localSecondaryIndexes: [{ indexName: 'LastPostIndex', keySchema: [{ attributeName: 'ForumName', keyType: 'HASH' }, { attributeName: 'LastPostDateTime', keyType: 'RANGE' }], projection: { projectionType: 'KEYS_ONLY' } }],
      provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 },
      streamSpecification: { streamEnabled: true, streamViewType: 'NEW_AND_OLD_IMAGES' },
    } },
    { kind: 'Table', metadata: { name: 'everything' }, spec: {
      tableName: 'everything',
      tableClass: 'STANDARD',
      billingMode: 'PAY_PER_REQUEST',
      attributeDefinitions: [{ attributeName: 'PK', attributeType: 'S' }, { attributeName: 'GSI1PK', attributeType: 'S' }],
      keySchema: [{ attributeName: 'PK', keyType: 'HASH' }],
      globalSecondaryIndexes: [{ indexName: 'GSI1', keySchema: [{ attributeName: 'GSI1PK', keyType: 'HASH' }], projection: { projectionType: 'INCLUDE', nonKeyAttributes: ['a'] }, onDemandThroughput: { maxReadRequestUnits: 10, maxWriteRequestUnits: 10 } }],
      onDemandThroughput: { maxReadRequestUnits: 100, maxWriteRequestUnits: 100 },
      tableReplicas: [{ regionName: 'us-west-2', kmsMasterKeyID: 'k', tableClassOverride: 'STANDARD' }],
      contributorInsights: 'ENABLE',
      deletionProtectionEnabled: false,
      timeToLive: { enabled: true, attributeName: 'ttl' },
      continuousBackups: { pointInTimeRecoveryEnabled: true },
      sseSpecification: { enabled: true, sseType: 'KMS', kmsMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/k' },
      resourcePolicy: '{"Version":"2012-10-17","Statement":[]}',
      tags: [{ key: 'k', value: 'v' }],
    } },
    { kind: 'Backup', metadata: { name: 'nightly' }, spec: { backupName: 'nightly', tableName: 'forums' } },
    { kind: 'GlobalTable', metadata: { name: 'g' }, spec: { globalTableName: 'forums', replicationGroup: [{ regionName: 'us-east-1' }, { regionName: 'us-west-2' }] } },
  ];

  it.each(docs.map((d) => [`${d.kind}/${d.metadata.name}`, d] as const))('%s: accepted by a strict server-side dry run', (_n, doc) => {
    const manifest = { apiVersion: 'dynamodb.services.k8s.aws/v1alpha1', ...doc };
    const r = kubectl(['apply', '-n', ns, '--dry-run=server', '--validate=strict', '-f', '-'], { input: stringify(manifest) });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('dynamodb Table', () => {
  let arn = '';

  it('creates the table with its index, stream, SSE, TTL, point-in-time recovery, contributor insights and tags; status from the read', async () => {
    apply('Table', 'orders', {
      ...key,
      attributeDefinitions: attrs('g'),
      billingMode: 'PAY_PER_REQUEST',
      globalSecondaryIndexes: [index('byG', 'g')],
      streamSpecification: { streamEnabled: true, streamViewType: 'NEW_IMAGE' },
      sseSpecification: { enabled: true, sseType: 'KMS' },
      timeToLive: { enabled: true, attributeName: 'expires' },
      continuousBackups: { pointInTimeRecoveryEnabled: true },
      contributorInsights: 'ENABLE',
      tags: [{ key: 'team', value: 'ml' }],
    });
    const o = await c.synced(TABLES, ns, 'orders');
    arn = status(o).ackResourceMetadata.arn;
    expect(arn).toBe(`arn:aws:dynamodb:us-east-1:123456789012:table/${name}`);
    expect(status(o).tableStatus).toBe('ACTIVE');
    expect(status(o).latestStreamARN).toMatch(/\/stream\//);
    expect(status(o).globalSecondaryIndexesDescriptions).toEqual([expect.objectContaining({ indexName: 'byG', indexStatus: 'ACTIVE' })]);
    const t = await table();
    expect(t).toMatchObject({ BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' }, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }, SSEDescription: { Status: 'ENABLED', SSEType: 'KMS' } });
    expect(t?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['byG']);
    await waitFor(async () => ((await ttl())?.TimeToLiveStatus === 'ENABLED' && (await pitr()) === 'ENABLED' && (await insights()) === 'ENABLED' ? true : undefined), 30_000, 'TTL, PITR and contributor insights on', c.logs);
    expect((await ttl())?.AttributeName).toBe('expires');
    expect(await tagsOf(arn)).toMatchObject({ team: 'ml', 'services.k8s.aws/namespace': ns });
    const creates = (await aws.control.calls({ operation: 'CreateTable' })).filter((x) => x.status === 200 && x.input.TableName === name);
    expect(creates).toHaveLength(1);
  });

  it('an idle resync reads and writes nothing', async () => {
    const since = await lastSeq();
    const reads = ['DescribeTable', 'ListTagsOfResource', 'DescribeTimeToLive', 'DescribeContinuousBackups', 'DescribeContributorInsights'];
    // Two DescribeTables and every read seen: at least one whole resync in the window.
    const calls = await callsOnce(aws.control, since, (cs) => cs.filter(readOf('DescribeTable', name)).length >= 2 && reads.every((op) => cs.some((x) => x.operation === op)), 'a whole idle resync', { logs: c.logs });
    const writes = calls.filter((x) => !/^(Describe|List|Get)/.test(x.operation));
    expect(writes.map((x) => x.operation)).toEqual([]);
    expect(new Set(calls.map((x) => x.operation))).toEqual(new Set(reads));
  });

  it('updates billing mode and throughput, table class, SSE, resource policy, stream, deletion protection, indexes, TTL, PITR and tags; UpdateTable one change per call', async () => {
    const since = await lastSeq();
    apply('Table', 'orders', { ...updated, timeToLive: { enabled: false, attributeName: 'expires' } });
    await waitFor(async () => {
      const t = await table();
      const names = t?.GlobalSecondaryIndexes?.map((g) => g.IndexName) ?? [];
      const tags = await tagsOf(arn);
      const seen = { insights: await insights(), policy: await policySid(), tableClass: t?.TableClassSummary?.TableClass, sse: t?.SSEDescription?.Status ?? 'default', billing: t?.BillingModeSummary?.BillingMode, rcu: t?.ProvisionedThroughput?.ReadCapacityUnits, stream: t?.StreamSpecification?.StreamEnabled ?? false, protection: t?.DeletionProtectionEnabled, indexes: names.join(), ttl: (await ttl())?.TimeToLiveStatus, pitr: await pitr(), team: tags.team };
      const want = { insights: 'DISABLED', policy: 'read', tableClass: 'STANDARD_INFREQUENT_ACCESS', sse: 'default', billing: 'PROVISIONED', rcu: 5, stream: false, protection: true, indexes: 'byH', ttl: 'DISABLED', pitr: 'DISABLED', team: 'research' };
      if (JSON.stringify(seen) !== JSON.stringify(want)) throw new Error(`AWS has ${JSON.stringify(seen)}`);
      return true;
    }, 60_000, 'table follows the spec', c.logs);
    await c.synced(TABLES, ns, 'orders');
    const steps = (await updateTableCalls(since)).map((x) => Object.keys(x.input).filter((k) => k !== 'TableName').sort().join('+'));
    // Fast fields with the billing switch and its throughput, the stream, then one index action per call.
    expect(steps).toEqual([
      'BillingMode+DeletionProtectionEnabled+ProvisionedThroughput+TableClass',
      'SSESpecification',
      'StreamSpecification',
      'GlobalSecondaryIndexUpdates',
      'AttributeDefinitions+GlobalSecondaryIndexUpdates',
    ]);
  });

  it('drift made out of band is corrected on resync: throughput, table class, TTL and a stray tag', async () => {
    await ddb.send(new UpdateTableCommand({ TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 9, WriteCapacityUnits: 9 } }));
    await ddb.send(new UpdateTableCommand({ TableName: name, TableClass: 'STANDARD' }));
    await ddb.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
    await ddb.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'stray', Value: 'x' }] }));
    await waitFor(async () => {
      const t = await table();
      const tags = await tagsOf(arn);
      return t?.ProvisionedThroughput?.ReadCapacityUnits === 5 && t.TableClassSummary?.TableClass === 'STANDARD_INFREQUENT_ACCESS' && (await ttl())?.TimeToLiveStatus === 'DISABLED' && tags.stray === undefined ? true : undefined;
    }, 30_000, 'drift corrected', c.logs);
  });

  it('timeToLive dropped from the spec disables TTL with the attribute name DescribeTimeToLive reports', async () => {
    apply('Table', 'orders', { ...updated, timeToLive: { enabled: true, attributeName: 'expires' } });
    await waitFor(async () => ((await ttl())?.TimeToLiveStatus === 'ENABLED' ? true : undefined), 30_000, 'TTL on', c.logs);
    await c.synced(TABLES, ns, 'orders');
    const since = await lastSeq();
    apply('Table', 'orders', updated);
    await waitFor(async () => ((await ttl())?.TimeToLiveStatus === 'DISABLED' ? true : undefined), 30_000, 'TTL off', c.logs);
    const o = await c.synced(TABLES, ns, 'orders');
    expect(o.spec?.timeToLive).toBeUndefined();
    const puts = (await aws.control.calls({ operation: 'UpdateTimeToLive' })).filter((x) => x.seq > since && x.input.TableName === name);
    expect(puts.map((x) => [x.status, x.input.TimeToLiveSpecification])).toEqual([[200, { Enabled: false, AttributeName: 'expires' }]]);
    // Forgotten once removed: resyncs neither read TTL nor put it again.
    const idle = await lastSeq();
    const later = (await afterResyncs(idle, 2)).filter((x) => /TimeToLive/.test(x.operation));
    expect(later.map((x) => x.operation)).toEqual([]);
    expect((await ttl())?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('tableReplicas (global tables 2019.11.21): UpdateTable ReplicaUpdates, one Region per call; a dropped Region deleted (moto drops replicas: shown by the proxy correction)', async () => {
    const since = await lastSeq();
    const regions = async () => ((await table())?.Replicas ?? []).map((r) => r.RegionName).sort().join();
    apply('Table', 'orders', { ...updated, tableReplicas: [{ regionName: 'us-west-2' }, { regionName: 'eu-west-1' }] });
    await waitFor(async () => ((await regions()) === 'eu-west-1,us-west-2' ? true : undefined), 30_000, 'replicas created', c.logs);
    await c.until(TABLES, ns, 'orders', (o) => (status(o).replicas ?? []).length === 2, 'status.replicas');
    apply('Table', 'orders', { ...updated, tableReplicas: [{ regionName: 'eu-west-1' }] });
    await waitFor(async () => ((await regions()) === 'eu-west-1' ? true : undefined), 30_000, 'replica removed', c.logs);
    await c.until(TABLES, ns, 'orders', (o) => (status(o).replicas ?? []).length === 1, 'status.replicas after removal');
    const steps = (await updateTableCalls(since)).map((x) => x.input.ReplicaUpdates);
    expect(steps).toEqual([[{ Create: { RegionName: 'us-west-2' } }], [{ Create: { RegionName: 'eu-west-1' } }], [{ Delete: { RegionName: 'us-west-2' } }]]);
    const idle = await lastSeq();
    await afterResyncs(idle, 2);
    expect(await updateTableCalls(idle)).toEqual([]);
  });

  it("tableReplicas compared beyond the Region, as ACK's Table (KMS key, class and throughput overrides): a spec change is one Update; an out-of-band Update is corrected (shown by the proxy correction)", async () => {
    const replica = async () => (await table())?.Replicas?.find((r) => r.RegionName === 'eu-west-1');
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/replica';
    const since = await lastSeq();
    apply('Table', 'orders', { ...updated, tableReplicas: [{ regionName: 'eu-west-1', kmsMasterKeyID: key, tableClassOverride: 'STANDARD_INFREQUENT_ACCESS', provisionedThroughputOverride: { readCapacityUnits: 3 } }] });
    await waitFor(async () => ((await replica())?.ReplicaTableClassSummary?.TableClass === 'STANDARD_INFREQUENT_ACCESS' ? true : undefined), 30_000, 'replica updated', c.logs);
    expect(await replica()).toMatchObject({ KMSMasterKeyId: key, ProvisionedThroughputOverride: { ReadCapacityUnits: 3 } });
    const update = [{ Update: { RegionName: 'eu-west-1', KMSMasterKeyId: key, TableClassOverride: 'STANDARD_INFREQUENT_ACCESS', ProvisionedThroughputOverride: { ReadCapacityUnits: 3 } } }];
    expect((await updateTableCalls(since)).map((x) => x.input.ReplicaUpdates)).toEqual([update]);
    const idle = await lastSeq();
    await afterResyncs(idle, 2);
    expect(await updateTableCalls(idle)).toEqual([]);

    await ddb.send(new UpdateTableCommand({ TableName: name, ReplicaUpdates: [{ Update: { RegionName: 'eu-west-1', TableClassOverride: 'STANDARD', ProvisionedThroughputOverride: { ReadCapacityUnits: 7 } } }] }));
    const drift = await lastSeq();
    expect((await replica())?.ReplicaTableClassSummary?.TableClass).toBe('STANDARD');
    await waitFor(async () => ((await replica())?.ReplicaTableClassSummary?.TableClass === 'STANDARD_INFREQUENT_ACCESS' ? true : undefined), 30_000, 'replica drift corrected', c.logs);
    expect((await replica())?.ProvisionedThroughputOverride).toEqual({ ReadCapacityUnits: 3 });
    expect((await updateTableCalls(drift)).map((x) => x.input.ReplicaUpdates)).toEqual([update]);
  });

  it('a key schema change is refused at admission', () => {
    const manifest = { apiVersion: 'dynamodb.services.k8s.aws/v1alpha1', kind: 'Table', metadata: { name: 'orders' }, spec: { ...key, attributeDefinitions: attrs('h'), keySchema: [{ attributeName: 'g', keyType: 'HASH' }] } };
    const r = kubectl(['apply', '-n', ns, '-f', '-'], { input: stringify(manifest) });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });
});

describe('dynamodb Backup', () => {
  it('backs up the Table, reads it by the ARN AWS made, and deletes it', async () => {
    apply('Backup', 'orders-backup', { backupName: 'nightly', tableName: name });
    const o = await c.synced(BACKUPS, ns, 'orders-backup');
    const arn = status(o).ackResourceMetadata.arn as string;
    expect(arn).toMatch(new RegExp(`^arn:aws:dynamodb:us-east-1:123456789012:table/${name}/backup/`));
    expect(status(o)).toMatchObject({ backupStatus: 'AVAILABLE', backupType: 'USER' });
    expect(status(o).backupSizeBytes).toBeGreaterThanOrEqual(0);
    expect(status(o).backupCreationDateTime).toBeTruthy();
    const creates = (await aws.control.calls({ operation: 'CreateBackup' })).filter((x) => x.status === 200 && x.input.TableName === name);
    expect(creates).toHaveLength(1);
    kubectl(['delete', 'backup', 'orders-backup', '-n', ns, '--wait=false']);
    await c.gone(BACKUPS, ns, 'orders-backup');
    await expect(ddb.send(new DescribeBackupCommand({ BackupArn: arn }))).rejects.toMatchObject({ name: 'BackupNotFoundException' });
  });
});

describe('dynamodb GlobalTable (moto lacks the 2017.11.29 API: served by the scenario proxy\'s gap filler)', () => {
  const global = `${name}-global`;
  const regionsOf = async () => ((await ddb.send(new DescribeGlobalTableCommand({ GlobalTableName: global }))).GlobalTableDescription?.ReplicationGroup ?? []).map((r) => r.RegionName).sort();

  it('a Table with new-and-old-image streams becomes a global table; replicas added and removed; drift corrected; deleted by removing every replica', async () => {
    apply('Table', 'replicated', { ...key, tableName: global, billingMode: 'PAY_PER_REQUEST', streamSpecification: { streamEnabled: true, streamViewType: 'NEW_AND_OLD_IMAGES' } });
    await c.synced(TABLES, ns, 'replicated');
    apply('GlobalTable', 'replicated', { globalTableName: global, replicationGroup: [{ regionName: 'us-east-1' }] });
    const o = await c.synced(GLOBAL_TABLES, ns, 'replicated');
    expect(status(o).ackResourceMetadata.arn).toBe(`arn:aws:dynamodb::123456789012:global-table/${global}`);
    expect(status(o)).toMatchObject({ globalTableStatus: 'ACTIVE' });
    expect(status(o).creationDateTime).toBeTruthy();
    const created = (await aws.control.calls({ operation: 'CreateGlobalTable' })).filter((x) => x.input.GlobalTableName === global);
    expect(created.map((x) => [x.status, x.corrected])).toEqual([[200, true]]);
    expect(await regionsOf()).toEqual(['us-east-1']);

    apply('GlobalTable', 'replicated', { globalTableName: global, replicationGroup: [{ regionName: 'us-west-2' }, { regionName: 'us-east-1' }] });
    await waitFor(async () => ((await regionsOf()).join() === 'us-east-1,us-west-2' ? true : undefined), 30_000, 'replica added', c.logs);

    // Out of band: a replica removed; the next resync adds it again.
    await ddb.send(new UpdateGlobalTableCommand({ GlobalTableName: global, ReplicaUpdates: [{ Delete: { RegionName: 'us-west-2' } }] }));
    await waitFor(async () => ((await regionsOf()).join() === 'us-east-1,us-west-2' ? true : undefined), 30_000, 'replica restored', c.logs);

    apply('GlobalTable', 'replicated', { globalTableName: global, replicationGroup: [{ regionName: 'us-east-1' }] });
    await waitFor(async () => ((await regionsOf()).join() === 'us-east-1' ? true : undefined), 30_000, 'replica removed', c.logs);

    kubectl(['delete', 'globaltable', 'replicated', '-n', ns, '--wait=false']);
    await c.gone(GLOBAL_TABLES, ns, 'replicated');
    await expect(ddb.send(new DescribeGlobalTableCommand({ GlobalTableName: global }))).rejects.toMatchObject({ name: 'GlobalTableNotFoundException' });
    const removal = (await aws.control.calls({ operation: 'UpdateGlobalTable' })).filter((x) => x.input.GlobalTableName === global).pop();
    expect(removal?.input.ReplicaUpdates).toEqual([{ Delete: { RegionName: 'us-east-1' } }]);
    kubectl(['delete', 'table', 'replicated', '-n', ns, '--wait=false']);
    await c.gone(TABLES, ns, 'replicated');
  });

  it('a global table of a table without new-and-old-image streams is refused as AWS refuses it', async () => {
    apply('GlobalTable', 'unstreamed', { globalTableName: name, replicationGroup: [{ regionName: 'us-east-1' }] });
    await c.until(GLOBAL_TABLES, ns, 'unstreamed', (x) => JSON.stringify(x.status?.conditions ?? []).includes('NEW_AND_OLD_IMAGES'), 'refused');
    kubectl(['delete', 'globaltable', 'unstreamed', '-n', ns, '--wait=false']);
    await c.gone(GLOBAL_TABLES, ns, 'unstreamed');
  });
});

describe('dynamodb Table delete', () => {
  it('deletion protection holds the delete (retried) until the spec lifts it; then the table is deleted; retain keeps one', async () => {
    kubectl(['delete', 'table', 'orders', '-n', ns, '--wait=false']);
    await c.until(TABLES, ns, 'orders', (o) => JSON.stringify(o.status?.conditions ?? []).includes('DeleteFailed'), 'delete refused while protected');
    expect(await table()).toBeDefined();
    // The spec can still change while the object waits for deletion: lift the protection in AWS.
    await ddb.send(new UpdateTableCommand({ TableName: name, DeletionProtectionEnabled: false }));
    await c.gone(TABLES, ns, 'orders', 60_000);
    expect(await table()).toBeUndefined();

    apply('Table', 'kept', { ...key, tableName: `${name}-kept`, billingMode: 'PAY_PER_REQUEST' }, { 'services.k8s.aws/deletion-policy': 'retain' });
    await c.synced(TABLES, ns, 'kept');
    kubectl(['delete', 'table', 'kept', '-n', ns, '--wait=false']);
    await c.gone(TABLES, ns, 'kept');
    expect((await ddb.send(new DescribeTableCommand({ TableName: `${name}-kept` }))).Table?.TableStatus).toBe('ACTIVE');
  });
});
