import type { ReferenceBinding, ResourceDescriptor } from '../descriptor';
import type { KubeObject } from '../k8s/types';
import { model } from '../testing/fixtures';
import { setup } from '../testing/harness';
import type { ObjectReader } from './ports';
import { applyResolved, holdersOf, referencesInSpec, resolveReferences, routeText, withoutResolved } from './references';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/exec';
const roleRef: ReferenceBinding = {
  field: 'executionRoleRef',
  target: 'executionRoleARN',
  group: 'iam.services.k8s.aws',
  version: 'v1alpha1',
  kind: 'Role',
  plural: 'roles',
  path: 'status.ackResourceMetadata.arn',
};
// executionRoleARN late-initialized too, as ScalableTarget's roleARN is: a resolved value must still not be stored.
const withRef: ResourceDescriptor = { ...model, lateInitialize: ['enableNetworkIsolation', 'executionRoleARN'], references: [roleRef] };

function role(name: string, namespace: string, conditions: { type: string; status: string }[], arn = ROLE_ARN): KubeObject {
  return {
    apiVersion: 'iam.services.k8s.aws/v1alpha1',
    kind: 'Role',
    metadata: { name, namespace },
    spec: { name },
    status: { ...(arn ? { ackResourceMetadata: { arn, ownerAccountID: '111122223333', region: 'us-west-2' } } : {}), conditions },
  };
}
const SYNCED = [{ type: 'ACK.ResourceSynced', status: 'True' }];

class FakeReader implements ObjectReader {
  readonly objects = new Map<string, KubeObject>();
  readonly reads: string[] = [];
  put(o: KubeObject): void {
    this.objects.set(`${o.metadata.namespace}/${o.metadata.name}`, o);
  }
  async get(ref: { group: string; plural: string }, namespace: string, name: string): Promise<KubeObject | undefined> {
    this.reads.push(`${ref.plural}.${ref.group} ${namespace}/${name}`);
    return this.objects.get(`${namespace}/${name}`);
  }
}

function modelWithRef(ref: unknown, extra: Record<string, unknown> = {}, annotations: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'sagemaker.services.k8s.aws/v1alpha1', kind: 'Model', metadata: { name: 'm', namespace: 'ns', annotations }, spec: { modelName: 'm', executionRoleRef: ref, ...extra } };
}

function harness(obj: KubeObject, opts: { enableCrossNamespace?: boolean } = {}) {
  const t = setup(obj, { descriptor: withRef });
  const reader = new FakeReader();
  Object.assign(t.env, { objects: reader, ...(opts.enableCrossNamespace === undefined ? {} : { enableCrossNamespace: opts.enableCrossNamespace }) });
  return { ...t, reader };
}

describe('reconcile: references', () => {
  it('resolves roleRef from a synced Role into the AWS input only; ReferencesResolved True; the stored spec never gets the ARN', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec' } }));
    t.reader.put(role('exec', 'ns', SYNCED));
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.reader.reads).toEqual(['roles.iam.services.k8s.aws ns/exec']);
    expect(t.aws.calls.find((c) => c.operation === 'CreateModel')!.input).toMatchObject({ ExecutionRoleArn: ROLE_ARN });
    expect(t.condition('ACK.ReferencesResolved')).toEqual({ type: 'ACK.ReferencesResolved', status: 'True', lastTransitionTime: '2026-02-01T00:00:00Z' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True' });
    expect(t.store.obj!.spec).not.toHaveProperty('executionRoleARN');
    expect(t.store.obj!.spec!.executionRoleRef).toEqual({ from: { name: 'exec' } });
    // A resync: same resolution, nothing drifted, nothing written.
    const writes = t.store.writes.length;
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.writes()).toEqual(['CreateModel']);
    expect(t.store.writes.length).toBe(writes);
  });

  it('delete resolves references too (a value they fill may key the calls), and deletes even when one cannot be resolved', async () => {
    for (const withRole of [true, false]) {
      const o = modelWithRef({ from: { name: 'exec' } });
      const t = harness({ ...o, metadata: { ...o.metadata, finalizers: ['finalizers.sagemaker.services.k8s.aws/Model'], deletionTimestamp: '2026-01-03T00:00:00Z' } });
      if (withRole) t.reader.put(role('exec', 'ns', SYNCED));
      t.aws.items.set('m', { ModelName: 'm', ModelArn: 'arn:aws:sagemaker:us-west-2:111122223333:model/m', ExecutionRoleArn: ROLE_ARN });
      expect(await t.run()).toEqual({ kind: 'done' });
      expect(t.reader.reads).toEqual(['roles.iam.services.k8s.aws ns/exec']);
      expect(t.aws.writes()).toEqual(['DeleteModel']);
    }
  });

  it('a missing Role: ReferencesResolved Unknown with the reason, no AWS call, no finalizer, retried with backoff', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec' } }));
    const awaited: unknown[] = [];
    Object.assign(t.env, { awaitReferenced: (a: unknown) => awaited.push(a) });
    const out = await t.run();
    // Ours, beside ACK's: which field, which kind and object, where, and why.
    expect(t.condition('ACK.ResourceSynced')!.message).toBe(
      'Resource not synced: spec.executionRoleRef names Role "exec" (roles.iam.services.k8s.aws) in namespace "ns", which does not exist',
    );
    expect(t.events.events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'ReferenceNotResolved', message: expect.stringContaining('Role "exec"') }));
    // The controller is told what to watch so the resource is woken when the Role appears.
    expect(awaited).toEqual([{ group: 'iam.services.k8s.aws', version: 'v1alpha1', plural: 'roles', namespace: 'ns', name: 'exec' }]);
    expect(out).toMatchObject({ kind: 'recoverable', error: { code: 'ReferencesNotResolved' }, throttled: false });
    expect(t.condition('ACK.ReferencesResolved')).toMatchObject({ status: 'Unknown', message: 'Reference resolution failed', reason: 'roles.iam.services.k8s.aws "exec" not found' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', reason: 'ReferencesNotResolved' });
    expect(t.condition('Ready')).toMatchObject({ status: 'False' });
    expect(t.aws.calls).toEqual([]);
    expect(t.store.obj!.metadata.finalizers ?? []).toEqual([]);
  });

  it('a Role not synced yet: Unknown until it is, then the resource is created with its ARN', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec' } }));
    t.reader.put(role('exec', 'ns', [{ type: 'ACK.ResourceSynced', status: 'False' }]));
    expect(await t.run()).toMatchObject({ kind: 'recoverable' });
    expect(t.condition('ACK.ReferencesResolved')).toMatchObject({ status: 'Unknown', reason: expect.stringContaining('the referenced resource is not synced yet. resource:Role, namespace:ns, name:exec') });
    expect(t.condition('ACK.ResourceSynced')!.message).toBe('Resource not synced: spec.executionRoleRef names Role "exec" (roles.iam.services.k8s.aws) in namespace "ns", it is not synced yet');
    expect(t.aws.calls).toEqual([]);
    t.reader.put(role('exec', 'ns', SYNCED));
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.condition('ACK.ReferencesResolved')).toMatchObject({ status: 'True' });
    expect(t.aws.items.get('m')).toMatchObject({ ExecutionRoleArn: ROLE_ARN });
  });

  it('a terminal Role: ReferencesResolved False', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec' } }));
    t.reader.put(role('exec', 'ns', [...SYNCED, { type: 'ACK.Terminal', status: 'True' }]));
    expect(await t.run()).toMatchObject({ kind: 'recoverable' });
    expect(t.condition('ACK.ReferencesResolved')).toMatchObject({ status: 'False', reason: expect.stringContaining("has 'ACK.Terminal' condition 'True'") });
    expect(t.aws.calls).toEqual([]);
  });

  it('a synced Role without the target field: Unknown, naming the field', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec' } }));
    t.reader.put(role('exec', 'ns', SYNCED, ''));
    await t.run();
    expect(t.condition('ACK.ReferencesResolved')!.reason).toContain('missing the target field. resource:Role, namespace:ns, name:exec, targetField:status.ackResourceMetadata.arn');
  });

  it('skip_resource_state_validations takes the value from a Role that is not synced', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec' } }));
    Object.assign(t.env, { descriptor: { ...withRef, references: [{ ...roleRef, skipStateValidation: true }] } });
    t.reader.put(role('exec', 'ns', []));
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.items.get('m')).toMatchObject({ ExecutionRoleArn: ROLE_ARN });
  });

  it('a cross-namespace reference is read there when allowed (the default), with the CrossNamespaceOptInRequired advisory', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec', namespace: 'iam' } }));
    t.reader.put(role('exec', 'iam', SYNCED));
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.reader.reads).toEqual(['roles.iam.services.k8s.aws iam/exec']);
    expect(t.condition('ACK.ReferencesResolved')).toMatchObject({ status: 'True' });
    expect(t.condition('ACK.Advisory')).toMatchObject({
      status: 'True',
      reason: 'CrossNamespaceOptInRequired',
      message: 'Cross-namespace resource reference detected: resource in namespace "ns" references "exec" in namespace "iam". Cross-namespace behavior will be disabled by default in a future release. Set --enable-cross-namespace=true to preserve this behavior.',
    });
    expect(t.aws.items.get('m')).toMatchObject({ ExecutionRoleArn: ROLE_ARN });
  });

  it('a cross-namespace reference is refused with --enable-cross-namespace=false: False, nothing read, no AWS call', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec', namespace: 'iam' } }), { enableCrossNamespace: false });
    t.reader.put(role('exec', 'iam', SYNCED));
    expect(await t.run()).toMatchObject({ kind: 'recoverable' });
    expect(t.condition('ACK.ReferencesResolved')).toMatchObject({
      status: 'False',
      reason: 'cross-namespace resource reference is not allowed. Set --enable-cross-namespace=true to allow it. sourceNamespace:ns,targetNamespace:iam,name:exec',
    });
    expect(t.condition('ACK.Advisory')).toBeUndefined();
    expect(t.reader.reads).toEqual([]);
    expect(t.aws.calls).toEqual([]);
  });

  it('a reference in the same namespace named explicitly is not cross-namespace', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec', namespace: 'ns' } }), { enableCrossNamespace: false });
    t.reader.put(role('exec', 'ns', SYNCED));
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.condition('ACK.Advisory')).toBeUndefined();
  });

  it('both the field and its reference set, or a reference without a name: Unknown with ACK\'s message', async () => {
    const both = harness(modelWithRef({ from: { name: 'exec' } }, { executionRoleARN: 'arn:x' }));
    await both.run();
    expect(both.condition('ACK.ReferencesResolved')!.reason).toBe('both resource reference wrapper and ID cannot be used together: executionRoleARN,executionRoleRef');
    const empty = harness(modelWithRef({ from: {} }));
    await empty.run();
    expect(empty.condition('ACK.ReferencesResolved')!.reason).toBe('provided resource reference is nil or empty: executionRoleRef');
    expect([...both.aws.calls, ...empty.aws.calls]).toEqual([]);
  });

  it('no reference set: no condition and no read', async () => {
    const t = harness({ ...modelWithRef(undefined, { executionRoleARN: ROLE_ARN }) });
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.condition('ACK.ReferencesResolved')).toBeUndefined();
    expect(t.reader.reads).toEqual([]);
  });

  it('a read-only resource proceeds with an unresolved reference, as in ACK', async () => {
    const t = harness(modelWithRef({ from: { name: 'exec' } }, {}, { 'services.k8s.aws/read-only': 'true' }));
    t.aws.items.set('m', { ModelName: 'm', ModelArn: 'arn:aws:sagemaker:us-west-2:111122223333:model/m' });
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.condition('ACK.ReferencesResolved')).toMatchObject({ status: 'Unknown' });
    expect(t.aws.writes()).toEqual([]);
  });
});

describe('references, pure parts', () => {
  const subnets: ReferenceBinding = { ...roleRef, field: 'subnetRefs', target: 'subnetIDs', many: true, group: 'ec2.services.k8s.aws', kind: 'Subnet', plural: 'subnets', path: 'status.subnetID' };

  it('resolves a list of references into a list, in order', async () => {
    const reader = new FakeReader();
    for (const n of ['a', 'b']) reader.put({ ...role(n, 'ns', SYNCED), status: { subnetID: `subnet-${n}`, conditions: SYNCED } });
    const r = await resolveReferences({ subnetRefs: [{ from: { name: 'b' } }, { from: { name: 'a' } }] }, 'ns', [subnets], reader, true);
    expect(r).toEqual({ kind: 'resolved', fills: [{ route: [], target: 'subnetIDs', value: ['subnet-b', 'subnet-a'] }], advisories: [] });
  });

  it('treats an empty list of references as none', () => {
    expect(referencesInSpec({ subnetRefs: [] }, [subnets])).toEqual([]);
  });

  it('never lets a resolved value into a spec written back (ACK ClearResolvedReferences)', () => {
    expect(withoutResolved({ modelName: 'm', executionRoleRef: { from: { name: 'x' } }, executionRoleARN: ROLE_ARN }, [roleRef])).toEqual({ modelName: 'm', executionRoleRef: { from: { name: 'x' } } });
    expect(withoutResolved({ executionRoleARN: ROLE_ARN }, [roleRef])).toEqual({ executionRoleARN: ROLE_ARN });
  });

  it('an API error reading the referenced object is Unknown with its message', async () => {
    const reader: ObjectReader = { get: async () => Promise.reject(new Error('roles.iam.services.k8s.aws is forbidden')) };
    expect(await resolveReferences({ executionRoleRef: { from: { name: 'x' } } }, 'ns', [roleRef], reader, true)).toMatchObject({ kind: 'failed', status: 'Unknown', message: 'roles.iam.services.k8s.aws is forbidden' });
  });
});

describe('nested references (a reference inside a structure, or in every item of a list of structures)', () => {
  const bucketRef: ReferenceBinding = { ...roleRef, field: 'modelDataRef', target: 'modelDataURL', at: ['primaryContainer'], group: 's3.services.k8s.aws', kind: 'Bucket', plural: 'buckets', path: 'status.location' };
  const bucket = (name: string, location: string): KubeObject => ({ ...role(name, 'ns', SYNCED), kind: 'Bucket', status: { location, conditions: SYNCED } });

  it('resolves primaryContainer.modelDataRef into the CreateModel input; the stored spec keeps only the reference', async () => {
    const t = harness(modelWithRef(undefined, { executionRoleARN: ROLE_ARN, primaryContainer: { image: 'img', modelDataRef: { from: { name: 'data' } } } }));
    Object.assign(t.env, { descriptor: { ...withRef, lateInitialize: ['primaryContainer'], references: [roleRef, bucketRef] } });
    t.reader.put(bucket('data', 's3://data/model.tar.gz'));
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.calls.find((c) => c.operation === 'CreateModel')!.input).toMatchObject({ PrimaryContainer: { Image: 'img', ModelDataUrl: 's3://data/model.tar.gz' } });
    expect(t.condition('ACK.ReferencesResolved')).toMatchObject({ status: 'True' });
    expect(t.store.obj!.spec!.primaryContainer).toEqual({ image: 'img', modelDataRef: { from: { name: 'data' } } });
    // A resync sees no drift: the resolved value matches what AWS holds.
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.writes()).toEqual(['CreateModel']);
  });

  it('names the nested field in ACK\'s messages and ours', async () => {
    const t = harness(modelWithRef(undefined, { primaryContainer: { modelDataURL: 's3://x', modelDataRef: { from: { name: 'data' } } } }));
    Object.assign(t.env, { descriptor: { ...withRef, references: [bucketRef] } });
    await t.run();
    expect(t.condition('ACK.ReferencesResolved')!.reason).toBe('both resource reference wrapper and ID cannot be used together: primaryContainer.modelDataURL,primaryContainer.modelDataRef');
    const missing = harness(modelWithRef(undefined, { primaryContainer: { modelDataRef: { from: { name: 'data' } } } }));
    Object.assign(missing.env, { descriptor: { ...withRef, references: [bucketRef] } });
    await missing.run();
    expect(missing.condition('ACK.ResourceSynced')!.message).toContain('spec.primaryContainer.modelDataRef names Bucket "data" (buckets.s3.services.k8s.aws) in namespace "ns", which does not exist');
    expect(missing.aws.calls).toEqual([]);
  });

  // A list of structures, each with its own reference, and a list of references in each: ELBv2's
  // DefaultActions[].TargetGroupArn and Lambda's VpcConfig.SubnetIds shapes, through one walk.
  const targetGroup: ReferenceBinding = { ...roleRef, field: 'targetGroupRef', target: 'targetGroupARN', at: ['actions'], kind: 'TargetGroup', plural: 'targetgroups', group: 'elbv2.services.k8s.aws' };
  const subnets: ReferenceBinding = { ...roleRef, field: 'subnetRefs', target: 'subnetIDs', many: true, at: ['vpcConfig'], kind: 'Subnet', plural: 'subnets', group: 'ec2.services.k8s.aws', path: 'status.subnetID' };
  const synced = (name: string, status: Record<string, unknown>, namespace = 'ns'): KubeObject => ({ ...role(name, namespace, SYNCED), status: { ...status, conditions: SYNCED } });

  it('finds every holder through lists, with its route', () => {
    const spec = { actions: [{ targetGroupRef: { from: { name: 'a' } } }, { type: 'fixed' }, 'junk'], vpcConfig: { subnetRefs: [] } };
    expect(holdersOf(spec, ['actions']).map((h) => h.route)).toEqual([['actions', 0], ['actions', 1]]);
    expect(holdersOf(spec, ['vpcConfig']).map((h) => h.route)).toEqual([['vpcConfig']]);
    expect(holdersOf(spec, ['missing'])).toEqual([]);
    expect(routeText(['actions', 1], 'targetGroupRef')).toBe('actions[1].targetGroupRef');
  });

  it('resolves a reference in each list item and a list of references in a structure, each into its own place', async () => {
    const reader = new FakeReader();
    reader.put(synced('tg-a', { ackResourceMetadata: { arn: 'arn:tg/a' } }));
    reader.put(synced('tg-b', { ackResourceMetadata: { arn: 'arn:tg/b' } }));
    reader.put(synced('s1', { subnetID: 'subnet-1' }));
    reader.put(synced('s2', { subnetID: 'subnet-2' }, 'net'));
    const spec = {
      actions: [{ type: 'forward', targetGroupRef: { from: { name: 'tg-b' } } }, { type: 'fixed' }, { type: 'forward', targetGroupRef: { from: { name: 'tg-a' } } }],
      vpcConfig: { securityGroupIDs: ['sg-1'], subnetRefs: [{ from: { name: 's1' } }, { from: { name: 's2', namespace: 'net' } }] },
    };
    const r = await resolveReferences(spec, 'ns', [targetGroup, subnets], reader, true);
    expect(r.kind).toBe('resolved');
    if (r.kind !== 'resolved') return;
    expect(r.advisories.map((a) => a.reason)).toEqual(['CrossNamespaceOptInRequired']);
    const aws = applyResolved(spec, r.fills);
    expect(aws).toEqual({
      actions: [
        { type: 'forward', targetGroupRef: { from: { name: 'tg-b' } }, targetGroupARN: 'arn:tg/b' },
        { type: 'fixed' },
        { type: 'forward', targetGroupRef: { from: { name: 'tg-a' } }, targetGroupARN: 'arn:tg/a' },
      ],
      vpcConfig: { securityGroupIDs: ['sg-1'], subnetRefs: [{ from: { name: 's1' } }, { from: { name: 's2', namespace: 'net' } }], subnetIDs: ['subnet-1', 'subnet-2'] },
    });
    // The user's spec is never mutated, and a spec written back loses every resolved value.
    expect(spec.actions[0]).not.toHaveProperty('targetGroupARN');
    expect(withoutResolved(aws, [targetGroup, subnets])).toEqual(spec);
  });

  it('a cross-namespace nested reference is refused with the flag off: False', async () => {
    const reader = new FakeReader();
    const r = await resolveReferences({ vpcConfig: { subnetRefs: [{ from: { name: 's2', namespace: 'net' } }] } }, 'ns', [subnets], reader, false);
    expect(r).toMatchObject({ kind: 'failed', status: 'False', detail: expect.stringContaining('spec.vpcConfig.subnetRefs names Subnet "s2"') });
    expect(reader.reads).toEqual([]);
  });

  it('an item without a name fails naming the item', () => {
    expect(() => referencesInSpec({ actions: [{}, { targetGroupRef: { from: {} } }] }, [targetGroup])).toThrow('provided resource reference is nil or empty: actions[1].targetGroupRef');
  });
});
