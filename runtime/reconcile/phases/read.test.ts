import { FakeAwsError } from '../../testing/fakes';
import { FIN, lccObject, setup } from '../../testing/harness';
import { afterObserve, identifiersPresent, itemBinding, read, readAfterCreate } from './read';

const DESCRIBE = 'DescribeNotebookInstanceLifecycleConfig';
const notFound = () => new FakeAwsError('ValidationException', "Unable to describe Notebook Instance Lifecycle Config 'cfg'.");

function existing() {
  const t = setup(lccObject());
  t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x', OnCreate: [{ Content: 'ZWNobyBoaQ==' }] });
  return t;
}

describe('read phase', () => {
  it('reads one resource into spec and status, by the spec identifier', async () => {
    const t = existing();
    const s = t.state();
    const latest = await read(s, s.cur.spec!);
    expect(t.aws.calls).toEqual([{ opType: 'READ_ONE', operation: DESCRIBE, input: { NotebookInstanceLifecycleConfigName: 'cfg' } }]);
    expect(latest).toMatchObject({ arn: 'arn:x', spec: { onCreate: [{ content: 'ZWNobyBoaQ==' }] } });
  });

  it("is 'not found' (undefined) for the kind's not-found error, and throws any other", async () => {
    const t = setup(lccObject());
    expect(await read(t.state(), t.store.obj!.spec!)).toBeUndefined();
    t.aws.fail(DESCRIBE, new FakeAwsError('ThrottlingException', 'slow down'));
    await expect(read(t.state(), t.store.obj!.spec!)).rejects.toThrow('slow down');
  });

  it('makes no call when an identifier is missing (never created)', async () => {
    const t = setup(lccObject({ notebookInstanceLifecycleConfigName: undefined }));
    const s = t.state();
    expect(identifiersPresent(s, {})).toBe(false);
    expect(await read(s, {})).toBeUndefined();
    expect(t.aws.calls).toEqual([]);
  });

  it('after create, retries not-found with backoff and returns the first successful read', async () => {
    const t = existing();
    t.aws.fail(DESCRIBE, notFound(), notFound());
    expect(await readAfterCreate(t.state(), t.store.obj!.spec!)).toMatchObject({ arn: 'arn:x' });
    expect(t.sleeps).toEqual([500, 1000]);
  });

  it('after create, gives up (undefined) on any other error instead of failing the reconcile', async () => {
    const t = existing();
    t.aws.fail(DESCRIBE, new FakeAwsError('InternalFailure', 'boom'));
    expect(await readAfterCreate(t.state(), t.store.obj!.spec!)).toBeUndefined();
    expect(t.sleeps).toEqual([]);
  });

  it("afterObserve lays the hook's status fields over the read; null removes one", async () => {
    const t = setup({ ...lccObject(), metadata: { ...lccObject().metadata, finalizers: [FIN] } }, {
      hooks: { afterObserve: () => ({ status: { seen: 'yes', gone: null } }) },
    });
    const s = t.state();
    const out = await afterObserve(s, {}, { spec: {}, status: { gone: 'x', kept: 1 } });
    expect(out.status).toEqual({ seen: 'yes', kept: 1 });
    expect(s.status).toMatchObject({ seen: 'yes' });
  });

  it("reads a ReadMany item as the list's item shape", () => {
    const shapes = { Out: [{ sdk: 'Items', json: 'items', type: { list: { struct: 'Item' } } }] } as const;
    expect(itemBinding({ name: 'ListThings', output: 'Out', itemsMember: 'Items' }, shapes)).toEqual({ name: 'ListThings', output: 'Item' });
    expect(itemBinding({ name: 'ListThings', itemsMember: 'Items' }, shapes)).toEqual({ name: 'ListThings' });
  });
});
