import type { AwsCall } from './aws-call';
import { answerGlobalTable, emptyGlobalTablesState, type TableLookup } from './dynamodb-global-tables';

const call = (operation: string, input: Record<string, unknown>): AwsCall => ({ service: 'dynamodb', operation, protocol: 'awsJson1_1', input });
const streamed = { TableArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/t', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } };
const lookup = (table: Record<string, unknown> | undefined = streamed): TableLookup => ({ region: 'us-east-1', nowSeconds: 1_800_000_000, describeTable: async () => table });
const body = (r: { body: string }) => JSON.parse(r.body) as Record<string, any>;
const code = (r: { body: string }) => String(body(r).__type).split('#').pop();

describe('DynamoDB global tables gap filler (moto lacks the 2017.11.29 API)', () => {
  it('creates (CREATING, then ACTIVE on the next describe) with the account of the local replica table, in epoch seconds', async () => {
    const s = emptyGlobalTablesState();
    const created = await answerGlobalTable(s, call('CreateGlobalTable', { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'us-east-1' }] }), lookup());
    expect(created.status).toBe(200);
    expect(body(created).GlobalTableDescription).toEqual({
      GlobalTableName: 't', GlobalTableArn: 'arn:aws:dynamodb::111122223333:global-table/t', CreationDateTime: 1_800_000_000, GlobalTableStatus: 'CREATING', ReplicationGroup: [{ RegionName: 'us-east-1' }],
    });
    const d = await answerGlobalTable(s, call('DescribeGlobalTable', { GlobalTableName: 't' }), lookup());
    expect(body(d).GlobalTableDescription.GlobalTableStatus).toBe('ACTIVE');
    const again = await answerGlobalTable(s, call('CreateGlobalTable', { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'us-east-1' }] }), lookup());
    expect([again.status, code(again)]).toEqual([400, 'GlobalTableAlreadyExistsException']);
  });

  it('the local replica must be a table with new-and-old-image streams', async () => {
    const group = { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'us-east-1' }] };
    const missing: TableLookup = { ...lookup(), describeTable: async () => undefined };
    expect(code(await answerGlobalTable(emptyGlobalTablesState(), call('CreateGlobalTable', group), missing))).toBe('TableNotFoundException');
    const newImage = lookup({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
    expect(body(await answerGlobalTable(emptyGlobalTablesState(), call('CreateGlobalTable', group), newImage)).message).toMatch(/NEW_AND_OLD_IMAGES/);
    // A replica in another Region cannot be asked about here: accepted.
    const remote = await answerGlobalTable(emptyGlobalTablesState(), call('CreateGlobalTable', { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'eu-west-1' }] }), missing);
    expect(remote.status).toBe(200);
  });

  it('adds and removes replicas as AWS documents; removing the last one deletes the global table', async () => {
    const s = emptyGlobalTablesState();
    await answerGlobalTable(s, call('CreateGlobalTable', { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'us-east-1' }] }), lookup());
    const update = (ReplicaUpdates: unknown[]) => answerGlobalTable(s, call('UpdateGlobalTable', { GlobalTableName: 't', ReplicaUpdates }), lookup());
    const added = await update([{ Create: { RegionName: 'us-west-2' } }]);
    expect(body(added).GlobalTableDescription).toMatchObject({ GlobalTableStatus: 'UPDATING', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }] });
    expect(code(await update([{ Create: { RegionName: 'us-west-2' } }]))).toBe('ReplicaAlreadyExistsException');
    expect(code(await update([{ Delete: { RegionName: 'eu-west-1' } }]))).toBe('ReplicaNotFoundException');
    expect(code(await update([{}]))).toBe('ValidationException');
    const gone = await update([{ Delete: { RegionName: 'us-west-2' } }, { Delete: { RegionName: 'us-east-1' } }]);
    expect(body(gone).GlobalTableDescription).toMatchObject({ GlobalTableStatus: 'DELETING', ReplicationGroup: [] });
    for (const op of ['DescribeGlobalTable', 'UpdateGlobalTable']) {
      expect(code(await answerGlobalTable(s, call(op, { GlobalTableName: 't', ReplicaUpdates: [] }), lookup()))).toBe('GlobalTableNotFoundException');
    }
  });

  it('a request without a name is a validation error', async () => {
    const r = await answerGlobalTable(emptyGlobalTablesState(), call('DescribeGlobalTable', {}), lookup());
    expect([r.status, code(r)]).toEqual([400, 'ValidationException']);
  });
});
