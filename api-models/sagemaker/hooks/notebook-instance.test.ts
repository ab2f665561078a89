import { fakeContext, view } from './common/testing';
import { notebookInstance } from './notebook-instance';

const at = (notebookInstanceStatus: string) => view({ notebookInstanceName: 'nb' }, { notebookInstanceStatus });

describe('NotebookInstance delete: stop first (SageMaker deletes only Stopped or Failed notebooks)', () => {
  it('InService: calls StopNotebookInstance and waits, without deleting yet', async () => {
    const ctx = fakeContext();
    expect(await notebookInstance.beforeDelete!(at('InService'), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'NotebookInstance is Stopping.' });
    expect(ctx.calls).toEqual([{ op: 'StopNotebookInstance', input: { NotebookInstanceName: 'nb' } }]);
  });
  it.each(['Stopping', 'Pending', 'Updating', 'Deleting'])('%s: waits, no call', async (s) => {
    const ctx = fakeContext();
    expect(await notebookInstance.beforeDelete!(at(s), ctx)).toEqual({ requeueAfterMs: 30_000, reason: `NotebookInstance in ${s} state cannot be modified or deleted.` });
    expect(ctx.calls).toEqual([]);
  });
  it.each(['Stopped', 'Failed'])('%s: the Delete call goes out, then waits until it is gone', async (s) => {
    const ctx = fakeContext();
    expect(await notebookInstance.beforeDelete!(at(s), ctx)).toBeUndefined();
    expect(await notebookInstance.afterDelete!(at(s), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'NotebookInstance is Deleting.' });
    expect(ctx.calls).toEqual([]);
  });
  it('is not synced while SageMaker is changing it; InService and Stopped are settled', () => {
    expect(notebookInstance.isSynced!(at('Pending')).synced).toBe(false);
    expect(notebookInstance.isSynced!(at('Stopping')).synced).toBe(false);
    expect(notebookInstance.isSynced!(at('InService'))).toEqual({ synced: true, message: 'NotebookInstance is in InService status.' });
    expect(notebookInstance.isSynced!(at('Stopped')).synced).toBe(true);
  });
});
