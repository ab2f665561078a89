import { FakeAwsError } from '../../testing/fakes';
import { FIN, lccObject, setup } from '../../testing/harness';
import { CallRefused } from '../ports';
import { failure } from './failures';

describe('failures', () => {
  it('an invalid write is terminal, an invalid read recoverable, throttling recoverable and marked throttled', async () => {
    const t = setup(lccObject());
    const invalid = new FakeAwsError('ValidationException', 'bad');
    expect(await failure(t.state(), invalid, 'write')).toMatchObject({ kind: 'terminal' });
    expect(await failure(t.state(), invalid, 'read')).toMatchObject({ kind: 'recoverable', throttled: false });
    expect(await failure(t.state(), new FakeAwsError('ThrottlingException', 'slow'), 'read')).toMatchObject({ kind: 'recoverable', throttled: true });
  });

  it('a call refused by shutdown is not an AWS answer: the reconcile ends and writes nothing', async () => {
    const o = lccObject();
    const t = setup({ ...o, metadata: { ...o.metadata, finalizers: [FIN] } });
    t.aws.fail('DescribeNotebookInstanceLifecycleConfig', new CallRefused('not sent'));
    await expect(t.run()).rejects.toBeInstanceOf(CallRefused);
    expect(t.store.writes).toEqual([]);
    expect(t.events.events).toEqual([]);
  });

  it('also while deleting: no DeleteFailed condition or event for a refused call', async () => {
    const o = lccObject();
    const t = setup({ ...o, metadata: { ...o.metadata, finalizers: [FIN], deletionTimestamp: '2026-01-03T00:00:00Z' } });
    t.aws.fail('DescribeNotebookInstanceLifecycleConfig', new CallRefused('not sent'));
    await expect(t.run()).rejects.toBeInstanceOf(CallRefused);
    expect(t.store.writes).toEqual([]);
    expect(t.store.obj!.metadata.finalizers).toEqual([FIN]);
  });
});
