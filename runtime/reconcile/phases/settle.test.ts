import { model } from '../../testing/fixtures';
import { setup } from '../../testing/harness';
import { LATE_INIT_REQUEUE_MS, emitHookEvents, settle } from './settle';

const modelObject = () => ({ apiVersion: 'v', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm' } });
const none = { readOnly: false, updatedFields: [] };

describe('settle phase', () => {
  it('late-initializes a field the spec leaves unset from the read, and is synced', async () => {
    const t = setup(modelObject(), { descriptor: model });
    const s = t.state();
    const out = await settle(s, { modelName: 'm' }, { spec: { modelName: 'm', enableNetworkIsolation: false }, status: {} }, none);
    expect(out).toEqual({ kind: 'synced' });
    expect(t.store.obj!.spec).toEqual({ modelName: 'm', enableNetworkIsolation: false });
    expect(t.condition('ACK.LateInitialized')).toMatchObject({ status: 'True' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True' });
  });

  it('waits for a late-initialized field while the resource is not synced yet', async () => {
    const t = setup(modelObject(), { descriptor: model, hooks: { isSynced: () => ({ synced: false, message: 'Creating' }) } });
    const out = await settle(t.state(), { modelName: 'm' }, { spec: { modelName: 'm' }, status: {} }, none);
    expect(out).toEqual({ kind: 'requeueAfter', ms: LATE_INIT_REQUEUE_MS, reason: 'late initialization pending' });
    expect(t.condition('ACK.LateInitialized')).toMatchObject({ status: 'False', reason: 'Delayed Late Initialization' });
  });

  it('does not wait for a field AWS still omits once synced', async () => {
    const t = setup(modelObject(), { descriptor: model });
    expect(await settle(t.state(), { modelName: 'm' }, { spec: { modelName: 'm' }, status: {} }, none)).toEqual({ kind: 'synced' });
    expect(t.condition('ACK.LateInitialized')!.message).toContain('AWS reports no value for enableNetworkIsolation');
  });

  it('read-only resources are never late-initialized', async () => {
    const t = setup(modelObject(), { descriptor: model });
    await settle(t.state(), { modelName: 'm' }, { spec: { modelName: 'm', enableNetworkIsolation: true }, status: {} }, { ...none, readOnly: true });
    expect(t.store.obj!.spec).toEqual({ modelName: 'm' });
  });

  it("a hook's terminal verdict is ACK.Terminal with ResourceSynced kept as judged", async () => {
    const t = setup(modelObject(), { descriptor: model, hooks: { isSynced: () => ({ synced: true, terminal: 'Endpoint Failed' }) } });
    const out = await settle(t.state(), { modelName: 'm' }, { spec: { modelName: 'm', enableNetworkIsolation: false }, status: {} }, none);
    expect(out).toEqual({ kind: 'terminal', error: { code: 'ResourceTerminal', message: 'Endpoint Failed' } });
    expect(t.condition('ACK.Terminal')).toMatchObject({ status: 'True' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True' });
  });

  it("afterUpdate's requeue wins over the synced verdict; updated fields make one Updated event", async () => {
    const t = setup(modelObject(), { descriptor: model });
    const out = await settle(t.state(), { modelName: 'm' }, { spec: { modelName: 'm', enableNetworkIsolation: false }, status: {} }, {
      readOnly: false,
      updatedFields: ['spec.x'],
      effects: { requeue: { requeueAfterMs: 9_000, reason: 'updating' } },
    });
    expect(out).toEqual({ kind: 'requeueAfter', ms: 9_000, reason: 'updating' });
    expect(t.events.reasons()).toEqual(['Updated']);
  });

  it("emits the events hook's events, comparing against the status this reconcile found", () => {
    const t = setup({ ...modelObject(), status: { phase: 'A' } }, {
      descriptor: model,
      hooks: { events: (now, before) => (now.status.phase !== before.status.phase ? [{ type: 'Normal', reason: 'Phase', message: String(now.status.phase), key: 'p' }] : []) },
    });
    const s = t.state();
    emitHookEvents(s);
    expect(t.events.reasons()).toEqual([]);
    s.status = { phase: 'B' };
    emitHookEvents(s);
    expect(t.events.events).toEqual([{ type: 'Normal', reason: 'Phase', message: 'B' }]);
  });
});
