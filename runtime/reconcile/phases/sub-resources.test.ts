import type { ResourceDescriptor, ServiceDescriptor } from '../../descriptor';
import { observeOutput } from '../../convert/operations';
import { sagemakerFixture } from '../../testing/fixtures';
import { FIN, setup } from '../../testing/harness';
import { APPLIED_SPEC_ANNOTATION, appliedSpec, formatAppliedSpec, keepRecorded, parseAppliedSpec } from '../applied-spec';
import { syncSubResources } from './sub-resources';
import { update } from './update';

// A Lambda-like kind on the fake AWS (keyed by NotebookInstanceLifecycleConfigName): `code` is put by
// its own operation with its members spread (`.`) and read by nothing; `invoke` is a whole input put
// with its members spread and read back by GetInvoke; updates wait for LastUpdateStatus.
const NAME = 'NotebookInstanceLifecycleConfigName';
const shapes = {
  ...sagemakerFixture.shapes,
  'Thing.Spec': [
    { sdk: NAME, json: 'name', type: 'string' as const },
    { sdk: 'Description', json: 'description', type: 'string' as const },
    { sdk: 'Code', json: 'code', type: { struct: 'Code' } },
    { sdk: 'Invoke', json: 'invoke', type: { struct: 'PutInvokeRequest' } },
  ],
  'Thing.Status': [{ sdk: 'LastUpdateStatus', json: 'lastUpdateStatus', type: 'string' as const }],
  Code: [{ sdk: 'ZipFile', json: 'zipFile', type: 'string' as const }],
  PutInvokeRequest: [
    { sdk: NAME, json: 'functionName', type: 'string' as const },
    { sdk: 'Retries', json: 'retries', type: 'integer' as const },
  ],
  PutCodeRequest: [{ sdk: NAME, json: 'name', type: 'string' as const }, { sdk: 'ZipFile', json: 'zipFile', type: 'string' as const }],
  GetInvokeRequest: [{ sdk: NAME, json: 'name', type: 'string' as const }],
  UpdateThingRequest: [{ sdk: NAME, json: 'name', type: 'string' as const }, { sdk: 'Description', json: 'description', type: 'string' as const }],
  GetThingResponse: [
    { sdk: 'Configuration', json: 'configuration', type: { struct: 'Thing.Spec' } },
    { sdk: 'Tags', json: 'tags', type: { map: 'string' as const } },
  ],
};
const thing: ResourceDescriptor = {
  kind: 'Thing',
  plural: 'things',
  specShape: 'Thing.Spec',
  statusShape: 'Thing.Status',
  primaryKey: ['spec.name'],
  arnMember: 'NotebookInstanceLifecycleConfigArn',
  operations: {
    create: { name: 'CreateThing' },
    readOne: { name: 'GetThing' },
    update: { name: 'UpdateThing', input: 'UpdateThingRequest' },
  },
  notFound: [{ code: 'ResourceNotFoundException' }],
  terminalCodes: [],
  immutable: ['name'],
  lateInitialize: [],
  compareIgnored: [],
  readIgnored: ['code'],
  updateable: { when: [{ path: 'status.lastUpdateStatus', in: ['Successful', 'Failed'] }], requeueAfterSeconds: 5 },
  subResources: [
    { field: 'code', put: { name: 'PutCode', input: 'PutCodeRequest', member: '.' }, notFound: [] },
    {
      field: 'invoke',
      put: { name: 'PutInvoke', input: 'PutInvokeRequest', member: '.' },
      read: { name: 'GetInvoke', input: 'GetInvokeRequest' },
      notFound: [{ code: 'ResourceNotFoundException' }],
    },
  ],
};
const service: ServiceDescriptor = { ...sagemakerFixture, shapes, resources: [thing] };

const applied = (spec: Record<string, unknown>) => formatAppliedSpec(appliedSpec(spec));
function thingSetup(spec: Record<string, unknown>, appliedFrom: Record<string, unknown> = spec) {
  const obj = { apiVersion: 'v', kind: 'Thing', metadata: { name: 't', namespace: 'ns', finalizers: [FIN], annotations: { [APPLIED_SPEC_ANNOTATION]: applied(appliedFrom) } }, spec, status: {} };
  const t = setup(obj, { descriptor: thing });
  (t.env as { service: ServiceDescriptor }).service = service;
  t.aws.items.set('fn', { [NAME]: 'fn', Retries: 2, LastUpdateStatus: 'Successful' });
  return t;
}
const base = { name: 'fn', code: { zipFile: 'djE=' }, invoke: { retries: 2 } };
const latest = (status: Record<string, unknown> = { lastUpdateStatus: 'Successful' }) => ({ spec: { name: 'fn' }, status });

describe('sub-resources: whole inputs, parts no read reports, the update guard', () => {
  it('unchanged since applied: the unread part costs no call, the read part one read', async () => {
    const t = thingSetup(base);
    const r = await syncSubResources(t.state(), base, latest());
    expect(r).toEqual({ kind: 'synced', fields: [] });
    expect(t.aws.calls.map((c) => c.operation)).toEqual(['GetInvoke']);
  });

  it('a changed unread part is put with its members spread beside the identifiers, and recorded as applied', async () => {
    const spec = { ...base, code: { zipFile: 'djI=' } };
    const t = thingSetup(spec, base);
    const r = await syncSubResources(t.state(), spec, latest());
    expect(r).toEqual({ kind: 'synced', fields: ['spec.code'] });
    expect(t.aws.calls.find((c) => c.operation === 'PutCode')?.input).toEqual({ [NAME]: 'fn', ZipFile: 'djI=' });
    expect(parseAppliedSpec(t.store.obj!.metadata.annotations![APPLIED_SPEC_ANNOTATION])).toEqual(appliedSpec(spec));
  });

  it("a whole-input part's identifier members are the resource's: never compared, never taken from the value", async () => {
    const spec = { ...base, invoke: { retries: 2, functionName: 'someone-else' } };
    const t = thingSetup(spec);
    expect(await syncSubResources(t.state(), spec, latest())).toEqual({ kind: 'synced', fields: [] });
    const changed = { ...base, invoke: { retries: 3, functionName: 'someone-else' } };
    const t2 = thingSetup(changed);
    await syncSubResources(t2.state(), changed, latest());
    expect(t2.aws.calls.find((c) => c.operation === 'PutInvoke')?.input).toEqual({ [NAME]: 'fn', Retries: 3 });
  });

  it('while the last update is in progress (updateable), a part to put waits: UpdatePending, requeued, no write', async () => {
    const spec = { ...base, code: { zipFile: 'djI=' } };
    const t = thingSetup(spec, base);
    const r = await syncSubResources(t.state(), spec, latest({ lastUpdateStatus: 'InProgress' }));
    expect(r).toMatchObject({ kind: 'outcome', outcome: { kind: 'requeueAfter', ms: 5_000 } });
    expect(t.aws.writes()).toEqual([]);
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'False', reason: 'UpdatePending' });
  });

  it('the update waits the same way; once it is done, it records every field but the parts it did not write', async () => {
    const spec = { ...base, description: 'new', code: { zipFile: 'djI=' } };
    const waiting = thingSetup(spec, base);
    const r = await update(waiting.state(), spec, { spec: { name: 'fn', description: 'old' }, status: { lastUpdateStatus: 'InProgress' } });
    expect(r).toMatchObject({ kind: 'outcome', outcome: { kind: 'requeueAfter', ms: 5_000 } });
    expect(waiting.aws.writes()).toEqual([]);
    const t = thingSetup(spec, base);
    await update(t.state(), spec, { spec: { name: 'fn', description: 'old' }, status: { lastUpdateStatus: 'Successful' } });
    expect(t.aws.writes()).toEqual(['UpdateThing']);
    const recorded = parseAppliedSpec(t.store.obj!.metadata.annotations![APPLIED_SPEC_ANNOTATION])!;
    expect(recorded['description']).toBe(appliedSpec(spec)['description']);
    expect(recorded['code']).toBe(appliedSpec(base)['code']); // still to be put by PutCode
  });
});

describe('reads: fields not read, members beside the wrapper', () => {
  it('set: ReadOne ignore drops the field; a member beside the output wrapper is read (GetFunction Tags)', () => {
    const d: ResourceDescriptor = { ...thing, tags: { path: 'tags', shape: 'map' } };
    const withTags = { ...shapes, 'Thing.Spec': [...shapes['Thing.Spec'], { sdk: 'Tags', json: 'tags', type: { map: 'string' as const } }] };
    const o = observeOutput({ name: 'GetThing', output: 'GetThingResponse', outputWrapper: 'Configuration' }, d, withTags, {
      Configuration: { [NAME]: 'fn', Code: { ZipFile: 'location' }, Description: 'd' },
      Tags: { team: 'ml' },
    });
    expect(o.spec).toEqual({ name: 'fn', description: 'd', tags: { team: 'ml' } });
  });
});

describe('keepRecorded', () => {
  it('keeps the previous digest of fields not applied, drops ones never recorded', () => {
    expect(keepRecorded({ a: '1', b: '2', c: '3' }, { b: 'old' }, ['b', 'c'])).toEqual({ a: '1', b: 'old' });
    expect(keepRecorded({ a: '1' }, undefined, [])).toEqual({ a: '1' });
  });
});
