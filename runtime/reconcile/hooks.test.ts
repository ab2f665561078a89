// Every ResourceHooks member, driven through reconcile with fakes: the runtime acts, hooks adjust.
import type { ResourceHooks } from '../descriptor';
import { FakeAwsError } from '../testing/fakes';
import { model } from '../testing/fixtures';
import { FIN, lccObject, setup } from '../testing/harness';
import { readAfterCreateDelays } from './read-after-create';

const DESCRIBE = 'DescribeNotebookInstanceLifecycleConfig';
const notFound = () => new FakeAwsError('ValidationException', "Unable to describe Notebook Instance Lifecycle Config 'cfg'.");
const changed = { onStart: [{ content: 'c3RhcnQ=' }] };

async function created(hooks: ResourceHooks) {
  const t = setup(lccObject(), { hooks });
  await t.run();
  return t;
}

function changeSpec(t: ReturnType<typeof setup>) {
  t.store.obj = { ...t.store.obj!, spec: { ...t.store.obj!.spec, ...changed }, metadata: { ...t.store.obj!.metadata, generation: 2 } };
}

describe('read after create', () => {
  it('waits double each time, ~10 s in all', () => {
    expect(readAfterCreateDelays()).toEqual([500, 1000, 2000, 4000, 2500]);
    expect(readAfterCreateDelays(1000, 400)).toEqual([400, 600]);
  });

  it('retries a Describe that says not found right after Create, and syncs in the same reconcile', async () => {
    const t = setup(lccObject());
    t.aws.fail(DESCRIBE, notFound(), notFound(), notFound());
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.sleeps).toEqual([500, 1000]);
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
  });

  it('gives up after the budget and requeues, keeping the ARN', async () => {
    const t = setup(lccObject());
    t.aws.fail(DESCRIBE, ...Array.from({ length: 8 }, notFound));
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter', reason: 'read after create' });
    expect(t.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(t.store.obj!.status!.ackResourceMetadata).toMatchObject({ arn: expect.stringContaining('cfg') });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', reason: 'Created' });
  });

  it('does not retry other errors', async () => {
    const t = setup(lccObject());
    t.aws.fail(DESCRIBE, notFound(), new FakeAwsError('AccessDeniedException', 'no'));
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter' });
    expect(t.sleeps).toEqual([]);
  });
});

describe('hooks', () => {
  it('beforeCreate and afterCreate adjust the Create input and output', async () => {
    const t = await created({
      beforeCreate: (input) => ({ ...input, OnStart: [{ Content: 'Zm9v' }] }),
      afterCreate: (output) => ({ ...output, CreationTime: new Date('2025-05-05T00:00:00Z') }),
    });
    expect(t.aws.calls.find((c) => c.opType === 'CREATE')!.input.OnStart).toEqual([{ Content: 'Zm9v' }]);
    // The read-back after create overwrites it: afterCreate's output is what status holds until then.
    expect(t.store.obj!.status!.creationTime).toBe('2026-01-01T00:00:00Z');
    const t2 = setup(lccObject(), { hooks: { afterCreate: (o) => ({ ...o, CreationTime: new Date('2025-05-05T00:00:00Z') }) } });
    t2.aws.fail(DESCRIBE, notFound(), new FakeAwsError('AccessDeniedException', 'no'));
    await t2.run();
    expect(t2.store.obj!.status!.creationTime).toBe('2025-05-05T00:00:00Z');
  });

  it('afterReadOne adjusts what is observed', async () => {
    const t = await created({ afterReadOne: (o) => ({ ...o, LastModifiedTime: new Date('2026-03-03T00:00:00Z') }) });
    expect(t.store.obj!.status!.lastModifiedTime).toBe('2026-03-03T00:00:00Z');
  });

  it('customizeDelta can drop a difference: no update is sent', async () => {
    const t = await created({ customizeDelta: (delta) => delta.filter((e) => e.path !== 'onStart') });
    changeSpec(t);
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
  });

  it('checkUpdate refusing: ACK.Terminal with its reason and message, no Update call', async () => {
    const seen: unknown[] = [];
    const t = await created({
      checkUpdate: (delta, desired, latest) => {
        seen.push(delta.map((e) => e.path), desired.spec.onStart, latest.status.creationTime);
        return { terminal: true, reason: 'CannotChange', message: 'create a new one instead' };
      },
    });
    changeSpec(t);
    expect(await t.run()).toEqual({ kind: 'terminal', error: { code: 'CannotChange', message: 'create a new one instead' } });
    expect(seen).toEqual([['onStart'], changed.onStart, '2026-01-01T00:00:00Z']);
    expect(t.condition('ACK.Terminal')).toMatchObject({ status: 'True', reason: 'CannotChange', message: 'create a new one instead' });
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
    expect(t.events.reasons()).toContain('Terminal');
  });

  it('checkUpdate postponing: UpdatePending and a requeue, no Update call', async () => {
    const t = await created({ checkUpdate: () => ({ requeueAfterMs: 7_000, reason: 'resource is updating' }) });
    changeSpec(t);
    expect(await t.run()).toEqual({ kind: 'requeueAfter', ms: 7_000, reason: 'resource is updating' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', reason: 'UpdatePending', message: 'resource is updating' });
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
  });

  it('checkUpdate runs before the no-update-operation check', async () => {
    const t = setup({ ...lccObject(), kind: 'Model', spec: { modelName: 'm', executionRoleARN: 'r1' } }, { descriptor: model, hooks: { checkUpdate: () => ({ terminal: true, reason: 'ModelImmutable', message: 'create a new Model' }) } });
    await t.run();
    t.store.obj = { ...t.store.obj!, spec: { ...t.store.obj!.spec, executionRoleARN: 'r2' } };
    expect(await t.run()).toMatchObject({ kind: 'terminal', error: { code: 'ModelImmutable' } });
  });

  it('beforeUpdate adjusts the input or postpones', async () => {
    const t = await created({ beforeUpdate: (input) => ({ ...input, OnCreate: [] }) });
    changeSpec(t);
    await t.run();
    expect(t.aws.calls.find((c) => c.opType === 'UPDATE')!.input.OnCreate).toEqual([]);
    const p = await created({ beforeUpdate: () => ({ requeueAfterMs: 1_000, reason: 'later' }) });
    changeSpec(p);
    expect(await p.run()).toEqual({ kind: 'requeueAfter', ms: 1_000, reason: 'later' });
    expect(p.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
  });

  it('afterUpdate: annotations on the object, status over the observed one, a requeue whatever the verdict', async () => {
    const t = await created({
      afterUpdate: (desired, latest) => ({
        annotations: { 'example.com/last-tried': String(desired.generation) },
        status: { lastModifiedTime: '2030-01-01T00:00:00Z', seenCreation: latest.status.creationTime },
        requeue: { requeueAfterMs: 4_000, reason: 'updating' },
      }),
    });
    changeSpec(t);
    expect(await t.run()).toEqual({ kind: 'requeueAfter', ms: 4_000, reason: 'updating' });
    expect(t.store.obj!.metadata.annotations).toMatchObject({ 'example.com/last-tried': '2' });
    expect(t.store.obj!.status).toMatchObject({ lastModifiedTime: '2030-01-01T00:00:00Z', seenCreation: '2026-01-01T00:00:00Z' });
    expect(t.events.reasons()).toContain('Updated');
  });

  it('a postponement records this read and its status fields; null removes one', async () => {
    const t = await created({ checkUpdate: () => ({ requeueAfterMs: 7_000, reason: 'stopping', status: { kept: 'UpdatePending', creationTime: null } }) });
    t.aws.items.set('cfg', { ...t.aws.items.get('cfg')!, LastModifiedTime: new Date('2026-01-05T00:00:00Z') });
    changeSpec(t);
    expect(await t.run()).toEqual({ kind: 'requeueAfter', ms: 7_000, reason: 'stopping' });
    expect(t.store.obj!.status).toMatchObject({ kept: 'UpdatePending', lastModifiedTime: '2026-01-05T00:00:00Z' });
    expect(t.store.obj!.status).not.toHaveProperty('creationTime');
  });

  it('beforeUpdate sees this read\'s status; its postponement records status fields too', async () => {
    const seen: unknown[] = [];
    const t = await created({
      beforeUpdate: (_input, _delta, _desired, latest) => {
        seen.push(latest.status.lastModifiedTime);
        return { requeueAfterMs: 1_000, reason: 'later', status: { kept: 'yes' } };
      },
    });
    t.aws.items.set('cfg', { ...t.aws.items.get('cfg')!, LastModifiedTime: new Date('2026-01-05T00:00:00Z') });
    changeSpec(t);
    await t.run();
    expect(seen).toEqual(['2026-01-05T00:00:00Z']);
    expect(t.store.obj!.status).toMatchObject({ kept: 'yes' });
  });

  it('afterObserve acts on the read and lays status fields over it, before the delta and Synced', async () => {
    const seen: unknown[] = [];
    const t = await created({
      afterObserve: async (latest, ctx) => {
        seen.push(latest.status.kept, latest.spec.onCreate);
        if (latest.status.kept !== 'restart') return undefined;
        await ctx.call('StartSomething', { NotebookInstanceLifecycleConfigName: 'cfg' });
        return { status: { kept: null, phase: 'Pending' } };
      },
      checkUpdate: (_delta, _desired, latest) => ({ requeueAfterMs: 1_000, reason: `busy: ${String(latest.status.phase)}` }),
      isSynced: (latest) => ({ synced: latest.status.phase !== 'Pending', message: `phase ${String(latest.status.phase)}` }),
    });
    expect(seen).toEqual([]); // not on create
    t.store.obj = { ...t.store.obj!, status: { ...t.store.obj!.status, kept: 'restart' } };
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter', reason: 'not synced' });
    expect(seen).toEqual(['restart', [{ content: 'ZWNobyBoaQ==' }]]);
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig', 'StartSomething']);
    expect(t.store.obj!.status).toMatchObject({ phase: 'Pending' });
    expect(t.store.obj!.status).not.toHaveProperty('kept');
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', message: 'phase Pending' });
    changeSpec(t);
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter', reason: 'busy: Pending' });
  });

  it('afterObserve failing: Recoverable, nothing else happens', async () => {
    const t = await created({ afterObserve: async (_l, ctx) => void (await ctx.call('StartSomething', {})) });
    t.aws.fail('StartSomething', new FakeAwsError('ServiceUnavailable', 'try later'));
    changeSpec(t);
    expect(await t.run()).toMatchObject({ kind: 'recoverable', error: { code: 'ServiceUnavailable' } });
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig', 'StartSomething']);
  });

  it('a hook may call only what its kind binds or generator.yaml marks called_by_hooks: the IAM policy lists no other', async () => {
    const t = await created({ afterObserve: async (_l, ctx) => void (await ctx.call('DeleteEverything', {})) });
    changeSpec(t);
    const out = await t.run();
    expect(JSON.stringify(out)).toContain('called DeleteEverything, which the kind does not bind and generator.yaml does not mark called_by_hooks');
    expect(t.aws.calls.map((c) => c.operation)).not.toContain('DeleteEverything');
    const bound = await created({ afterObserve: async (_l, ctx) => void (await ctx.call('DescribeNotebookInstanceLifecycleConfig', { NotebookInstanceLifecycleConfigName: 'cfg' })) });
    changeSpec(bound);
    await bound.run();
    expect(bound.aws.calls.filter((c) => c.operation === 'DescribeNotebookInstanceLifecycleConfig').length).toBeGreaterThan(2);
  });

  it('afterObserve does not run on delete', async () => {
    const afterObserve = jest.fn(() => undefined);
    const t = await created({ afterObserve });
    t.store.markDeleted();
    await t.run();
    expect(afterObserve).not.toHaveBeenCalled();
  });

  it('afterUpdate is not called when nothing changed', async () => {
    const afterUpdate = jest.fn(() => ({}));
    const t = await created({ afterUpdate });
    await t.run();
    expect(afterUpdate).not.toHaveBeenCalled();
  });

  it('isSynced overrides the rules; its message is shown verbatim', async () => {
    const t = setup(lccObject(), { hooks: { isSynced: () => ({ synced: false, message: 'Endpoint is in Creating status.' }) } });
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', message: 'Endpoint is in Creating status.' });
    const s = setup(lccObject(), { hooks: { isSynced: () => ({ synced: true, message: 'Endpoint is in InService status.' }) } });
    expect(await s.run()).toEqual({ kind: 'synced' });
    expect(s.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True', message: 'Endpoint is in InService status.' });
  });

  it('isSynced terminal: ACK.Terminal with the message, ResourceSynced as judged, no requeue', async () => {
    const t = setup(lccObject(), { hooks: { isSynced: () => ({ synced: true, message: 'Endpoint is in Failed status.', terminal: 'Endpoint failed: bad image' }) } });
    expect(await t.run()).toEqual({ kind: 'terminal', error: { code: 'ResourceTerminal', message: 'Endpoint failed: bad image' } });
    expect(t.condition('ACK.Terminal')).toMatchObject({ status: 'True', message: 'Endpoint failed: bad image' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True', message: 'Endpoint is in Failed status.' });
    expect(t.condition('Ready')).toMatchObject({ status: 'False', reason: 'ACK.Terminal' });
    expect(t.events.events.filter((e) => e.reason === 'Terminal')).toEqual([{ type: 'Warning', reason: 'Terminal', message: 'Endpoint failed: bad image' }]);
  });

  it('beforeDelete skipping: no Delete call, the finalizer goes, a Deleted event says why', async () => {
    const t = await created({ beforeDelete: () => ({ skipDelete: true, reason: 'job already Completed' }) });
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.store.obj).toBeUndefined();
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
    expect(t.events.events.at(-1)).toEqual({ type: 'Normal', reason: 'Deleted', message: 'nothing to delete in AWS: job already Completed' });
  });

  it('afterDelete asking for a requeue keeps the finalizer (asynchronous delete)', async () => {
    const t = await created({ afterDelete: () => ({ requeueAfterMs: 5_000, reason: 'deleting' }) });
    // AWS accepts the delete but still reports the resource (it is deleting).
    const call = t.aws.call.bind(t.aws);
    t.aws.call = async (opType, operation, input) => (opType === 'DELETE' ? (t.aws.calls.push({ opType, operation, input }), {}) : call(opType, operation, input));
    t.store.markDeleted();
    // Read again at once: still there, so requeued (the object was marked deleted a month ago: the hook's full 5 s).
    expect(await t.run()).toEqual({ kind: 'requeueAfter', ms: 5_000, reason: 'deleting' });
    expect(t.aws.calls.slice(-3).map((c) => c.opType)).toEqual(['READ_ONE', 'DELETE', 'READ_ONE']);
    expect(t.store.obj!.metadata.finalizers).toEqual([FIN]);
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig', 'DeleteNotebookInstanceLifecycleConfig']);
  });

  it('an asynchronous delete AWS finishes at once is done in the same reconcile: the read right after finds it gone', async () => {
    const t = await created({ afterDelete: () => ({ requeueAfterMs: 30_000, reason: 'deleting' }) });
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.store.obj).toBeUndefined();
  });

  it('hooks that call AWS go through the resolved target', async () => {
    const t = await created({
      beforeDelete: async (_latest, ctx) => {
        await ctx.call('StopSomething', { Name: 'cfg' }).catch(() => undefined);
        expect([ctx.region, ctx.accountId]).toEqual(['us-west-2', '111122223333']);
      },
    });
    t.store.markDeleted();
    await t.run();
    expect(t.aws.calls.some((c) => c.operation === 'StopSomething')).toBe(true);
  });
});
