import { FakeAwsError } from '../../testing/fakes';
import { model } from '../../testing/fixtures';
import { FIN, lccObject, setup } from '../../testing/harness';
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
});
