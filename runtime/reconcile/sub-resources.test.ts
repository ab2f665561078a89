import type { KubeObject } from '../k8s/types';
import { FakeEvents, FakeStore, silentLog } from '../testing/fakes';
import { FakeS3, S3Error, bucketDescriptor, s3Fixture } from '../testing/fake-s3';
import type { Condition } from './conditions';
import type { ReconcileEnv } from './ports';
import { reconcile } from './reconcile';
import { SUB_RESOURCES_ANNOTATION, keyedPlan, meansUnset, observedPart, partMatches, planParts, recordedParts, unsetFromRead, withDefaultPartTags } from './sub-resources';

const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';

function bucket(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 's3.services.k8s.aws/v1alpha1', kind: 'Bucket', metadata: { name: 'b', namespace: 'ns' }, spec: { name: 'b', ...spec } };
}

function setup(spec: Record<string, unknown>) {
  const aws = new FakeS3();
  const store = new FakeStore(bucket(spec));
  const events = new FakeEvents();
  const env: ReconcileEnv = {
    service: s3Fixture,
    descriptor: bucketDescriptor,
    aws,
    store,
    events,
    log: silentLog,
    target: { region: 'us-west-2', accountId: '111122223333', partition: 'aws' },
    deletionPolicy: 'delete',
    now: () => new Date('2026-02-01T00:00:00Z'),
    sleep: async () => {},
  };
  const run = () => reconcile(store.obj!, env);
  const setSpec = (next: Record<string, unknown>) => {
    store.obj = { ...store.obj!, spec: { name: 'b', ...next } };
  };
  const annotation = () => store.obj!.metadata.annotations?.[SUB_RESOURCES_ANNOTATION];
  const condition = (type: string) => ((store.obj?.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
  return { aws, store, events, run, setSpec, annotation, condition };
}

describe('sub-resources', () => {
  it('puts what the spec sets right after the create, and records which parts it wrote', async () => {
    const t = setup({ versioning: { status: 'Enabled' }, policy: POLICY });
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.since(0)).toEqual(['HeadBucket', 'CreateBucket', 'HeadBucket', 'GetBucketPolicy', 'PutBucketPolicy', 'GetBucketVersioning', 'PutBucketVersioning']);
    expect(t.aws.buckets.get('b')).toEqual({ versioning: { Status: 'Enabled' }, policy: POLICY, metrics: new Map() });
    expect(t.annotation()).toBe('policy,versioning');
    expect(t.condition('ACK.ResourceSynced')?.status).toBe('True');
  });

  it('costs one read of the resource plus one per managed part when nothing changed; unmanaged parts cost nothing', async () => {
    const t = setup({ versioning: { status: 'Enabled' }, policy: POLICY });
    await t.run();
    const before = t.aws.calls.length;
    await t.run();
    expect(t.aws.since(before)).toEqual(['HeadBucket', 'GetBucketPolicy', 'GetBucketVersioning']);
  });

  it('sees drift made out of band and corrects it; a policy AWS rewrote with other spacing is not drift', async () => {
    const t = setup({ versioning: { status: 'Enabled' }, policy: POLICY });
    await t.run();
    const b = t.aws.buckets.get('b')!;
    b.versioning = { Status: 'Suspended' };
    b.policy = JSON.stringify(JSON.parse(POLICY), null, 2);
    const before = t.aws.calls.length;
    await t.run();
    expect(t.aws.since(before)).toEqual(['HeadBucket', 'GetBucketPolicy', 'GetBucketVersioning', 'PutBucketVersioning']);
    expect(b.versioning).toEqual({ Status: 'Enabled' });
    expect(t.events.events.filter((e) => e.reason === 'Updated').pop()?.message).toBe('updated in AWS: spec.versioning');
  });

  it('reads a deleted policy (NoSuchBucketPolicy, HTTP 404) as unset and puts it back', async () => {
    const t = setup({ policy: POLICY });
    await t.run();
    delete t.aws.buckets.get('b')!.policy;
    const before = t.aws.calls.length;
    expect(await t.run()).toEqual({ kind: 'synced' });
    expect(t.aws.since(before)).toEqual(['HeadBucket', 'GetBucketPolicy', 'PutBucketPolicy']);
    expect(t.aws.buckets.get('b')!.policy).toBe(POLICY);
  });

  it('removes a part the spec dropped: Delete where there is one, else the unset value; then forgets it', async () => {
    const t = setup({ versioning: { status: 'Enabled' }, policy: POLICY });
    await t.run();
    t.setSpec({});
    const before = t.aws.calls.length;
    await t.run();
    expect(t.aws.since(before)).toEqual(['HeadBucket', 'DeleteBucketPolicy', 'PutBucketVersioning']);
    expect(t.aws.buckets.get('b')).toEqual({ versioning: { Status: 'Suspended' }, metrics: new Map() });
    expect(t.annotation()).toBeUndefined();
    const idle = t.aws.calls.length;
    await t.run();
    expect(t.aws.since(idle)).toEqual(['HeadBucket']);
  });

  it('writes a keyed list item by item and deletes items the spec does not name', async () => {
    const t = setup({ metrics: [{ id: 'all' }, { id: 'logs', prefix: 'logs/' }] });
    await t.run();
    expect([...t.aws.buckets.get('b')!.metrics.keys()]).toEqual(['all', 'logs']);
    t.aws.buckets.get('b')!.metrics.set('stray', { Id: 'stray' });
    t.setSpec({ metrics: [{ id: 'logs', prefix: 'logs/v2/' }] });
    const before = t.aws.calls.length;
    await t.run();
    expect(t.aws.since(before)).toEqual([
      'HeadBucket',
      'ListBucketMetricsConfigurations',
      'PutBucketMetricsConfiguration',
      'DeleteBucketMetricsConfiguration',
      'DeleteBucketMetricsConfiguration',
    ]);
    expect([...t.aws.buckets.get('b')!.metrics.values()]).toEqual([{ Id: 'logs', Prefix: 'logs/v2/' }]);
  });

  it('a failed put leaves the resource not synced, to be retried', async () => {
    const t = setup({ metrics: [{ id: 'a' }] });
    await t.run();
    t.setSpec({ metrics: [{ id: 'a', prefix: 'x/' }] });
    t.aws.call = jest.fn(async (_t, op: string) => {
      if (op === 'PutBucketMetricsConfiguration') throw new S3Error('MalformedXML', 400);
      return op === 'ListBucketMetricsConfigurations' ? { MetricsConfigurationList: [{ Id: 'a' }] } : {};
    });
    const out = await t.run();
    expect(out.kind).toBe('recoverable');
    expect(t.condition('ACK.ResourceSynced')?.status).toBe('Unknown');
  });

  it('adoption (policy adopt) takes the parts AWS has into the spec; the next resync only reads them', async () => {
    const t = setup({});
    t.aws.buckets.set('b', { versioning: { Status: 'Enabled' }, policy: POLICY, metrics: new Map([['all', { Id: 'all' }]]) });
    t.store.obj = {
      ...t.store.obj!,
      metadata: { ...t.store.obj!.metadata, annotations: { 'services.k8s.aws/adoption-policy': 'adopt', 'services.k8s.aws/adoption-fields': '{"name":"b"}' } },
      spec: {},
    };
    await t.run();
    expect(t.store.obj!.spec).toEqual({ name: 'b', versioning: { status: 'Enabled' }, policy: POLICY, metrics: [{ id: 'all' }] });
    const before = t.aws.calls.length;
    await t.run();
    expect(t.aws.since(before)).toEqual(['HeadBucket', 'ListBucketMetricsConfigurations', 'GetBucketPolicy', 'GetBucketVersioning']);
    expect(t.annotation()).toBe('metrics,policy,versioning');
  });

  it('the resource itself gone (NoSuchBucket) is not an unset part', () => {
    const part = bucketDescriptor.subResources![1]!;
    expect(meansUnset(new S3Error('NoSuchBucketPolicy', 404), part, bucketDescriptor.notFound)).toBe(true);
    expect(meansUnset(new S3Error('NoSuchBucket', 404), part, bucketDescriptor.notFound)).toBe(false);
    expect(meansUnset(new S3Error('AccessDenied', 403), part, bucketDescriptor.notFound)).toBe(false);
    expect(meansUnset(new S3Error('NoSuchThing', 400), { ...part, notFound: [{ code: 'NoSuchThing' }] }, [])).toBe(true);
  });
});

describe('sub-resource plans', () => {
  const parts = bucketDescriptor.subResources!;
  it('reads what the spec sets, removes what it dropped, ignores the rest', () => {
    const plan = planParts(parts, { versioning: { status: 'Enabled' } }, recordedParts('policy,versioning'));
    expect(plan.sync.map((p) => p.field)).toEqual(['versioning']);
    expect(plan.remove.map((p) => p.field)).toEqual(['policy']);
    expect([...plan.recordBefore].sort()).toEqual(['policy', 'versioning']);
    expect([...plan.recordAfter]).toEqual(['versioning']);
    expect(planParts(parts, {}, new Set()).sync).toEqual([]);
  });

  it('takes an empty string as unset: a recorded part is removed, an unrecorded one left alone', () => {
    const policy = planParts(parts, { policy: '' }, recordedParts('policy'));
    expect(policy.sync).toEqual([]);
    expect(policy.remove.map((p) => p.field)).toEqual(['policy']);
    expect(planParts(parts, { policy: '' }, new Set()).remove).toEqual([]);
  });

  it('compares tag-like lists (items with a key) in any order; other lists keep theirs', () => {
    const shapes = {
      Tagging: [{ sdk: 'TagSet', json: 'tagSet', type: { list: { struct: 'Tag' } } }],
      Tag: [{ sdk: 'Key', json: 'key', type: 'string' }, { sdk: 'Value', json: 'value', type: 'string' }],
    } as const;
    const t = { struct: 'Tagging' } as const;
    const a = { tagSet: [{ key: 'b', value: '2' }, { key: 'a', value: '1' }] };
    expect(partMatches(a, { tagSet: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }, t, shapes)).toBe(true);
    expect(partMatches(a, { tagSet: [{ key: 'a', value: '1' }, { key: 'b', value: '3' }] }, t, shapes)).toBe(false);
    expect(partMatches({ l: ['b', 'a'] }, { l: ['a', 'b'] }, { struct: 'L' }, { L: [{ sdk: 'L', json: 'l', type: { list: 'string' } }] })).toBe(false);
  });

  it("adds the controller's default tags to the part holding the kind's tags, never over the spec's own", () => {
    const shapes = {
      Tagging: [{ sdk: 'TagSet', json: 'tagSet', type: { list: { struct: 'Tag' } } }],
      Tag: [{ sdk: 'Key', json: 'key', type: 'string' }, { sdk: 'Value', json: 'value', type: 'string' }],
    } as const;
    const part = { ...parts[2]!, field: 'tagging', tags: { member: 'TagSet', key: 'Key', value: 'Value' } };
    const f = { sdk: 'Tagging', json: 'tagging', type: { struct: 'Tagging' } } as const;
    const defaults = { 'services.k8s.aws/namespace': 'ns', team: 'default' };
    expect(withDefaultPartTags(part, f, { tagSet: [{ key: 'team', value: 'ml' }] }, shapes, defaults)).toEqual({
      tagSet: [{ key: 'team', value: 'ml' }, { key: 'services.k8s.aws/namespace', value: 'ns' }],
    });
    expect(withDefaultPartTags({ ...part, tags: undefined }, f, { tagSet: [] }, shapes, defaults)).toEqual({ tagSet: [] });
    expect(withDefaultPartTags(part, f, { tagSet: [] }, shapes, undefined)).toEqual({ tagSet: [] });
  });

  it('compares keyed items by key, whatever their order', () => {
    const itemType = { struct: 'MetricsConfiguration' } as const;
    const plan = keyedPlan([{ id: 'b' }, { id: 'a', prefix: 'p/' }], [{ id: 'a', prefix: 'p/' }, { id: 'c' }, { id: 'b' }], itemType, 'id', s3Fixture.shapes);
    expect(plan).toEqual({ put: [], delete: ['c'] });
  });
});

describe('observedPart with read.fields (a part the read spells otherwise)', () => {
  const shapes = {
    Ttl: [
      { sdk: 'Enabled', json: 'enabled', type: 'boolean' as const },
      { sdk: 'AttributeName', json: 'attributeName', type: 'string' as const },
    ],
  };
  const put = { name: 'UpdateTimeToLive', member: 'TimeToLiveSpecification' };
  const ttl = {
    field: 'timeToLive',
    put,
    read: {
      name: 'DescribeTimeToLive',
      fields: {
        Enabled: { path: 'TimeToLiveDescription.TimeToLiveStatus', map: { ENABLED: true, DISABLED: false } },
        AttributeName: { path: 'TimeToLiveDescription.AttributeName' },
      },
    },
    notFound: [],
  };
  const f = { sdk: 'TimeToLiveSpecification', json: 'timeToLive', type: { struct: 'Ttl' } };

  it('rebuilds the part from the reported paths, mapping values', () => {
    const out = { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' } };
    expect(observedPart(ttl, f, out, shapes)).toEqual({ enabled: true, attributeName: 'expires' });
  });

  it('a value the map does not list reads as unset (an ENABLING state is not a setting); nothing reported is no part', () => {
    expect(observedPart(ttl, f, { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLING' } }, shapes)).toBeUndefined();
    expect(observedPart(ttl, f, {}, shapes)).toBeUndefined();
  });

  it('unset_from_read: the unset put takes the attribute name the read reports; nothing to put when already unset', () => {
    const p = { ...ttl, unset: { Enabled: false }, unsetFromRead: ['AttributeName'] };
    expect(unsetFromRead(p, { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' } })).toEqual({ Enabled: false, AttributeName: 'expires' });
    expect(unsetFromRead(p, { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } })).toBeUndefined();
    expect(unsetFromRead(p, { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED', AttributeName: 'expires' } })).toBeUndefined();
    expect(unsetFromRead(p, undefined)).toBeUndefined();
  });

  it('"." is the part itself, for a part that is a string', () => {
    const ci = { field: 'contributorInsights', put: { name: 'UpdateContributorInsights', member: 'ContributorInsightsAction' }, read: { name: 'DescribeContributorInsights', fields: { '.': { path: 'ContributorInsightsStatus', map: { ENABLED: 'ENABLE', DISABLED: 'DISABLE' } } } }, notFound: [] };
    const s = { sdk: 'ContributorInsightsAction', json: 'contributorInsights', type: 'string' as const };
    expect(observedPart(ci, s, { ContributorInsightsStatus: 'DISABLED' }, shapes)).toBe('DISABLE');
  });
});
