import { jobDelete, deleteThenWait } from './delete';
import { requeueUntilCanModify } from './modify';
import { statusVerdict, syncedByStatus, type StatusRule } from './status';
import { fakeContext, view } from './testing';

const endpoint: StatusRule = {
  kind: 'Endpoint',
  path: 'status.endpointStatus',
  modifying: ['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting'],
  terminal: 'Failed',
};

describe('status verdicts (ACK SetSyncedCondition / SetTerminalState)', () => {
  it('is not synced while modifying, with ACK message', () => {
    expect(statusVerdict(endpoint, 'Creating')).toEqual({ synced: false, message: 'Endpoint is in Creating status.' });
  });
  it('is synced otherwise, with the status in the message', () => {
    expect(statusVerdict(endpoint, 'InService')).toEqual({ synced: true, message: 'Endpoint is in InService status.' });
  });
  it('a terminal status stays synced and carries the terminal message', () => {
    expect(statusVerdict(endpoint, 'Failed')).toEqual({
      synced: true,
      message: 'Endpoint is in Failed status.',
      terminal: 'Endpoint status reached terminal state: Failed. Check the FailureReason.',
    });
  });
  it('no status: no opinion, like ACK (synced)', () => {
    expect(syncedByStatus(endpoint)(view())).toEqual({ synced: true });
  });
});

describe('requeueUntilCanModify', () => {
  it('requeues 30 s while modifying', () => {
    expect(requeueUntilCanModify(endpoint, view({}, { endpointStatus: 'Updating' }))).toEqual({
      requeueAfterMs: 30_000,
      reason: 'Endpoint in Updating state cannot be modified or deleted.',
    });
  });
  it('lets settled resources through', () => {
    expect(requeueUntilCanModify(endpoint, view({}, { endpointStatus: 'InService' }))).toBeUndefined();
    expect(requeueUntilCanModify(endpoint, view())).toBeUndefined();
  });
});

describe('job-style delete', () => {
  const hooks = jobDelete({ kind: 'TrainingJob', path: 'status.trainingJobStatus', running: 'InProgress' });
  const ctx = fakeContext();
  const at = (trainingJobStatus?: string) => view({}, trainingJobStatus ? { trainingJobStatus } : {});

  it('Stopping: requeue 30 s, no call', async () => {
    expect(await hooks.beforeDelete!(at('Stopping'), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'TrainingJob is Stopping.' });
  });
  it('InProgress: lets the Stop call through, then waits while it stops', async () => {
    expect(await hooks.beforeDelete!(at('InProgress'), ctx)).toBeUndefined();
    expect(await hooks.afterDelete!(at('InProgress'), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'TrainingJob is Stopping.' });
  });
  it.each(['Completed', 'Failed', 'Stopped'])('%s: no call, finalizer goes (ACK Delete=MarkUnmanaged)', async (s) => {
    expect(await hooks.beforeDelete!(at(s), ctx)).toMatchObject({ skipDelete: true });
  });
  it('PipelineExecution stops only while Executing', async () => {
    const p = jobDelete({ kind: 'PipelineExecution', path: 'status.pipelineExecutionStatus', running: 'Executing' });
    expect(await p.beforeDelete!(view({}, { pipelineExecutionStatus: 'Executing' }), ctx)).toBeUndefined();
    expect(await p.beforeDelete!(view({}, { pipelineExecutionStatus: 'Succeeded' }), ctx)).toMatchObject({ skipDelete: true });
  });
  it('never calls AWS itself', () => expect(ctx.calls).toEqual([]));
});

describe('delete then wait', () => {
  const hooks = deleteThenWait(endpoint);
  const ctx = fakeContext();
  it('Delete while Creating: requeue with ACK message', async () => {
    expect(await hooks.beforeDelete!(view({}, { endpointStatus: 'Creating' }), ctx)).toEqual({
      requeueAfterMs: 30_000,
      reason: 'Endpoint in Creating state cannot be modified or deleted.',
    });
  });
  it('Delete OK: "Endpoint is Deleting."', async () => {
    expect(await hooks.beforeDelete!(view({}, { endpointStatus: 'InService' }), ctx)).toBeUndefined();
    expect(await hooks.afterDelete!(view(), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'Endpoint is Deleting.' });
  });
});
