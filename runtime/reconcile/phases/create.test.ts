import { FakeAwsError } from '../../testing/fakes';
import { lifecycleConfig, model } from '../../testing/fixtures';
import { CREATE_ATTEMPT_ANNOTATION, createToken } from '../idempotency';
import { FIN, lccObject, setup } from '../../testing/harness';
import { APPLIED_SPEC_ANNOTATION, appliedSpec, parseAppliedSpec } from '../applied-spec';
import { create } from './create';

describe('create phase', () => {
  it('adds the finalizer, creates, writes the ARN to status, then reads back', async () => {
    const t = setup(lccObject());
    const seen: string[] = [];
    const call = t.aws.call.bind(t.aws);
    t.aws.call = async (op, name, input) => {
      seen.push(`${op} finalizer=${t.store.obj!.metadata.finalizers?.includes(FIN)} arn=${Boolean(t.store.obj!.status?.ackResourceMetadata)}`);
      return call(op, name, input);
    };
    const r = await create(t.state(), t.store.obj!.spec!);
    expect(r).toMatchObject({ kind: 'created', latest: { arn: expect.stringContaining('cfg') } });
    expect(seen).toEqual(['CREATE finalizer=true arn=false', 'READ_ONE finalizer=true arn=true']);
    expect(t.events.reasons()).toEqual(['Created']);
  });

  it('a create AWS rejects as invalid is terminal; the finalizer stays so a delete still cleans up', async () => {
    const t = setup(lccObject());
    t.aws.fail('CreateNotebookInstanceLifecycleConfig', new FakeAwsError('ValidationException', 'bad content'));
    const r = await create(t.state(), t.store.obj!.spec!);
    expect(r).toMatchObject({ kind: 'failed', outcome: { kind: 'terminal', error: { code: 'ValidationException' } } });
    expect(t.store.obj!.metadata.finalizers).toEqual([FIN]);
  });

  it("adds the controller's default tags to the create input", async () => {
    const t = setup({ apiVersion: 'sagemaker.services.k8s.aws/v1alpha1', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm' } }, { descriptor: model });
    const s = t.state();
    (s.env as { defaultTags?: Record<string, string> }).defaultTags = { 'services.k8s.aws/controller-version': 'sagemaker-1' };
    await create(s, s.cur.spec!);
    expect(t.aws.calls[0]!.input.Tags).toEqual([{ Key: 'services.k8s.aws/controller-version', Value: 'sagemaker-1' }]);
  });

  it('a beforeCreate hook shapes the input', async () => {
    const t = setup(lccObject(), { hooks: { beforeCreate: (input) => ({ ...input, OnStart: [{ Content: 'eA==' }] }) } });
    await create(t.state(), t.store.obj!.spec!);
    expect(t.aws.calls[0]!.input.OnStart).toEqual([{ Content: 'eA==' }]);
  });

  describe('idempotency token', () => {
    const withToken = { ...lifecycleConfig, operations: { ...lifecycleConfig.operations, create: { ...lifecycleConfig.operations.create, idempotencyToken: 'ClientToken' } } };
    const obj = () => {
      const o = lccObject();
      return { ...o, metadata: { ...o.metadata, uid: 'uid-1' } };
    };
    const tokens = (t: ReturnType<typeof setup>) => t.aws.calls.filter((c) => c.opType === 'CREATE').map((c) => c.input['ClientToken']);

    it('a create retried after a timeout carries the same token, across reconciles', async () => {
      const t = setup(obj(), { descriptor: withToken });
      t.aws.fail('CreateNotebookInstanceLifecycleConfig', Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }));
      expect(await t.run()).toMatchObject({ kind: 'recoverable' });
      expect(await t.run()).toMatchObject({ kind: 'synced' });
      expect(tokens(t)).toEqual([createToken('uid-1', 1), createToken('uid-1', 1)]);
      expect(t.store.obj!.metadata.annotations?.[CREATE_ATTEMPT_ANNOTATION]).toBeUndefined();
    });

    it('a create AWS refused ends the attempt: the next one (after a spec change) has a new token', async () => {
      const t = setup(obj(), { descriptor: withToken });
      t.aws.fail('CreateNotebookInstanceLifecycleConfig', new FakeAwsError('ValidationException', 'bad content'));
      expect(await t.run()).toMatchObject({ kind: 'terminal' });
      expect(t.store.obj!.metadata.annotations?.[CREATE_ATTEMPT_ANNOTATION]).toBe('2');
      await t.store.patch(t.store.obj!, () => ({ spec: { onStart: [{ content: 'eA==' }] } }));
      expect(await t.run()).toMatchObject({ kind: 'synced' });
      expect(tokens(t)).toEqual([createToken('uid-1', 1), createToken('uid-1', 2)]);
    });

    it('a resource it created, found gone, is created again under a new attempt', async () => {
      const t = setup(obj(), { descriptor: withToken });
      expect(await t.run()).toMatchObject({ kind: 'synced' });
      t.aws.items.clear();
      expect(await t.run()).toMatchObject({ kind: 'synced' });
      expect(tokens(t)).toEqual([createToken('uid-1', 1), createToken('uid-1', 2)]);
    });

    it('a token the spec sets is sent as written', async () => {
      const t = setup(obj(), { descriptor: withToken });
      const token = { sdk: 'ClientToken', json: 'clientToken', type: 'string' as const };
      const shapes = { ...t.env.service.shapes };
      for (const k of [withToken.specShape, withToken.operations.create.input!]) shapes[k] = [...(shapes[k] ?? []), token];
      (t.env as { service: typeof t.env.service }).service = { ...t.env.service, shapes };
      const s = t.state();
      await create(s, { ...s.cur.spec!, clientToken: 'mine' });
      expect(tokens(t)).toEqual(['mine']);
    });
  });
});

describe('create phase: the applied spec', () => {
  it('records what it created, so a field a later read omits is judged against it', async () => {
    const t = setup(lccObject());
    await create(t.state(), t.store.obj!.spec!);
    const recorded = parseAppliedSpec(t.store.obj!.metadata.annotations?.[APPLIED_SPEC_ANNOTATION]);
    expect(recorded).toEqual(appliedSpec(lccObject().spec!));
    expect(Object.keys(recorded!)).toEqual(['notebookInstanceLifecycleConfigName', 'onCreate']);
  });
});
