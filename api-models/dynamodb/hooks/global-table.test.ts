import type { ResourceView } from '../../../runtime/descriptor';
import { globalTable, replicaUpdates } from './global-table';

const group = (...regions: string[]) => ({ globalTableName: 'g', replicationGroup: regions.map((regionName) => ({ regionName })) });
const view = (spec: Record<string, unknown>): ResourceView => ({ namespace: 'ns', name: 'g', generation: 1, annotations: {}, spec, status: {} });

describe('GlobalTable hooks', () => {
  it('replica updates: removals, then additions, one Region each', () => {
    expect(replicaUpdates(group('us-east-1', 'eu-west-1'), group('us-east-1', 'us-west-2'))).toEqual([{ Delete: { RegionName: 'us-west-2' } }, { Create: { RegionName: 'eu-west-1' } }]);
    expect(replicaUpdates(group('a', 'b'), group('b', 'a'))).toEqual([]);
  });

  it('the update carries the replica updates; the order of the group is not drift', () => {
    expect(globalTable.beforeUpdate!({ GlobalTableName: 'g' }, [], view(group('a', 'b')), view(group('a')), undefined as never)).toEqual({ GlobalTableName: 'g', ReplicaUpdates: [{ Create: { RegionName: 'b' } }] });
    const delta = [{ path: 'replicationGroup', desired: [], latest: [] }];
    expect(globalTable.customizeDelta!(delta, view(group('a', 'b')), view(group('b', 'a')))).toEqual([]);
    expect(globalTable.customizeDelta!(delta, view(group('a', 'b')), view(group('a')))).toEqual(delta);
  });

  it('delete removes every replica (version 2017.11.29 has no DeleteGlobalTable)', () => {
    expect(globalTable.deleteInput!({ GlobalTableName: 'g' }, view(group('us-east-1', 'us-west-2')))).toEqual({
      GlobalTableName: 'g',
      ReplicaUpdates: [{ Delete: { RegionName: 'us-east-1' } }, { Delete: { RegionName: 'us-west-2' } }],
    });
  });
});
