import type { ResourceView } from '../../../runtime/descriptor';
import { indexesInProgress, nextIndexAction, nextReplicaAction, nextUpdate, replicasInProgress, table, toSdk } from './table';

const view = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): ResourceView => ({ namespace: 'ns', name: 't', generation: 1, annotations: {}, spec, status });
const gsi = (name: string, attr: string, extra: Record<string, unknown> = {}) => ({ indexName: name, keySchema: [{ attributeName: attr, keyType: 'HASH' }], projection: { projectionType: 'ALL' }, ...extra });
const attrs = [{ attributeName: 'pk', attributeType: 'S' }, { attributeName: 'g', attributeType: 'S' }];

describe('Table replicas (global tables version 2019.11.21)', () => {
  const replicas = (...regions: string[]) => regions.map((regionName) => ({ regionName, replicaStatus: 'ACTIVE' }));

  it('one ReplicaUpdates action per call, after every other change: a Region the spec adds, then one it dropped', () => {
    const desired = { tableReplicas: [{ regionName: 'us-west-2' }, { regionName: 'eu-west-1', tableClassOverride: 'STANDARD' }] };
    expect(nextUpdate({ TableName: 't' }, desired, {}, { replicas: replicas('us-west-2', 'ap-south-1') })).toEqual({ TableName: 't', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1', TableClassOverride: 'STANDARD' } }] });
    const [usWest2, euWest1, apSouth1] = replicas('us-west-2', 'eu-west-1', 'ap-south-1');
    const standard = { ...euWest1, replicaTableClassSummary: { tableClass: 'STANDARD' } };
    expect(nextReplicaAction(desired, { replicas: [usWest2, standard, apSouth1] })).toEqual({ Delete: { RegionName: 'ap-south-1' } });
    expect(nextReplicaAction(desired, { replicas: [standard, usWest2] })).toBeUndefined();
    expect(nextUpdate({ TableName: 't', DeletionProtectionEnabled: true }, desired, {}, {})).toEqual({ TableName: 't', DeletionProtectionEnabled: true });
  });

  it("a replica whose KMS key, class or throughput overrides (its own or an index's) differ from the spec is updated, after creations, before deletions (ACK's order)", () => {
    const want = {
      regionName: 'eu-west-1',
      kmsMasterKeyID: 'k1',
      tableClassOverride: 'STANDARD_INFREQUENT_ACCESS',
      provisionedThroughputOverride: { readCapacityUnits: 5 },
      globalSecondaryIndexes: [{ indexName: 'byH', provisionedThroughputOverride: { readCapacityUnits: 2 } }],
    };
    const held = {
      regionName: 'eu-west-1', replicaStatus: 'ACTIVE',
      // AWS reports the key as an ARN: the spec's key id names it.
      kmsMasterKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/k1',
      replicaTableClassSummary: { tableClass: 'STANDARD_INFREQUENT_ACCESS' },
      provisionedThroughputOverride: { readCapacityUnits: 5 },
      globalSecondaryIndexes: [{ indexName: 'byH', provisionedThroughputOverride: { readCapacityUnits: 2 } }, { indexName: 'other' }],
    };
    const desired = { tableReplicas: [want] };
    expect(nextReplicaAction(desired, { replicas: [held] })).toBeUndefined();
    const update = {
      Update: {
        RegionName: 'eu-west-1', KMSMasterKeyId: 'k1', TableClassOverride: 'STANDARD_INFREQUENT_ACCESS',
        ProvisionedThroughputOverride: { ReadCapacityUnits: 5 }, GlobalSecondaryIndexes: [{ IndexName: 'byH', ProvisionedThroughputOverride: { ReadCapacityUnits: 2 } }],
      },
    };
    for (const drift of [
      { kmsMasterKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/k2' },
      { replicaTableClassSummary: { tableClass: 'STANDARD' } },
      { provisionedThroughputOverride: { readCapacityUnits: 9 } },
      { globalSecondaryIndexes: [{ indexName: 'byH', provisionedThroughputOverride: { readCapacityUnits: 1 } }] },
      { globalSecondaryIndexes: [] },
    ]) {
      expect(nextReplicaAction(desired, { replicas: [{ ...held, ...drift }] })).toEqual(update);
    }
    // Members the spec leaves unset are AWS's to report.
    expect(nextReplicaAction({ tableReplicas: [{ regionName: 'eu-west-1' }] }, { replicas: [held] })).toBeUndefined();
    expect(nextReplicaAction({ tableReplicas: [{ regionName: 'eu-west-1', onDemandThroughputOverride: { maxReadRequestUnits: 4 } }] }, { replicas: [held] })).toMatchObject({ Update: { OnDemandThroughputOverride: { MaxReadRequestUnits: 4 } } });
    // Order: a missing Region first, then the update, then a dropped Region.
    const status = { replicas: [{ ...held, replicaTableClassSummary: { tableClass: 'STANDARD' } }, { regionName: 'ap-south-1', replicaStatus: 'ACTIVE' }] };
    expect(nextReplicaAction({ tableReplicas: [want, { regionName: 'us-west-2' }] }, status)).toEqual({ Create: { RegionName: 'us-west-2' } });
    expect(nextReplicaAction(desired, status)).toEqual(update);
  });

  it('a spec without tableReplicas leaves AWS replicas alone; an empty list removes them', () => {
    expect(nextReplicaAction({}, { replicas: replicas('us-west-2') })).toBeUndefined();
    expect(nextReplicaAction({ tableReplicas: [] }, { replicas: replicas('us-west-2') })).toEqual({ Delete: { RegionName: 'us-west-2' } });
  });

  it('the delta keeps tableReplicas only while a replica action is due; a replica change waits for every replica to be ACTIVE', () => {
    const desired = view({ tableReplicas: [{ regionName: 'us-west-2' }] });
    const entry = { path: 'tableReplicas', desired: [{ regionName: 'us-west-2' }], latest: undefined };
    expect(table.customizeDelta!([entry], desired, view({}, { replicas: replicas('us-west-2') }))).toEqual([]);
    expect(table.customizeDelta!([entry], desired, view({}, {}))).toEqual([entry]);
    const creating = view({}, { replicas: [{ regionName: 'eu-west-1', replicaStatus: 'CREATING' }] });
    expect(replicasInProgress(creating.status)).toEqual(['eu-west-1']);
    expect(table.checkUpdate!([entry], desired, creating)).toMatchObject({ reason: expect.stringMatching(/replica eu-west-1 is not ACTIVE/) });
    expect(table.checkUpdate!([entry], desired, view({}, { replicas: replicas('eu-west-1') }))).toBeUndefined();
  });
});

describe('Table UpdateTable steps', () => {
  it('sends the first group of changed members only: fast fields before SSE, stream and throughput', () => {
    const input = { TableName: 't', DeletionProtectionEnabled: true, StreamSpecification: { StreamEnabled: false }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } };
    expect(nextUpdate(input, {}, {})).toEqual({ TableName: 't', DeletionProtectionEnabled: true });
    expect(nextUpdate({ TableName: 't', StreamSpecification: { StreamEnabled: false }, SSESpecification: { Enabled: true } }, {}, {})).toEqual({ TableName: 't', SSESpecification: { Enabled: true } });
    expect(nextUpdate({ TableName: 't', ProvisionedThroughput: { ReadCapacityUnits: 7 } }, {}, {})).toEqual({ TableName: 't', ProvisionedThroughput: { ReadCapacityUnits: 7 } });
  });

  it('switching to provisioned billing carries the throughput in the same call', () => {
    const desired = { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 2 } };
    expect(nextUpdate({ TableName: 't', BillingMode: 'PROVISIONED' }, desired, {})).toEqual({ TableName: 't', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 } });
    expect(nextUpdate({ TableName: 't', BillingMode: 'PAY_PER_REQUEST' }, { billingMode: 'PAY_PER_REQUEST' }, {})).toEqual({ TableName: 't', BillingMode: 'PAY_PER_REQUEST' });
  });

  it('then one index action per call: a removal first, then a creation with the attribute definitions, then a throughput update', () => {
    const desired = { attributeDefinitions: attrs, globalSecondaryIndexes: [gsi('byG', 'g', { provisionedThroughput: { readCapacityUnits: 2, writeCapacityUnits: 2 } })] };
    const latest = { globalSecondaryIndexes: [gsi('old', 'o')] };
    expect(nextUpdate({ TableName: 't' }, desired, latest)).toEqual({ TableName: 't', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'old' } }] });
    expect(nextUpdate({ TableName: 't' }, desired, {})).toEqual({
      TableName: 't',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 } } }],
    });
    const slower = { globalSecondaryIndexes: [gsi('byG', 'g', { provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 }, indexStatus: 'ACTIVE' })] };
    expect(nextIndexAction(desired, slower)).toEqual({ Update: { IndexName: 'byG', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 } } });
    expect(nextIndexAction(desired, { globalSecondaryIndexes: [gsi('byG', 'g', { provisionedThroughput: { readCapacityUnits: 2, writeCapacityUnits: 2 } })] })).toBeUndefined();
  });

  it('an index whose key schema or projection changed is deleted first (AWS cannot change them in place), then made again', () => {
    const desired = { globalSecondaryIndexes: [gsi('byG', 'h')] };
    expect(nextIndexAction(desired, { globalSecondaryIndexes: [gsi('byG', 'g')] })).toEqual({ Delete: { IndexName: 'byG' } });
    expect(nextIndexAction(desired, {})).toMatchObject({ Create: { IndexName: 'byG' } });
  });

  it('an index change waits while an index is not ACTIVE; other changes do not', () => {
    const latest: ResourceView = { ...view({}), status: { globalSecondaryIndexesDescriptions: [{ indexName: 'a', indexStatus: 'ACTIVE' }, { indexName: 'b', indexStatus: 'CREATING' }] } };
    expect(indexesInProgress(latest.status)).toEqual(['b']);
    const indexOnly = [{ path: 'globalSecondaryIndexes', desired: [], latest: [] }];
    expect(table.checkUpdate!(indexOnly, view({}), latest)).toEqual({ requeueAfterMs: 10_000, reason: 'index b is not ACTIVE yet; the next index change waits' });
    expect(table.checkUpdate!([...indexOnly, { path: 'deletionProtectionEnabled', desired: true, latest: false }], view({}), latest)).toBeUndefined();
    expect(table.checkUpdate!(indexOnly, view({}), { ...view({}), status: {} })).toBeUndefined();
  });

  it('nothing to send is a later look, never an empty UpdateTable', () => {
    expect(table.beforeUpdate!({ TableName: 't' }, [], view({}), view({}), undefined as never)).toMatchObject({ requeueAfterMs: 2_000 });
  });

  it('every update asks for another look, for the next group', () => {
    expect(table.afterUpdate!(view({}), view({}), undefined as never)).toEqual({ requeue: { requeueAfterMs: 2_000, reason: 'table updated; looking for the next change' } });
  });
});

describe('Table read and delta', () => {
  it('billing mode and table class come from their summaries; index states go to globalSecondaryIndexesDescriptions', () => {
    const out = table.afterReadOne!({ Table: { TableName: 't', BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' }, TableClassSummary: { TableClass: 'STANDARD' }, GlobalSecondaryIndexes: [{ IndexName: 'byG', IndexStatus: 'ACTIVE' }] } }, view({}), undefined as never);
    expect(out).toEqual({
      Table: {
        TableName: 't',
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        TableClassSummary: { TableClass: 'STANDARD' },
        BillingMode: 'PAY_PER_REQUEST',
        TableClass: 'STANDARD',
        SSESpecification: { Enabled: false },
        GlobalSecondaryIndexes: [{ IndexName: 'byG', IndexStatus: 'ACTIVE' }],
        GlobalSecondaryIndexesDescriptions: [{ IndexName: 'byG', IndexStatus: 'ACTIVE' }],
        TableReplicas: [],
      },
    });
    const replicated = table.afterReadOne!({ Table: { Replicas: [{ RegionName: 'us-west-2', ReplicaStatus: 'ACTIVE' }] } }, view({}), undefined as never) as { Table: Record<string, unknown> };
    expect(replicated.Table.TableReplicas).toEqual([{ RegionName: 'us-west-2' }]);
  });

  it('indexes compare by name, not order; an on-demand table reports 0/0 throughput, which is not drift', () => {
    const desired = view({ billingMode: 'PAY_PER_REQUEST', globalSecondaryIndexes: [gsi('a', 'x'), gsi('b', 'y')] });
    const latest = view({ billingMode: 'PAY_PER_REQUEST', globalSecondaryIndexes: [gsi('b', 'y'), gsi('a', 'x')], provisionedThroughput: { readCapacityUnits: 0 } });
    const delta = [
      { path: 'globalSecondaryIndexes', desired: desired.spec.globalSecondaryIndexes, latest: latest.spec.globalSecondaryIndexes },
      { path: 'provisionedThroughput.readCapacityUnits', desired: 1, latest: 0 },
      { path: 'deletionProtectionEnabled', desired: true, latest: false },
    ];
    expect(table.customizeDelta!(delta, desired, latest).map((e) => e.path)).toEqual(['deletionProtectionEnabled']);
    const missing = view({ globalSecondaryIndexes: [gsi('a', 'x')] });
    expect(table.customizeDelta!(delta.slice(0, 1), desired, missing).map((e) => e.path)).toEqual(['globalSecondaryIndexes']);
  });

  it('SSE as the spec says it: from SSEDescription (the key as its ARN), and none reported is the default encryption', () => {
    const out = table.afterReadOne!({ Table: { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:us-east-1:1:key/k1' } } }, view({}), undefined as never) as { Table: Record<string, unknown> };
    expect(out.Table.SSESpecification).toEqual({ Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'arn:aws:kms:us-east-1:1:key/k1' });
    const entry = (desired: string) => [{ path: 'sseSpecification.kmsMasterKeyID', desired, latest: 'arn:aws:kms:us-east-1:1:key/k1' }];
    for (const same of ['k1', 'arn:aws:kms:us-east-1:1:key/k1', 'alias/data']) expect(table.customizeDelta!(entry(same), view({}), view({}))).toEqual([]);
    expect(table.customizeDelta!(entry('k2'), view({}), view({}))).toHaveLength(1);
  });

  it('toSdk upper-cases the first letter of every key, at every depth', () => {
    expect(toSdk([{ indexName: 'a', keySchema: [{ attributeName: 'x' }] }])).toEqual([{ IndexName: 'a', KeySchema: [{ AttributeName: 'x' }] }]);
  });
});
