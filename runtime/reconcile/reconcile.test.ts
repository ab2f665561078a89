import { FakeAwsError } from '../testing/fakes';
import { lifecycleConfig, model } from '../testing/fixtures';
import { FIN, lccObject, setup } from '../testing/harness';

describe('reconcile: create, no-op resync, update, drift', () => {
  it('adds the finalizer before the first AWS write, then creates and records the ARN at once', async () => {
    const t = setup(lccObject());
    const order: string[] = [];
    const call = t.aws.call.bind(t.aws);
    t.aws.call = async (op, name, input) => {
      if (op === 'CREATE') order.push(`create(finalizer=${t.store.obj!.metadata.finalizers?.includes(FIN)})`);
      return call(op, name, input);
    };
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(order).toEqual(['create(finalizer=true)']);
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
    expect(t.aws.calls[1]!.input).toEqual({ NotebookInstanceLifecycleConfigName: 'cfg', OnCreate: [{ Content: 'ZWNobyBoaQ==' }] });
    expect(t.store.obj!.status!.ackResourceMetadata).toEqual({
      arn: 'arn:aws:sagemaker:us-west-2:111122223333:thing/cfg',
      ownerAccountID: '111122223333',
      region: 'us-west-2',
      partition: 'aws',
    });
    expect(t.store.obj!.status!.creationTime).toBe('2026-01-01T00:00:00Z');
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True' });
    expect(t.condition('Ready')).toMatchObject({ status: 'True' });
    expect(t.events.reasons()).toEqual(['Created']);
  });

  it('writes the ARN to status before reading back, so a crash after Create cannot create twice', async () => {
    const t = setup(lccObject());
    t.aws.fail('DescribeNotebookInstanceLifecycleConfig', new FakeAwsError('ValidationException', "Unable to describe Notebook Instance Lifecycle Config 'cfg'."));
    t.aws.fail('DescribeNotebookInstanceLifecycleConfig', Object.assign(new FakeAwsError('InternalFailure', 'try later'), { $fault: 'server', $metadata: { httpStatusCode: 500 } }));
    const out = await t.run();
    expect(out).toMatchObject({ kind: 'requeueAfter' });
    expect(t.store.obj!.status!.ackResourceMetadata).toMatchObject({ arn: expect.stringContaining('cfg') });
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
  });

  it('a resync with no drift makes no AWS write and no Kubernetes write', async () => {
    const t = setup(lccObject());
    await t.run();
    const k8sWrites = t.store.writes.length;
    const awsCalls = t.aws.calls.length;
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.store.writes.length).toBe(k8sWrites);
    expect(t.aws.calls.slice(awsCalls).map((c) => c.opType)).toEqual(['READ_ONE']);
  });

  it('updates only when the spec differs, and emits Updated', async () => {
    const t = setup(lccObject());
    await t.run();
    t.store.obj = { ...t.store.obj!, spec: { ...t.store.obj!.spec, onStart: [{ content: 'c3RhcnQ=' }] } };
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig', 'UpdateNotebookInstanceLifecycleConfig']);
    expect(t.aws.items.get('cfg')!.OnStart).toEqual([{ Content: 'c3RhcnQ=' }]);
    expect(t.events.reasons()).toEqual(['Created', 'Updated']);
    expect(t.events.events[1]!.message).toContain('spec.onStart');
  });

  it('corrects drift made in AWS at the next resync', async () => {
    const t = setup(lccObject());
    await t.run();
    t.aws.items.set('cfg', { ...t.aws.items.get('cfg')!, OnCreate: [{ Content: 'ZHJpZnQ=' }] });
    await t.run();
    expect(t.aws.items.get('cfg')!.OnCreate).toEqual([{ Content: 'ZWNobyBoaQ==' }]);
  });

  it('does not treat server-filled members the user left unset as drift', async () => {
    const t = setup(lccObject());
    await t.run();
    t.aws.items.set('cfg', { ...t.aws.items.get('cfg')!, OnStart: [{ Content: 'c2VydmVy' }] });
    await t.run();
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
  });

  it('refreshes a guarded metadata patch on conflict', async () => {
    const t = setup(lccObject());
    t.store.conflicts = 2;
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.store.obj!.metadata.finalizers).toEqual([FIN]);
  });
});

describe('reconcile: errors and conditions', () => {
  it('a terminal AWS code sets ACK.Terminal with code and message, emits one Event, and is not retried', async () => {
    const t = setup(lccObject());
    t.aws.fail('CreateNotebookInstanceLifecycleConfig', new FakeAwsError('InvalidParameterValue', 'OnCreate content too long'));
    const out = await t.run();
    expect(out).toEqual({ kind: 'terminal', error: { code: 'InvalidParameterValue', message: 'InvalidParameterValue: OnCreate content too long' } });
    expect(t.condition('ACK.Terminal')).toMatchObject({ status: 'True', reason: 'InvalidParameterValue', message: 'InvalidParameterValue: OnCreate content too long' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False' });
    expect(t.condition('Ready')).toMatchObject({ status: 'False', reason: 'ACK.Terminal' });
    expect(t.events.reasons()).toEqual(['Terminal']);
  });

  it('a write AWS rejects as invalid is terminal even without a terminal code; an invalid read is retried', async () => {
    const t = setup(lccObject(), { descriptor: { ...lifecycleConfig, terminalCodes: [] } });
    t.aws.fail('CreateNotebookInstanceLifecycleConfig', new FakeAwsError('ValidationException', '1 validation error detected'));
    expect(await t.run()).toMatchObject({ kind: 'terminal', error: { code: 'ValidationException' } });
    expect(t.condition('ACK.Terminal')).toMatchObject({ status: 'True', message: 'ValidationException: 1 validation error detected' });

    const r = setup(lccObject(), { descriptor: { ...lifecycleConfig, terminalCodes: [] } });
    r.aws.fail('DescribeNotebookInstanceLifecycleConfig', new FakeAwsError('ValidationException', 'Something odd'));
    expect(await r.run()).toMatchObject({ kind: 'recoverable', error: { code: 'ValidationException' } });
  });

  it('throttling is recoverable (never terminal), flagged for jittered backoff', async () => {
    const t = setup(lccObject(), { descriptor: { ...lifecycleConfig, terminalCodes: ['ThrottlingException'] } });
    t.aws.fail('DescribeNotebookInstanceLifecycleConfig', new FakeAwsError('ThrottlingException', 'Rate exceeded'));
    expect(await t.run()).toEqual({ kind: 'recoverable', error: { code: 'ThrottlingException', message: 'ThrottlingException: Rate exceeded' }, throttled: true });
    expect(t.condition('ACK.Recoverable')).toMatchObject({ status: 'True', message: 'ThrottlingException: Rate exceeded' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'Unknown' });
    expect(t.condition('ACK.Terminal')).toBeUndefined();
  });

  it('emits an Event on the transition only, not on every retry; clears the condition on success', async () => {
    const t = setup(lccObject());
    const err = () => new FakeAwsError('ServiceUnavailable', 'try later');
    t.aws.fail('CreateNotebookInstanceLifecycleConfig', err(), err());
    await t.run();
    await t.run();
    expect(t.events.reasons()).toEqual(['Recoverable']);
    await t.run();
    expect(t.condition('ACK.Recoverable')).toBeUndefined();
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True' });
  });

  it('a change to an immutable field is terminal and names the field; no update is sent', async () => {
    const t = setup(
      {
        apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
        kind: 'Model',
        metadata: { name: 'm', namespace: 'ns' },
        spec: { modelName: 'm', executionRoleARN: 'arn:aws:iam::1:role/r', primaryContainer: { image: 'img:1' } },
      },
      { descriptor: model },
    );
    await t.run();
    t.store.obj = { ...t.store.obj!, spec: { ...t.store.obj!.spec, primaryContainer: { image: 'img:2' } } };
    const out = await t.run();
    expect(out).toMatchObject({ kind: 'terminal', error: { code: 'ImmutableFieldChanged' } });
    expect(t.condition('ACK.Terminal')!.message).toContain('spec.primaryContainer');
    expect(t.aws.writes()).toEqual(['CreateModel']);
  });

  it('region drift is terminal with a condition (ACK writes none)', async () => {
    const t = setup(lccObject());
    await t.run();
    const t2 = setup(t.store.obj!);
    (t2.env as { target: object }).target = { ...t2.env.target, desiredRegion: 'eu-west-1' };
    expect(await t2.run()).toMatchObject({ kind: 'terminal', error: { code: 'RegionDrift' } });
    expect(t2.condition('ACK.Terminal')!.message).toContain('us-west-2');
  });

  it('an existing AWS resource not managed by ACK is terminal (ResourceAlreadyExists)', async () => {
    const t = setup(lccObject());
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
    expect(await t.run()).toMatchObject({ kind: 'terminal', error: { code: 'ResourceAlreadyExists' } });
    expect(t.aws.writes()).toEqual([]);
  });

  it('Terminal means no AWS call until the spec changes: label and annotation edits call nothing', async () => {
    const t = setup(lccObject());
    t.aws.fail('CreateNotebookInstanceLifecycleConfig', new FakeAwsError('InvalidParameterValue', 'OnCreate content too long'));
    expect(await t.run()).toMatchObject({ kind: 'terminal' });
    expect(t.condition('ACK.Terminal')).toMatchObject({ status: 'True', observedGeneration: 1 });
    const calls = t.aws.calls.length;
    await t.store.patch(t.store.obj!, () => ({ metadata: { labels: { team: 'a' } } }));
    await t.store.patch(t.store.obj!, () => ({ metadata: { annotations: { note: 'x' } } }));
    const writes = t.store.writes.length;
    expect(await t.run()).toEqual({ kind: 'terminal', error: { code: 'InvalidParameterValue', message: 'InvalidParameterValue: OnCreate content too long' } });
    expect(await t.run()).toMatchObject({ kind: 'terminal' });
    expect(t.aws.calls.length).toBe(calls);
    expect(t.store.writes.length).toBe(writes);
    expect(t.events.reasons()).toEqual(['Terminal']);

    await t.store.patch(t.store.obj!, () => ({ spec: { onCreate: [{ content: 'c2hvcnQ=' }] } }));
    expect(t.store.obj!.metadata.generation).toBe(2);
    expect(await t.run()).toMatchObject({ kind: 'synced' });
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig', 'CreateNotebookInstanceLifecycleConfig']);
    expect(t.condition('ACK.Terminal')).toBeUndefined();
  });

  it('a Terminal an annotation can fix is reconsidered on the next reconcile (ResourceAlreadyExists, then adoption)', async () => {
    const t = setup(lccObject());
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x' });
    expect(await t.run()).toMatchObject({ kind: 'terminal', error: { code: 'ResourceAlreadyExists' } });
    expect(t.condition('ACK.Terminal')).not.toHaveProperty('observedGeneration');
    await t.store.patch(t.store.obj!, () => ({ metadata: { annotations: { 'services.k8s.aws/adoption-policy': 'adopt', 'services.k8s.aws/adoption-fields': '{"notebookInstanceLifecycleConfigName":"cfg"}' } } }));
    expect(await t.run()).toMatchObject({ kind: 'synced' });
    expect(t.store.obj!.metadata.annotations).toMatchObject({ 'services.k8s.aws/adopted': 'true' });
  });

  it('keeps sensitive spec values out of condition messages', async () => {
    const t = setup(
      { apiVersion: 'x', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm', apiToken: 's3cr3t-token' } },
      { descriptor: model },
    );
    t.aws.fail('CreateModel', new FakeAwsError('InternalFailure', 'bad token s3cr3t-token'));
    await t.run();
    expect(t.condition('ACK.Recoverable')!.message).toBe('InternalFailure: bad token ***');
  });

  it('a kind without an update operation reports UpdateNotSupported', async () => {
    const t = setup(
      { apiVersion: 'x', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm', executionRoleARN: 'a' } },
      { descriptor: { ...model, immutable: [] } },
    );
    await t.run();
    t.store.obj = { ...t.store.obj!, spec: { ...t.store.obj!.spec, executionRoleARN: 'b' } };
    expect(await t.run()).toMatchObject({ kind: 'terminal', error: { code: 'UpdateNotSupported' } });
  });
});

describe('reconcile: late initialization and tags', () => {
  it('copies server defaults into the spec and sets ACK.LateInitialized', async () => {
    const t = setup({ apiVersion: 'x', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm' } }, { descriptor: model });
    const call = t.aws.call.bind(t.aws);
    t.aws.call = async (op, name, input) => {
      const out = await call(op, name, input);
      return op === 'READ_ONE' ? { ...out, EnableNetworkIsolation: false } : out;
    };
    await t.run();
    expect(t.store.obj!.spec!.enableNetworkIsolation).toBe(false);
    expect(t.condition('ACK.LateInitialized')).toMatchObject({ status: 'True' });
  });

  it('does not wait for a field AWS leaves out once the resource is settled', async () => {
    const t = setup({ apiVersion: 'x', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm' } }, { descriptor: model });
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.store.obj!.spec!.enableNetworkIsolation).toBeUndefined();
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True' });
    expect(t.condition('ACK.LateInitialized')).toMatchObject({ status: 'True', message: expect.stringContaining('enableNetworkIsolation') });
  });

  it('waits for server defaults while the resource is still settling', async () => {
    const t = setup(
      { apiVersion: 'x', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm' } },
      { descriptor: model, hooks: { isSynced: () => ({ synced: false, message: 'Model is in Creating status.' }) } },
    );
    expect(await t.run()).toMatchObject({ kind: 'requeueAfter', ms: 5000 });
    expect(t.condition('ACK.LateInitialized')).toMatchObject({ status: 'False' });
  });

  it('adds default tags on create and ignores them (and aws:*) in the delta', async () => {
    const t = setup({ apiVersion: 'x', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm', tags: [{ key: 'team', value: 'a' }] } }, { descriptor: { ...model, immutable: [], lateInitialize: [] } });
    (t.env as { defaultTags?: Record<string, string> }).defaultTags = { 'services.k8s.aws/namespace': 'ns' };
    const call = t.aws.call.bind(t.aws);
    t.aws.call = async (op, name, input) => {
      const out = await call(op, name, input);
      return op === 'READ_ONE' ? { ...out, Tags: [...(out.Tags as object[]), { Key: 'aws:cloudformation:x', Value: 'y' }] } : out;
    };
    await t.run();
    expect(t.aws.calls.find((c) => c.opType === 'CREATE')!.input.Tags).toEqual([
      { Key: 'team', Value: 'a' },
      { Key: 'services.k8s.aws/namespace', Value: 'ns' },
    ]);
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.writes()).toEqual(['CreateModel']);
  });
});

describe('reconcile: deletion', () => {
  it('deletes in AWS, then removes the finalizer (policy delete)', async () => {
    const t = setup(lccObject());
    await t.run();
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.aws.items.has('cfg')).toBe(false);
    expect(t.store.obj).toBeUndefined();
    expect(t.events.reasons()).toEqual(['Created', 'Deleted']);
  });

  it('keeps the AWS resource under retain', async () => {
    const t = setup(lccObject(), { policy: 'retain' });
    await t.run();
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.aws.items.has('cfg')).toBe(true);
    expect(t.store.obj).toBeUndefined();
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
  });

  it('a refused delete keeps the finalizer, sets a condition with AWS reason, emits an Event, retries', async () => {
    const t = setup(lccObject());
    await t.run();
    t.store.markDeleted();
    t.aws.fail('DeleteNotebookInstanceLifecycleConfig', new FakeAwsError('ResourceInUse', 'used by notebook nb-1'));
    expect(await t.run()).toMatchObject({ kind: 'recoverable', error: { code: 'ResourceInUse' } });
    expect(t.store.obj!.metadata.finalizers).toEqual([FIN]);
    expect(t.condition('ACK.Recoverable')!.message).toContain('ResourceInUse: used by notebook nb-1');
    expect(t.events.events.at(-1)).toMatchObject({ type: 'Warning', reason: 'DeleteFailed' });
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.store.obj).toBeUndefined();
  });

  it('removes the finalizer when the AWS resource is already gone', async () => {
    const t = setup(lccObject());
    await t.run();
    t.aws.items.clear();
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'done' });
    expect(t.store.obj).toBeUndefined();
    expect(t.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);
  });

  it('a beforeDelete hook can postpone the delete (stop-then-wait)', async () => {
    const t = setup(lccObject(), { hooks: { beforeDelete: () => ({ requeueAfterMs: 30_000, reason: 'stopping' }) } });
    await t.run();
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'requeueAfter', ms: 30_000, reason: 'stopping' });
    expect(t.aws.items.has('cfg')).toBe(true);
  });
});

describe('reconcile: read-only and adoption', () => {
  it('read-only never creates, never adds a finalizer', async () => {
    const t = setup(lccObject({}, { 'services.k8s.aws/read-only': 'true' }));
    expect(await t.run()).toMatchObject({ kind: 'recoverable', error: { code: 'ReadOnlyResourceNotFound' } });
    expect(t.aws.writes()).toEqual([]);
    expect(t.store.obj!.metadata.finalizers).toBeUndefined();
  });

  it('read-only observes an existing resource and never updates it', async () => {
    const t = setup(lccObject({}, { 'services.k8s.aws/read-only': 'true' }));
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x', OnCreate: [{ Content: 'b3RoZXI=' }] });
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.writes()).toEqual([]);
    expect(t.store.obj!.status!.ackResourceMetadata).toMatchObject({ arn: 'arn:x' });
  });

  it('adopt: takes AWS state into the spec, marks managed and adopted, never creates', async () => {
    const t = setup(
      lccObject({ notebookInstanceLifecycleConfigName: undefined, onCreate: undefined }, {
        'services.k8s.aws/adoption-policy': 'adopt',
        'services.k8s.aws/adoption-fields': '{"notebookInstanceLifecycleConfigName":"cfg"}',
      }),
    );
    t.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x', OnCreate: [{ Content: 'YWRvcHQ=' }] });
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.store.obj!.metadata.finalizers).toEqual([FIN]);
    expect(t.store.obj!.metadata.annotations!['services.k8s.aws/adopted']).toBe('true');
    expect(t.store.obj!.spec!.onCreate).toEqual([{ content: 'YWRvcHQ=' }]);
    expect(t.aws.writes()).toEqual([]);
  });

  it('adopt: not found is recoverable and creates nothing', async () => {
    const t = setup(lccObject({}, { 'services.k8s.aws/adoption-policy': 'adopt', 'services.k8s.aws/adoption-fields': '{"notebookInstanceLifecycleConfigName":"cfg"}' }));
    expect(await t.run()).toMatchObject({ kind: 'recoverable', error: { code: 'AdoptedResourceNotFound' } });
    expect(t.aws.writes()).toEqual([]);
  });

  it('adopt-or-create: creates when missing, adopts and then updates when present', async () => {
    const a = setup(lccObject({}, { 'services.k8s.aws/adoption-policy': 'adopt-or-create' }));
    expect(await a.run()).toEqual({ kind: 'synced' });
    expect(a.aws.writes()).toEqual(['CreateNotebookInstanceLifecycleConfig']);

    const b = setup(lccObject({}, { 'services.k8s.aws/adoption-policy': 'adopt-or-create' }));
    b.aws.items.set('cfg', { NotebookInstanceLifecycleConfigName: 'cfg', NotebookInstanceLifecycleConfigArn: 'arn:x', OnCreate: [{ Content: 'b2xk' }] });
    expect(await b.run()).toMatchObject({ kind: 'requeueAfter', ms: 0 });
    expect(b.store.obj!.spec!.onCreate).toEqual([{ content: 'ZWNobyBoaQ==' }]);
    expect(await b.run()).toEqual({ kind: 'synced' });
    expect(b.aws.writes()).toEqual(['UpdateNotebookInstanceLifecycleConfig']);
  });

  it('an invalid adoption policy is terminal', async () => {
    const t = setup(lccObject({}, { 'services.k8s.aws/adoption-policy': 'steal' }));
    expect(await t.run()).toMatchObject({ kind: 'terminal', error: { code: 'InvalidAdoptionPolicy' } });
  });
});
