import type { ShapeTable } from '../descriptor';
import { guardWait, omitUnchanged } from './guards';

describe('guardWait (ACK updateable / deletable)', () => {
  const guard = { when: [{ path: 'status.tableStatus', in: ['ACTIVE'] }], requeueAfterSeconds: 10 };

  it('lets the call go when every rule holds, and when there is no guard', () => {
    expect(guardWait(guard, { spec: {}, status: { tableStatus: 'ACTIVE' } }, 'update')).toBeUndefined();
    expect(guardWait(undefined, { spec: {}, status: {} }, 'delete')).toBeUndefined();
  });

  it('asks for another look after the guard period, saying what it waits for', () => {
    expect(guardWait(guard, { spec: {}, status: { tableStatus: 'UPDATING' } }, 'update')).toEqual({
      requeueAfterMs: 10_000,
      reason: 'update waits: status.tableStatus is "UPDATING"; waiting for ACTIVE',
    });
    expect(guardWait(guard, { spec: {}, status: {} }, 'delete')?.reason).toBe('delete waits: status.tableStatus is not set; waiting for ACTIVE');
  });
});

describe('omitUnchanged (ACK update_operation.omit_unchanged_fields)', () => {
  const shapes: ShapeTable = {
    'T.Spec': [
      { sdk: 'TableName', json: 'tableName', type: 'string' },
      { sdk: 'BillingMode', json: 'billingMode', type: 'string' },
      { sdk: 'ProvisionedThroughput', json: 'provisionedThroughput', type: { struct: 'PT' } },
      { sdk: 'StreamSpecification', json: 'streamSpecification', type: { struct: 'SS' } },
    ],
  };
  const d = { specShape: 'T.Spec', primaryKey: ['spec.tableName'] };
  const input = { TableName: 't', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5 }, StreamSpecification: { StreamEnabled: true }, ClientToken: 'x' };

  it('keeps identifiers, the members of changed fields (a nested change counts for its field) and members that are no spec field', () => {
    const delta = [{ path: 'provisionedThroughput.readCapacityUnits', desired: 5, latest: 1 }];
    expect(omitUnchanged(input, d, shapes, undefined, delta)).toEqual({ TableName: 't', ProvisionedThroughput: { ReadCapacityUnits: 5 }, ClientToken: 'x' });
  });

  it('follows the operation renames of spec members', () => {
    const renamed = { Name: 't', BillingMode: 'PROVISIONED' };
    expect(omitUnchanged(renamed, { ...d, primaryKey: ['spec.tableName'] }, shapes, { TableName: 'Name', BillingMode: 'Mode' }, [])).toEqual({ Name: 't', BillingMode: 'PROVISIONED' });
    expect(omitUnchanged({ Name: 't', Mode: 'X' }, d, shapes, { BillingMode: 'Mode' }, [])).toEqual({ Name: 't' });
  });
});
