import type { ResourceDescriptor, SdkObject, ShapeTable } from '../descriptor';
import type { AwsPort, LogPort, OpType } from './ports';
import { syncTags, tagsAfterCreate, type TagPhase } from './phases/tags';
import { fromSdkTags, tagChanges, toSdkTags } from './tag-sync';

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
