import { FakeAwsError } from '../../testing/fakes';
import { model } from '../../testing/fixtures';
import { FIN, lccObject, setup } from '../../testing/harness';
import { APPLIED_SPEC_ANNOTATION, appliedSpec, formatAppliedSpec } from '../applied-spec';
import { applyEffects, specDelta, update } from './update';

const latestOf = (spec: Record<string, unknown>) => ({ spec, status: {} });
/** Created from lccObject()'s spec (recorded as applied), then given `spec` by the user. */
const managed = (spec: Record<string, unknown> = {}) => {
  const o = lccObject(spec);
  const applied = formatAppliedSpec(appliedSpec(lccObject().spec!));
  return { ...o, metadata: { ...o.metadata, finalizers: [FIN], annotations: { [APPLIED_SPEC_ANNOTATION]: applied } } };
};

describe('update phase', () => {
  it('calls nothing when the spec and AWS agree', async () => {
    const t = setup(managed());
    const s = t.state();
    expect(await update(s, s.cur.spec!, latestOf(s.cur.spec!))).toEqual({ kind: 'updated', fields: [] });
    expect(t.aws.calls).toEqual([]);
  });

  it('updates what differs, then reads back', async () => {
    const t = setup(managed({ onStart: [{ content: 'c3RhcnQ=' }] }));
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
    const s = t.state();
    const r = await update(s, s.cur.spec!, latestOf({ notebookInstanceLifecycleConfigName: 'cfg', onCreate: [{ content: 'ZWNobyBoaQ==' }] }));
    expect(r).toMatchObject({ kind: 'updated', fields: ['spec.onStart'], latest: { arn: 'arn:x' } });
    expect(t.aws.calls.map((c) => c.opType)).toEqual(['UPDATE', 'READ_ONE']);
  });

  it('refuses a change to an immutable field: terminal, no AWS call', async () => {
    const t = setup({ apiVersion: 'v', kind: 'Model', metadata: { name: 'm', namespace: 'ns', finalizers: ['finalizers.sagemaker.services.k8s.aws/Model'] }, spec: { modelName: 'm', primaryContainer: { image: 'b' } } }, { descriptor: model });
    const s = t.state();
    const r = await update(s, s.cur.spec!, latestOf({ modelName: 'm', primaryContainer: { image: 'a' } }));
    expect(r).toMatchObject({ kind: 'outcome', outcome: { kind: 'terminal', error: { code: 'ImmutableFieldChanged' } } });
    expect(t.aws.calls).toEqual([]);
  });

  it('refuses a change the update operation cannot carry (createOnly): terminal, no write, the same on the next reconcile', async () => {
    const t = setup(managed({ onStart: [{ content: 'c3RhcnQ=' }] }));
    (t.env as { descriptor: typeof t.env.descriptor }).descriptor = { ...t.env.descriptor, createOnly: ['onStart'] };
    const s = t.state();
    const r = await update(s, s.cur.spec!, latestOf({ notebookInstanceLifecycleConfigName: 'cfg', onCreate: [{ content: 'ZWNobyBoaQ==' }] }));
    expect(r).toMatchObject({ kind: 'outcome', outcome: { kind: 'terminal', error: { code: 'ImmutableFieldChanged' } } });
    expect(t.condition('ACK.Terminal')).toMatchObject({
      status: 'True',
      message: 'spec.onStart cannot be changed after creation (UpdateNotebookInstanceLifecycleConfig cannot carry it); revert the change or recreate the resource',
    });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False' });
    expect(t.aws.calls).toEqual([]);
  });

  it('a checkUpdate requeue postpones the update (UpdatePending)', async () => {
    const t = setup(managed({ onStart: [{ content: 'eA==' }] }), { hooks: { checkUpdate: () => ({ requeueAfterMs: 7_000, reason: 'busy' }) } });
    const s = t.state();
    const r = await update(s, s.cur.spec!, latestOf({ notebookInstanceLifecycleConfigName: 'cfg', onCreate: [{ content: 'ZWNobyBoaQ==' }] }));
    expect(r).toEqual({ kind: 'outcome', outcome: { kind: 'requeueAfter', ms: 7_000, reason: 'busy' } });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', reason: 'UpdatePending' });
  });

  it('an Update AWS rejects as invalid is terminal', async () => {
    const t = setup(managed({ onStart: [{ content: 'eA==' }] }));
    t.aws.fail('UpdateNotebookInstanceLifecycleConfig', new FakeAwsError('ValidationException', 'no'));
    const s = t.state();
    const r = await update(s, s.cur.spec!, latestOf({ notebookInstanceLifecycleConfigName: 'cfg', onCreate: [{ content: 'ZWNobyBoaQ==' }] }));
    expect(r).toMatchObject({ kind: 'outcome', outcome: { kind: 'terminal' } });
  });

  it('a field the read leaves out is not drift while unchanged since applied; changed by the user, it is', () => {
    const read = latestOf({ notebookInstanceLifecycleConfigName: 'cfg' }); // AWS omits onCreate
    const unchanged = setup(managed());
    expect(specDelta(unchanged.state(), unchanged.store.obj!.spec!, read)).toEqual([]);
    const changed = setup(managed({ onCreate: [{ content: 'bmV3' }] }));
    expect(specDelta(changed.state(), changed.store.obj!.spec!, read)).toEqual([{ path: 'onCreate', desired: [{ content: 'bmV3' }], latest: undefined }]);
    // No record (adopted, or created before records): nothing says it changed.
    const unrecorded = setup(lccObject({ onCreate: [{ content: 'bmV3' }] }));
    expect(specDelta(unrecorded.state(), unrecorded.store.obj!.spec!, read)).toEqual([]);
    // A field AWS does return is compared with AWS, record or not.
    const drifted = latestOf({ notebookInstanceLifecycleConfigName: 'cfg', onCreate: [{ content: 'b3V0' }] });
    expect(specDelta(unchanged.state(), unchanged.store.obj!.spec!, drifted).map((e) => e.path)).toEqual(['onCreate']);
  });

  it('records the spec it applied after a successful update', async () => {
    const t = setup(managed({ onStart: [{ content: 'c3RhcnQ=' }] }));
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
    const s = t.state();
    await update(s, s.cur.spec!, latestOf({ notebookInstanceLifecycleConfigName: 'cfg', onCreate: [{ content: 'ZWNobyBoaQ==' }] }));
    expect(t.store.obj!.metadata.annotations![APPLIED_SPEC_ANNOTATION]).toBe(formatAppliedSpec(appliedSpec(t.store.obj!.spec!)));
  });

  it('tags AWS or the controller added are not drift; a user tag is', () => {
    const t = setup({ apiVersion: 'v', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm', tags: [{ key: 'team', value: 'a' }] } }, { descriptor: model });
    const s = t.state();
    const withSystem = latestOf({ modelName: 'm', tags: [{ key: 'team', value: 'a' }, { key: 'aws:cloudformation:stack', value: 'x' }] });
    expect(specDelta(s, s.cur.spec!, withSystem)).toEqual([]);
    const changed = latestOf({ modelName: 'm', tags: [{ key: 'team', value: 'b' }] });
    expect(specDelta(s, s.cur.spec!, changed).map((e) => e.path)).toEqual(['tags']);
  });

  it("afterUpdate's effects: status fields over the status, annotations patched only when they change", async () => {
    const t = setup(managed());
    const s = t.state();
    await applyEffects(s, { status: { phase: 'Updating' }, annotations: { a: '1' } });
    expect(s.status).toMatchObject({ phase: 'Updating' });
    expect(t.store.obj!.metadata.annotations).toMatchObject({ a: '1' });
    const writes = t.store.writes.length;
    await applyEffects(s, { annotations: { a: '1' } });
    expect(t.store.writes.length).toBe(writes);
  });

  it('an updateable guard that does not hold postpones the update with no AWS call (UpdatePending); when it holds, the update goes', async () => {
    const guard = { when: [{ path: 'status.state', in: ['ACTIVE'] }], requeueAfterSeconds: 10 };
    const t = setup(managed({ onStart: [{ content: 'eA==' }] }));
    (t.env as { descriptor: typeof t.env.descriptor }).descriptor = { ...t.env.descriptor, updateable: guard };
    const s = t.state();
    const busy = { spec: { notebookInstanceLifecycleConfigName: 'cfg' }, status: { state: 'UPDATING' } };
    expect(await update(s, s.cur.spec!, busy)).toEqual({
      kind: 'outcome',
      outcome: { kind: 'requeueAfter', ms: 10_000, reason: 'update waits: status.state is "UPDATING"; waiting for ACTIVE' },
    });
    expect(t.aws.calls).toEqual([]);
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', reason: 'UpdatePending' });
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
    const ready = { spec: { notebookInstanceLifecycleConfigName: 'cfg' }, status: { state: 'ACTIVE' } };
    expect(await update(t.state(), s.cur.spec!, ready)).toMatchObject({ kind: 'updated', fields: ['spec.onStart'] });
  });

  it('omitUnchangedFields sends the identifiers and the changed fields only', async () => {
    const t = setup(managed({ onStart: [{ content: 'eA==' }], onCreate: [{ content: 'ZWNobyBoaQ==' }] }));
    (t.env as { descriptor: typeof t.env.descriptor }).descriptor = { ...t.env.descriptor, omitUnchangedFields: true };
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
    const s = t.state();
    await update(s, s.cur.spec!, latestOf({ notebookInstanceLifecycleConfigName: 'cfg', onCreate: [{ content: 'ZWNobyBoaQ==' }] }));
    const sent = t.aws.calls.find((c) => c.operation === 'UpdateNotebookInstanceLifecycleConfig')!.input;
    expect(sent).toEqual({ NotebookInstanceLifecycleConfigName: 'cfg', OnStart: [{ Content: 'eA==' }] });
  });
});
