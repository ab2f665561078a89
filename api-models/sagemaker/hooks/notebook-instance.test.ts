import type { ResourceDescriptor, SdkObject } from '../../../runtime/descriptor';
import type { KubeObject } from '../../../runtime/k8s/types';
import type { Condition } from '../../../runtime/reconcile/conditions';
import type { AwsPort } from '../../../runtime/reconcile/ports';
import { reconcile } from '../../../runtime/reconcile/reconcile';
import { FakeAwsError, FakeEvents, FakeStore, silentLog } from '../../../runtime/testing/fakes';
import { service } from '../../../generated/sagemaker/src/service';
import { delta, fakeContext, view } from './common/testing';
import { hooks } from './index';
import { notebookInstance } from './notebook-instance';
import { disassociating, withRemovedAssociations } from './notebook-instance-update';

const at = (notebookInstanceStatus: string, extra: Record<string, unknown> = {}) => view({ notebookInstanceName: 'nb' }, { notebookInstanceStatus, ...extra });

describe('NotebookInstance delete: stop first (SageMaker deletes only Stopped or Failed notebooks)', () => {
  it('InService: calls StopNotebookInstance and waits, without deleting yet', async () => {
    const ctx = fakeContext();
    expect(await notebookInstance.beforeDelete!(at('InService'), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'NotebookInstance is stopping.' });
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
    expect(await notebookInstance.afterDelete!(at(s), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'NotebookInstance is deleting.' });
    expect(ctx.calls).toEqual([]);
  });
  it('is not synced while SageMaker is changing it; InService and Stopped are settled', () => {
    expect(notebookInstance.isSynced!(at('Pending')).synced).toBe(false);
    expect(notebookInstance.isSynced!(at('Stopping')).synced).toBe(false);
    expect(notebookInstance.isSynced!(at('InService'))).toEqual({ synced: true, message: 'NotebookInstance is in InService status.' });
    expect(notebookInstance.isSynced!(at('Stopped')).synced).toBe(true);
  });
});

describe('NotebookInstance update hooks', () => {
  it('InService: stops it, remembers UpdatePending, requeues 30 s; no input', async () => {
    const ctx = fakeContext();
    const r = await notebookInstance.beforeUpdate!({ NotebookInstanceName: 'nb' }, delta('volumeSizeInGB'), at('InService'), at('InService'), ctx);
    expect(r).toEqual({ requeueAfterMs: 30_000, reason: 'NotebookInstance is stopping.', status: { stoppedByControllerMetadata: 'UpdatePending' } });
    expect(ctx.calls).toEqual([{ op: 'StopNotebookInstance', input: { NotebookInstanceName: 'nb' } }]);
  });
  it('Stopped: the input goes out with Disassociate flags, no call of its own', async () => {
    const ctx = fakeContext();
    const desired = view({ notebookInstanceName: 'nb', volumeSizeInGB: 7 });
    const latest = view({ notebookInstanceName: 'nb', defaultCodeRepository: 'https://r', lifecycleConfigName: 'lc' }, { notebookInstanceStatus: 'Stopped' });
    const r = await notebookInstance.beforeUpdate!({ NotebookInstanceName: 'nb', VolumeSizeInGB: 7 }, delta('volumeSizeInGB'), desired, latest, ctx);
    expect(r).toEqual({ NotebookInstanceName: 'nb', VolumeSizeInGB: 7, DisassociateDefaultCodeRepository: true, DisassociateLifecycleConfig: true });
    expect(ctx.calls).toEqual([]);
  });
  it('while SageMaker is changing it: waits, with requeueUntilCanModify', () => {
    expect(notebookInstance.checkUpdate!(delta('volumeSizeInGB'), at('Stopping'), at('Stopping'))).toEqual({ requeueAfterMs: 30_000, reason: 'NotebookInstance in Stopping state cannot be modified or deleted.' });
    expect(notebookInstance.checkUpdate!(delta('volumeSizeInGB'), at('InService'), at('InService'))).toBeUndefined();
  });
  it('after the Update: Updating; UpdatePending becomes UpdateTriggered, a user-stopped one stays unmarked', () => {
    expect(notebookInstance.afterUpdate!(at('Stopped'), at('Stopped', { stoppedByControllerMetadata: 'UpdatePending' }), fakeContext())).toEqual({
      status: { notebookInstanceStatus: 'Updating', stoppedByControllerMetadata: 'UpdateTriggered' },
    });
    expect(notebookInstance.afterUpdate!(at('Stopped'), at('Stopped'), fakeContext())).toEqual({ status: { notebookInstanceStatus: 'Updating' } });
  });
  it('a read finding it Stopped after the controller updated it: StartNotebookInstance, metadata cleared, Pending', async () => {
    const ctx = fakeContext();
    expect(await notebookInstance.afterObserve!(at('Stopped', { stoppedByControllerMetadata: 'UpdateTriggered' }), ctx)).toEqual({
      status: { stoppedByControllerMetadata: null, notebookInstanceStatus: 'Pending' },
    });
    expect(ctx.calls).toEqual([{ op: 'StartNotebookInstance', input: { NotebookInstanceName: 'nb' } }]);
  });
  it.each([
    ['Stopped', undefined],
    ['Stopped', 'UpdatePending'],
    ['Updating', 'UpdateTriggered'],
    ['InService', undefined],
  ])('a read finding %s with metadata %s: nothing', async (s, m) => {
    const ctx = fakeContext();
    expect(await notebookInstance.afterObserve!(at(s, m ? { stoppedByControllerMetadata: m } : {}), ctx)).toBeUndefined();
    expect(ctx.calls).toEqual([]);
  });
  it('Describe names the lifecycle config differently: mapped to the spec name', async () => {
    const out = await notebookInstance.afterReadOne!({ NotebookInstanceLifecycleConfigName: 'lc' }, at('InService'), fakeContext());
    expect(out).toEqual({ NotebookInstanceLifecycleConfigName: 'lc', LifecycleConfigName: 'lc' });
    expect(await notebookInstance.afterReadOne!({ NotebookInstanceName: 'nb' }, at('InService'), fakeContext())).toEqual({ NotebookInstanceName: 'nb' });
  });
});

describe('Disassociate* for associations removed from the spec (ACK handleUpdateOnlyParameters)', () => {
  const latest = view({ acceleratorTypes: ['ml.eia1.medium'], additionalCodeRepositories: ['a'], defaultCodeRepository: 'd', lifecycleConfigName: 'lc', volumeSizeInGB: 5 });
  it('each removed one is a change and a flag; kept or never-set ones are not', () => {
    const desired = view({ additionalCodeRepositories: ['a', 'b'], volumeSizeInGB: 5 });
    expect(withRemovedAssociations([], desired, latest).map((e) => e.path)).toEqual(['acceleratorTypes', 'defaultCodeRepository', 'lifecycleConfigName']);
    expect(disassociating({}, desired, latest)).toEqual({ DisassociateAcceleratorTypes: true, DisassociateDefaultCodeRepository: true, DisassociateLifecycleConfig: true });
    expect(disassociating({}, view({}), view({ volumeSizeInGB: 5 }))).toEqual({});
  });
  it('an empty list or string is no association on either side', () => {
    expect(disassociating({}, view({}), view({ defaultCodeRepository: '' }))).toEqual({});
    expect(disassociating({}, view({ additionalCodeRepositories: [] }), view({ additionalCodeRepositories: ['a'] }))).toEqual({ DisassociateAdditionalCodeRepositories: true });
    expect(withRemovedAssociations([], view({}), view({ additionalCodeRepositories: [] }))).toEqual([]);
  });
  it('an entry the runtime already found is not repeated', () => {
    const found = [{ path: 'defaultCodeRepository', desired: undefined, latest: 'd' }];
    expect(withRemovedAssociations(found, view({ additionalCodeRepositories: ['a'], acceleratorTypes: ['ml.eia1.medium'], lifecycleConfigName: 'lc' }), latest)).toEqual(found);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the runtime's reconcile with the generated descriptor, against a notebook whose state the
// test moves on between reconciles, as SageMaker would.

const NAME = 'nb';
const ARN = `arn:aws:sagemaker:us-west-2:111122223333:notebook-instance/${NAME}`;
const FIN = 'finalizers.sagemaker.services.k8s.aws/NotebookInstance';

class FakeNotebook implements AwsPort {
  readonly calls: { operation: string; input: SdkObject }[] = [];
  state: SdkObject = {
    NotebookInstanceName: NAME,
    NotebookInstanceArn: ARN,
    NotebookInstanceStatus: 'InService',
    InstanceType: 'ml.t3.medium',
    RoleArn: 'role',
    VolumeSizeInGB: 6,
    DefaultCodeRepository: 'https://github.com/aws-controllers-k8s/community',
    DirectInternetAccess: 'Enabled',
    RootAccess: 'Enabled',
  };
  gone = false;
  async call(_t: string, operation: string, input: SdkObject): Promise<SdkObject> {
    this.calls.push({ operation, input });
    if (this.gone) throw new FakeAwsError('ValidationException', 'RecordNotFound');
    switch (operation) {
      case 'DescribeNotebookInstance':
        return { ...this.state };
      case 'StopNotebookInstance':
        this.state = { ...this.state, NotebookInstanceStatus: 'Stopping' };
        return {};
      case 'StartNotebookInstance':
        this.state = { ...this.state, NotebookInstanceStatus: 'Pending' };
        return {};
      case 'UpdateNotebookInstance': {
        const { DisassociateDefaultCodeRepository, NotebookInstanceName: _n, ...rest } = input;
        const next: SdkObject = { ...this.state, ...rest, NotebookInstanceStatus: 'Updating' };
        if (DisassociateDefaultCodeRepository) delete next.DefaultCodeRepository;
        this.state = next;
        return {};
      }
      case 'DeleteNotebookInstance':
        this.state = { ...this.state, NotebookInstanceStatus: 'Deleting' };
        return {};
      default:
        throw new Error(`unexpected ${operation}`);
    }
  }
  set(status: string): void {
    this.state = { ...this.state, NotebookInstanceStatus: status };
  }
  writes(): string[] {
    return this.calls.map((c) => c.operation).filter((o) => !o.startsWith('Describe'));
  }
}

function notebook(spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'NotebookInstance',
    metadata: { name: NAME, namespace: 'ns', finalizers: [FIN] },
    spec: { notebookInstanceName: NAME, instanceType: 'ml.t3.medium', roleARN: 'role', ...spec },
    status: { ackResourceMetadata: { arn: ARN, ownerAccountID: '111122223333', region: 'us-west-2' }, notebookInstanceStatus: 'InService' },
  };
}

function harness(obj: KubeObject) {
  const descriptor = service.resources.find((r) => r.kind === 'NotebookInstance') as ResourceDescriptor;
  const aws = new FakeNotebook();
  const store = new FakeStore(obj);
  const run = () =>
    reconcile(store.obj!, {
      service,
      descriptor,
      hooks: hooks.NotebookInstance!,
      aws,
      store,
      events: new FakeEvents(),
      log: silentLog,
      target: { region: 'us-west-2', accountId: '111122223333', partition: 'aws' },
      deletionPolicy: 'delete',
      now: () => new Date('2026-02-01T00:00:00Z'),
      sleep: async () => undefined,
    });
  const status = () => store.obj?.status ?? {};
  const synced = () => ((status().conditions ?? []) as Condition[]).find((c) => c.type === 'ACK.ResourceSynced');
  return { aws, store, run, status, synced };
}

describe('NotebookInstance through reconcile: stop → update → start (ACK)', () => {
  // ACK's e2e patch: a bigger volume, no default code repository.
  const t = harness(notebook({ volumeSizeInGB: 7 }));

  it('InService with a spec change: StopNotebookInstance, UpdatePending, requeue 30 s, no Update', async () => {
    expect(await t.run()).toEqual({ kind: 'requeueAfter', ms: 30_000, reason: 'NotebookInstance is stopping.' });
    expect(t.aws.writes()).toEqual(['StopNotebookInstance']);
    expect(t.status()).toMatchObject({ stoppedByControllerMetadata: 'UpdatePending', notebookInstanceStatus: 'InService' });
    expect(t.synced()).toMatchObject({ status: 'False', message: 'NotebookInstance is stopping.' });
  });

  it('Stopping: waits, showing Stopping', async () => {
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter', reason: 'NotebookInstance in Stopping state cannot be modified or deleted.' });
    expect(t.aws.writes()).toEqual(['StopNotebookInstance']);
    expect(t.status()).toMatchObject({ stoppedByControllerMetadata: 'UpdatePending', notebookInstanceStatus: 'Stopping' });
  });

  it('Stopped + UpdatePending: UpdateNotebookInstance with Disassociate flags, UpdateTriggered, Synced False Updating', async () => {
    t.aws.set('Stopped');
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter' });
    expect(t.aws.writes()).toEqual(['StopNotebookInstance', 'UpdateNotebookInstance']);
    expect(t.aws.calls.find((c) => c.operation === 'UpdateNotebookInstance')!.input).toEqual({
      NotebookInstanceName: NAME,
      InstanceType: 'ml.t3.medium',
      RoleArn: 'role',
      VolumeSizeInGB: 7,
      DisassociateDefaultCodeRepository: true,
    });
    expect(t.status()).toMatchObject({ stoppedByControllerMetadata: 'UpdateTriggered', notebookInstanceStatus: 'Updating' });
    expect(t.synced()).toMatchObject({ status: 'False', message: 'NotebookInstance is in Updating status.' });
  });

  it('Updating: waits, nothing called', async () => {
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter' });
    expect(t.aws.writes()).toHaveLength(2);
    expect(t.status()).toMatchObject({ stoppedByControllerMetadata: 'UpdateTriggered' });
  });

  it('Stopped + UpdateTriggered: StartNotebookInstance, metadata cleared, Pending, no second Update', async () => {
    t.aws.set('Stopped');
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter' });
    expect(t.aws.writes()).toEqual(['StopNotebookInstance', 'UpdateNotebookInstance', 'StartNotebookInstance']);
    expect(t.aws.calls.at(-1)).toEqual({ operation: 'StartNotebookInstance', input: { NotebookInstanceName: NAME } });
    expect(t.status()).toMatchObject({ notebookInstanceStatus: 'Pending' });
    expect(t.status()).not.toHaveProperty('stoppedByControllerMetadata');
    expect(t.synced()).toMatchObject({ status: 'False', message: 'NotebookInstance is in Pending status.' });
  });

  it('InService again: Synced True, no more calls', async () => {
    t.aws.set('InService');
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.writes()).toHaveLength(3);
    expect(t.synced()).toMatchObject({ status: 'True', message: 'NotebookInstance is in InService status.' });
    expect(t.aws.state).not.toHaveProperty('DefaultCodeRepository');
    expect(t.aws.state).toMatchObject({ VolumeSizeInGB: 7 });
  });
});

describe('NotebookInstance through reconcile: others', () => {
  it('stopped by the user: updated, and left stopped', async () => {
    const t = harness(notebook({ volumeSizeInGB: 7, defaultCodeRepository: 'https://github.com/aws-controllers-k8s/community' }));
    t.aws.set('Stopped');
    await t.run();
    expect(t.aws.writes()).toEqual(['UpdateNotebookInstance']);
    expect(t.aws.calls.at(-1)!.input).not.toHaveProperty('DisassociateDefaultCodeRepository');
    expect(t.status()).not.toHaveProperty('stoppedByControllerMetadata');
    t.aws.set('Stopped');
    await t.run();
    expect(t.aws.writes()).toEqual(['UpdateNotebookInstance']);
  });

  it('a create-only field changed: Terminal, the notebook is not stopped', async () => {
    const t = harness(notebook({ subnetID: 'subnet-2' }));
    t.aws.state = { ...t.aws.state, SubnetId: 'subnet-1' };
    expect(await t.run()).toMatchObject({ kind: 'terminal', error: { code: 'ImmutableFieldChanged' } });
    expect(t.aws.writes()).toEqual([]);
    expect(((t.status().conditions ?? []) as Condition[]).find((c) => c.type === 'ACK.Terminal')?.message).toBe('spec.subnetID cannot be changed after creation (UpdateNotebookInstance cannot carry it); revert the change or recreate the resource');
  });

  it('delete while InService: Stop, requeue; Delete once Stopped; the finalizer goes when it is gone', async () => {
    const t = harness(notebook({ volumeSizeInGB: 6 }));
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'requeueAfter', ms: 30_000, reason: 'NotebookInstance is stopping.' });
    expect(t.aws.writes()).toEqual(['StopNotebookInstance']);
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter', reason: 'NotebookInstance in Stopping state cannot be modified or deleted.' });
    t.aws.set('Stopped');
    expect(await t.run()).toEqual({ kind: 'requeueAfter', ms: 30_000, reason: 'NotebookInstance is deleting.' });
    expect(t.aws.writes()).toEqual(['StopNotebookInstance', 'DeleteNotebookInstance']);
    expect(t.store.obj!.metadata.finalizers).toEqual([FIN]);
    t.aws.gone = true;
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.store.obj).toBeUndefined();
  });
});
