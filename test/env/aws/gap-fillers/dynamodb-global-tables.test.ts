import type { AwsCall } from '../aws-call';
import { createGapFillers, fillGap, type GapFillerContext } from '.';
import { dynamodbGlobalTables } from './dynamodb-global-tables';

const HTML_500 = { status: 500, body: '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>' };
const call = (operation: string, input: Record<string, unknown>): AwsCall => ({ service: 'dynamodb', operation, protocol: 'awsJson1_1', input });
const streamed = { TableArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/t', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } };
/** moto as the filler asks it: DescribeTable of the local replica, answered with `table`, or not found for null. */
const ctx = (table: Record<string, unknown> | null = streamed): GapFillerContext => ({
  region: 'us-east-1',
  accountId: '123456789012',
  moto: async (operation) => {
    if (operation !== 'DescribeTable') throw new Error(`unexpected ${operation}`);
    return table ? { status: 200, body: JSON.stringify({ Table: table }) } : { status: 400, body: '{"__type":"ResourceNotFoundException"}' };
  },
});
const filler = () => {
  const f = dynamodbGlobalTables(() => 1_800_000_000);
  return (operation: string, input: Record<string, unknown>, c: GapFillerContext = ctx()) => Promise.resolve(f.operations[operation]!(call(operation, input), c));
};
const body = (r: { body: string }) => JSON.parse(r.body) as Record<string, any>;
const code = (r: { body: string }) => String(body(r).__type).split('#').pop();

describe('DynamoDB global tables gap filler (moto lacks the 2017.11.29 API)', () => {
  it("is plugged in: answers only moto's unknown-operation reply", async () => {
    const fillers = createGapFillers();
    const describe = call('DescribeGlobalTable', { GlobalTableName: 'nope' });
    expect(await fillGap(fillers, describe, HTML_500, ctx())).toMatchObject({ status: 400, body: expect.stringContaining('GlobalTableNotFoundException') });
    expect(await fillGap(fillers, describe, { status: 200, body: '{}' }, ctx())).toBeUndefined();
  });

  it('creates (CREATING, then ACTIVE on the next describe) with the account of the local replica table, in epoch seconds', async () => {
    const answer = filler();
    const created = await answer('CreateGlobalTable', { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'us-east-1' }] });
    expect(created.status).toBe(200);
    expect(body(created).GlobalTableDescription).toEqual({
      GlobalTableName: 't', GlobalTableArn: 'arn:aws:dynamodb::111122223333:global-table/t', CreationDateTime: 1_800_000_000, GlobalTableStatus: 'CREATING', ReplicationGroup: [{ RegionName: 'us-east-1' }],
    });
    const d = await answer('DescribeGlobalTable', { GlobalTableName: 't' });
    expect(body(d).GlobalTableDescription.GlobalTableStatus).toBe('ACTIVE');
    const again = await answer('CreateGlobalTable', { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'us-east-1' }] });
    expect([again.status, code(again)]).toEqual([400, 'GlobalTableAlreadyExistsException']);
  });

  it('the local replica must be a table with new-and-old-image streams', async () => {
    const group = { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'us-east-1' }] };
    expect(code(await filler()('CreateGlobalTable', group, ctx(null)))).toBe('TableNotFoundException');
    const newImage = ctx({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
    expect(body(await filler()('CreateGlobalTable', group, newImage)).message).toMatch(/NEW_AND_OLD_IMAGES/);
    // A replica in another Region cannot be asked about here: accepted.
    const remote = await filler()('CreateGlobalTable', { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'eu-west-1' }] }, ctx(null));
    expect(remote.status).toBe(200);
  });

  it('adds and removes replicas as AWS documents; removing the last one deletes the global table', async () => {
    const answer = filler();
    await answer('CreateGlobalTable', { GlobalTableName: 't', ReplicationGroup: [{ RegionName: 'us-east-1' }] });
    const update = (ReplicaUpdates: unknown[]) => answer('UpdateGlobalTable', { GlobalTableName: 't', ReplicaUpdates });
    const added = await update([{ Create: { RegionName: 'us-west-2' } }]);
    expect(body(added).GlobalTableDescription).toMatchObject({ GlobalTableStatus: 'UPDATING', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }] });
    expect(code(await update([{ Create: { RegionName: 'us-west-2' } }]))).toBe('ReplicaAlreadyExistsException');
    expect(code(await update([{ Delete: { RegionName: 'eu-west-1' } }]))).toBe('ReplicaNotFoundException');
    expect(code(await update([{}]))).toBe('ValidationException');
    const gone = await update([{ Delete: { RegionName: 'us-west-2' } }, { Delete: { RegionName: 'us-east-1' } }]);
    expect(body(gone).GlobalTableDescription).toMatchObject({ GlobalTableStatus: 'DELETING', ReplicationGroup: [] });
    for (const op of ['DescribeGlobalTable', 'UpdateGlobalTable']) {
      expect(code(await answer(op, { GlobalTableName: 't', ReplicaUpdates: [] }))).toBe('GlobalTableNotFoundException');
    }
  });

  it('a request without a name is a validation error', async () => {
    const r = await filler()('DescribeGlobalTable', {});
    expect([r.status, code(r)]).toEqual([400, 'ValidationException']);
  });
});
