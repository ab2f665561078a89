import type { ResourceDescriptor, SdkObject, ShapeTable } from '../descriptor';
import type { AwsPort, LogPort, OpType } from './ports';
import { syncTags, tagsAfterCreate, type TagPhase } from './phases/tags';
import { fromSdkTags, tagChanges, toSdkTags } from './tag-sync';
import { TagReadSchedule } from './tag-schedule';

const shapes: ShapeTable = {
  Spec: [
    { sdk: 'Name', json: 'name', type: 'string' },
    { sdk: 'Tags', json: 'tags', type: { list: { struct: 'Tag' } } },
  ],
  Status: [{ sdk: 'KeyId', json: 'keyID', type: 'string' }],
  Tag: [
    { sdk: 'TagKey', json: 'tagKey', type: 'string' },
    { sdk: 'TagValue', json: 'tagValue', type: 'string' },
  ],
  CreateInput: [{ sdk: 'Name', json: 'name', type: 'string' }],
  TagInput: [
    { sdk: 'KeyId', json: 'keyID', type: 'string' },
    { sdk: 'Tags', json: 'tags', type: { list: { struct: 'Tag' } } },
  ],
  UntagInput: [
    { sdk: 'KeyId', json: 'keyID', type: 'string' },
    { sdk: 'TagKeys', json: 'tagKeys', type: { list: 'string' } },
  ],
  ListInput: [
    { sdk: 'KeyId', json: 'keyID', type: 'string' },
    { sdk: 'Marker', json: 'marker', type: 'string' },
  ],
  ListOutput: [
    { sdk: 'Tags', json: 'tags', type: { list: { struct: 'Tag' } } },
    { sdk: 'NextMarker', json: 'nextMarker', type: 'string' },
  ],
  MapTagInput: [
    { sdk: 'ResourceArn', json: 'resourceARN', type: 'string' },
    { sdk: 'Tags', json: 'tags', type: { map: 'string' } },
  ],
};

/** KMS-like: list-shaped TagKey/TagValue tags, keyed by an AWS-made id in status, a paged list. */
const key: ResourceDescriptor = {
  kind: 'Key',
  plural: 'keys',
  specShape: 'Spec',
  statusShape: 'Status',
  primaryKey: ['status.keyID'],
  operations: { create: { name: 'CreateKey', input: 'CreateInput' } },
  notFound: [],
  terminalCodes: [],
  immutable: [],
  lateInitialize: [],
  compareIgnored: [],
  tags: { path: 'tags', shape: 'list', keyName: 'TagKey', valueName: 'TagValue' },
  tagging: {
    tag: { name: 'TagResource', input: 'TagInput', tagsMember: 'Tags' },
    untag: { name: 'UntagResource', input: 'UntagInput', keysMember: 'TagKeys' },
    list: { name: 'ListResourceTags', input: 'ListInput', output: 'ListOutput', tagsMember: 'Tags', pageToken: { input: 'Marker', output: 'NextMarker' } },
  },
};

class TagAws implements AwsPort {
  readonly calls: { opType: OpType; operation: string; input: SdkObject }[] = [];
  constructor(private readonly pages: SdkObject[]) {}
  async call(opType: OpType, operation: string, input: SdkObject): Promise<SdkObject> {
    this.calls.push({ opType, operation, input });
    if (operation === 'ListResourceTags') return this.pages.shift() ?? {};
    return {};
  }
  writes() {
    return this.calls.filter((c) => c.opType === 'UPDATE');
  }
}

const log: LogPort = { debug() {}, info() {}, warn() {}, error() {} };
const phase = (aws: AwsPort, spec: Record<string, unknown>, defaults?: Record<string, string>, d = key): TagPhase => ({
  d,
  shapes,
  aws,
  log,
  spec,
  status: { keyID: 'k-1' },
  ...(defaults ? { defaults } : {}),
});
const tag = (k: string, v: string) => ({ TagKey: k, TagValue: v });

describe('tag changes', () => {
  it('sets new and changed values, removes what nobody asked for, never touches aws:*', () => {
    expect(tagChanges({ a: '1', b: '2' }, { a: '1', b: 'old', c: '3', 'aws:cloudformation:stack': 's' })).toEqual({ set: { b: '2' }, remove: ['c'] });
  });

  it('converts map-shaped and list-shaped tags by the member type', () => {
    const list = shapes.TagInput![1]!.type;
    expect(toSdkTags({ a: '1' }, list, shapes)).toEqual([tag('a', '1')]);
    expect(fromSdkTags([tag('a', '1')], list, shapes)).toEqual({ a: '1' });
    expect(toSdkTags({ a: '1' }, { map: 'string' }, shapes)).toEqual({ a: '1' });
    expect(fromSdkTags({ a: '1' }, { map: 'string' }, shapes)).toEqual({ a: '1' });
  });
});

describe('tag phase', () => {
  it('corrects drift: reads every page, removes an out-of-band tag, restores a changed value, keyed by the AWS-made id', async () => {
    const aws = new TagAws([
      { Tags: [tag('team', 'ml'), tag('stray', 'x')], NextMarker: 'm2' },
      { Tags: [tag('services.k8s.aws/namespace', 'other')] },
    ]);
    const changed = await syncTags(phase(aws, { name: 'k', tags: [{ tagKey: 'team', tagValue: 'ml' }] }, { 'services.k8s.aws/namespace': 'ns' }), {});
    expect(changed).toBe(true);
    expect(aws.calls.map((c) => [c.operation, c.input])).toEqual([
      ['ListResourceTags', { KeyId: 'k-1' }],
      ['ListResourceTags', { KeyId: 'k-1', Marker: 'm2' }],
      ['UntagResource', { KeyId: 'k-1', TagKeys: ['stray'] }],
      ['TagResource', { KeyId: 'k-1', Tags: [tag('services.k8s.aws/namespace', 'ns')] }],
    ]);
  });

  it('in sync: one read, no write', async () => {
    const aws = new TagAws([{ Tags: [tag('team', 'ml'), tag('aws:x', 'y')] }]);
    expect(await syncTags(phase(aws, { name: 'k', tags: [{ tagKey: 'team', tagValue: 'ml' }] }), {})).toBe(false);
    expect(aws.calls.map((c) => c.operation)).toEqual(['ListResourceTags']);
  });

  it('the user wins over a default tag of the same key', async () => {
    const aws = new TagAws([{ Tags: [tag('owner', 'me')] }]);
    expect(await syncTags(phase(aws, { name: 'k', tags: [{ tagKey: 'owner', tagValue: 'me' }] }, { owner: 'controller' }), {})).toBe(false);
  });

  it('reads nothing when neither the spec nor the defaults manage tags', async () => {
    const aws = new TagAws([]);
    expect(await syncTags(phase(aws, { name: 'k' }), {})).toBe(false);
    expect(aws.calls).toEqual([]);
  });

  it('an empty tag list in the spec clears the tags', async () => {
    const aws = new TagAws([{ Tags: [tag('a', '1')] }]);
    await syncTags(phase(aws, { name: 'k', tags: [] }), {});
    expect(aws.writes().map((c) => [c.operation, c.input.TagKeys])).toEqual([['UntagResource', ['a']]]);
  });

  it('without a list operation the tags the read reported are compared (no extra read)', async () => {
    const { list: _list, ...rest } = key.tagging!;
    const d = { ...key, tagging: rest };
    const aws = new TagAws([]);
    await syncTags(phase(aws, { name: 'k', tags: [{ tagKey: 'a', tagValue: '2' }] }, undefined, d), { tags: [{ tagKey: 'a', tagValue: '1' }] });
    expect(aws.calls.map((c) => [c.opType, c.operation])).toEqual([['UPDATE', 'TagResource']]);
  });

  it('tags a resource whose create cannot carry them right after create; not one whose create can', async () => {
    const aws = new TagAws([]);
    await tagsAfterCreate(phase(aws, { name: 'k', tags: [{ tagKey: 'a', tagValue: '1' }] }, { d: 'x' }));
    expect(aws.calls.map((c) => [c.operation, c.input])).toEqual([['TagResource', { KeyId: 'k-1', Tags: [tag('d', 'x'), tag('a', '1')] }]]);
    const carries = { ...key, operations: { create: { name: 'CreateKey', input: 'TagInput' } } };
    const aws2 = new TagAws([]);
    await tagsAfterCreate(phase(aws2, { name: 'k', tags: [{ tagKey: 'a', tagValue: '1' }] }, undefined, carries));
    expect(aws2.calls).toEqual([]);
  });

  it('ARN-keyed map-shaped tagging (TagResource with ResourceArn) takes the ARN (arnInput)', async () => {
    const d: ResourceDescriptor = {
      ...key,
      arnMember: 'LogGroupArn',
      tagging: { tag: { name: 'TagResource', input: 'MapTagInput', arnInput: 'ResourceArn', tagsMember: 'Tags' }, untag: key.tagging!.untag },
    };
    const aws = new TagAws([]);
    await tagsAfterCreate({ ...phase(aws, { name: 'k', tags: [{ tagKey: 'a', tagValue: '1' }] }, undefined, d), arn: 'arn:aws:logs:r:1:log-group:k' });
    expect(aws.calls.map((c) => c.input)).toEqual([{ ResourceArn: 'arn:aws:logs:r:1:log-group:k', Tags: { a: '1' } }]);
  });
});

describe('tag phase on a schedule (kinds whose read does not report tags)', () => {
  const spec = { name: 'k', tags: [{ tagKey: 'team', tagValue: 'ml' }] };
  const inSync = () => new TagAws([{ Tags: [tag('team', 'ml')] }, { Tags: [tag('team', 'ml')] }]);

  it('reads on the first sync, then not until the period is due; a drift is corrected when it is', async () => {
    let now = 0;
    const schedule = new TagReadSchedule({ periodMs: 60_000, resyncMs: 10_000, now: () => now });
    const clock = schedule.clock('ns/k');
    const first = inSync();
    await syncTags({ ...phase(first, spec), clock }, {});
    expect(first.calls.map((c) => c.operation)).toEqual(['ListResourceTags']);
    now = 30_000;
    const idle = inSync();
    expect(await syncTags({ ...phase(idle, spec), clock }, {})).toBe(false);
    expect(idle.calls).toEqual([]);
    now = 50_001;
    const drifted = new TagAws([{ Tags: [tag('team', 'hijacked')] }]);
    expect(await syncTags({ ...phase(drifted, spec), clock }, {})).toBe(true);
    expect(drifted.calls.map((c) => c.operation)).toEqual(['ListResourceTags', 'TagResource']);
  });

  it('a spec change of the tags reads at once', async () => {
    const clock = new TagReadSchedule({ periodMs: 60_000, resyncMs: 10_000, now: () => 0 }).clock('ns/k');
    await syncTags({ ...phase(inSync(), spec), clock }, {});
    const aws = new TagAws([{ Tags: [tag('team', 'ml')] }]);
    await syncTags({ ...phase(aws, { name: 'k', tags: [{ tagKey: 'team', tagValue: 'research' }] }), clock }, {});
    expect(aws.calls.map((c) => c.operation)).toEqual(['ListResourceTags', 'TagResource']);
  });

  it('a change of the default tags reads at once too', async () => {
    const clock = new TagReadSchedule({ periodMs: 60_000, resyncMs: 10_000, now: () => 0 }).clock('ns/k');
    await syncTags({ ...phase(inSync(), spec, { owner: 'a' }), clock }, {});
    const aws = new TagAws([{ Tags: [tag('team', 'ml'), tag('owner', 'a')] }]);
    await syncTags({ ...phase(aws, spec, { owner: 'b' }), clock }, {});
    expect(aws.calls.map((c) => c.operation)).toEqual(['ListResourceTags', 'TagResource']);
  });

  it('a failed read or write records nothing: the next sync reads again', async () => {
    const clock = new TagReadSchedule({ periodMs: 60_000, resyncMs: 10_000, now: () => 0 }).clock('ns/k');
    const failing: AwsPort = { call: async () => { throw new Error('ThrottlingException'); } };
    await expect(syncTags({ ...phase(failing, spec), clock }, {})).rejects.toThrow('Throttling');
    const aws = inSync();
    await syncTags({ ...phase(aws, spec), clock }, {});
    expect(aws.calls.map((c) => c.operation)).toEqual(['ListResourceTags']);
  });

  it('a create that carried the tags counts as a read', async () => {
    const clock = new TagReadSchedule({ periodMs: 60_000, resyncMs: 10_000, now: () => 0 }).clock('ns/k');
    const carries = { ...key, operations: { create: { name: 'CreateKey', input: 'TagInput' } } };
    await tagsAfterCreate({ ...phase(new TagAws([]), spec, undefined, carries), clock });
    const aws = inSync();
    await syncTags({ ...phase(aws, spec, undefined, carries), clock }, {});
    expect(aws.calls).toEqual([]);
  });

  it('a kind whose read reports the tags compares them on every sync, whatever the clock says', async () => {
    const { list: _list, ...rest } = key.tagging!;
    const d = { ...key, tagging: rest };
    const clock = { due: () => false, done: () => undefined };
    const aws = new TagAws([]);
    expect(await syncTags({ ...phase(aws, spec, undefined, d), clock }, { tags: [{ tagKey: 'team', tagValue: 'x' }] })).toBe(true);
    expect(aws.calls.map((c) => c.operation)).toEqual(['TagResource']);
  });
});
