import type { ResourceDescriptor } from '../../descriptor';
import { lifecycleConfig } from '../../testing/fixtures';
import { FIN, lccObject, setup } from '../../testing/harness';

/** A collection whose list operation is the kind's own read (GetInstanceProfile's roles, GetOpenIDConnectProvider's client IDs). */
const READ = lifecycleConfig.operations.readOne!.name;
const withCollection: ResourceDescriptor = {
  ...lifecycleConfig,
  collections: [
    {
      field: 'clientIDs',
      shape: 'set',
      add: { name: 'AddClientID', member: 'ClientID' },
      remove: { name: 'RemoveClientID', member: 'ClientID' },
      list: { name: READ, member: 'ClientIDList' },
    },
  ],
};

function managed(spec: Record<string, unknown>) {
  const o = lccObject(spec);
  const t = setup({ ...o, metadata: { ...o.metadata, finalizers: [FIN] } }, { descriptor: withCollection });
  t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x', OnCreate: [{ Content: 'ZWNobyBoaQ==' }], ClientIDList: ['old', 'kept'] });
  return t;
}

describe('collections phase', () => {
  it("a collection listed by the kind's read is taken from that read, not listed again; removals go before adds", async () => {
    const t = managed({ clientIDs: ['kept', 'new'] });
    await t.run();
    expect(t.aws.calls.filter((c) => c.operation === READ)).toHaveLength(1);
    expect(t.aws.calls.filter((c) => c.opType === 'UPDATE').map((c) => `${c.operation} ${String(c.input.ClientID)}`)).toEqual(['RemoveClientID old', 'AddClientID new']);
  });

  it('a spec that leaves the collection out does not touch it', async () => {
    const t = managed({});
    await t.run();
    expect(t.aws.writes()).toEqual([]);
  });
});
