import type { ResourceHooks } from '../../descriptor';
import { FakeAwsError } from '../../testing/fakes';
import { FIN, lccObject, setup } from '../../testing/harness';
import { deleteResource, deletePollMs } from './delete';

function deleting(annotations: Record<string, string> = {}, policy: 'delete' | 'retain' = 'delete') {
  const o = lccObject({}, annotations);
  const t = setup({ ...o, metadata: { ...o.metadata, finalizers: [FIN], deletionTimestamp: '2026-01-03T00:00:00Z' } }, { policy });
  t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
  return t;
}

describe('delete phase', () => {
  it('deletes in AWS, then removes the finalizer (the object goes)', async () => {
    const t = deleting();
    expect(await deleteResource(t.state())).toEqual({ kind: 'done' });
    expect(t.aws.writes()).toEqual(['DeleteNotebookInstanceLifecycleConfig']);
    expect(t.store.obj).toBeUndefined();
    expect(t.events.reasons()).toEqual(['Deleted']);
  });

  it('does nothing for an object this controller never managed', async () => {
    const o = lccObject();
    const t = setup({ ...o, metadata: { ...o.metadata, deletionTimestamp: '2026-01-03T00:00:00Z' } });
    expect(await deleteResource(t.state())).toEqual({ kind: 'done' });
    expect(t.aws.calls).toEqual([]);
  });

  it('retain policy and read-only keep the AWS resource and remove the finalizer', async () => {
    for (const t of [deleting({}, 'retain'), deleting({ 'services.k8s.aws/read-only': 'true' })]) {
      expect(await deleteResource(t.state())).toEqual({ kind: 'done' });
      expect(t.aws.calls).toEqual([]);
      expect(t.aws.items.has('cfg')).toBe(true);
      expect(t.events.reasons()).toEqual(['Retained']);
    }
  });

  it('a resource already gone from AWS only loses its finalizer', async () => {
    const t = deleting();
    t.aws.items.clear();
    expect(await deleteResource(t.state())).toEqual({ kind: 'done' });
    expect(t.aws.writes()).toEqual([]);
    expect(t.store.obj).toBeUndefined();
  });

  it('a failed delete keeps the finalizer and is recoverable, never terminal', async () => {
    const t = deleting();
    t.aws.fail('DeleteNotebookInstanceLifecycleConfig', new FakeAwsError('InvalidParameterValue', 'in use'));
    const out = await deleteResource(t.state());
    expect(out).toMatchObject({ kind: 'recoverable', error: { code: 'InvalidParameterValue' } });
    expect(t.store.obj!.metadata.finalizers).toEqual([FIN]);
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ reason: 'DeleteFailed' });
  });

  it('beforeDelete may postpone (requeue) or skip the AWS call', async () => {
    const t1 = setupWithHooks({ beforeDelete: () => ({ requeueAfterMs: 3_000, reason: 'stopping' }) });
    expect(await deleteResource(t1.state())).toEqual({ kind: 'requeueAfter', ms: 3_000, reason: 'stopping' });
    expect(t1.store.obj!.metadata.finalizers).toEqual([FIN]);
    const t2 = setupWithHooks({ beforeDelete: () => ({ skipDelete: true, reason: 'job finished' }) });
    expect(await deleteResource(t2.state())).toEqual({ kind: 'done' });
    expect(t2.aws.writes()).toEqual([]);
    expect(t2.store.obj).toBeUndefined();
  });
});

function setupWithHooks(hooks: ResourceHooks) {
  const o = lccObject();
  const t = setup({ ...o, metadata: { ...o.metadata, finalizers: [FIN], deletionTimestamp: '2026-01-03T00:00:00Z' } }, { hooks });
  t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
  return t;
}

describe('delete polling', () => {
  it('looks again soon after a delete, then backs off to what the hook asked for', () => {
    const t = deleting();
    const at = (seconds: number) => {
      (t.env as { now: () => Date }).now = () => new Date(Date.parse('2026-01-03T00:00:00Z') + seconds * 1000);
      return deletePollMs(t.state(), 30_000);
    };
    expect([at(0), at(1), at(4), at(10), at(30), at(60), at(600)]).toEqual([1_000, 1_000, 2_000, 5_000, 15_000, 30_000, 30_000]);
    expect(deletePollMs(t.state(), 500)).toBe(500);
  });

  it('a deletable guard that does not hold keeps the finalizer and looks again, with no delete call', async () => {
    const t = deleting();
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
    (t.env as { descriptor: typeof t.env.descriptor }).descriptor = { ...t.env.descriptor, deletable: { when: [{ path: 'status.state', in: ['ACTIVE'] }], requeueAfterSeconds: 30 } };
    const r = await deleteResource(t.state());
    expect(r).toMatchObject({ kind: 'requeueAfter', reason: 'delete waits: status.state is not set; waiting for ACTIVE' });
    expect(t.aws.writes()).toEqual([]);
    expect(t.store.obj?.metadata.finalizers).toEqual([FIN]);
  });
});
