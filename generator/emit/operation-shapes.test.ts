import type { ResourceDescriptor } from '../../runtime/descriptor';
import { operationBindings } from '../../runtime/bound-operations';
import { operationShapeUses } from './operation-shapes';

const bucket: ResourceDescriptor = {
  kind: 'Bucket',
  plural: 'buckets',
  specShape: 'Bucket.Spec',
  statusShape: 'Bucket.Status',
  primaryKey: ['spec.name'],
  arnMember: 'BucketArn',
  operations: {
    create: { name: 'CreateBucket', input: 'CreateBucketRequest', output: 'CreateBucketOutput', idempotencyToken: 'ClientToken' },
    readMany: { name: 'ListBuckets', input: 'ListBucketsRequest', output: 'ListBucketsOutput', itemsMember: 'Buckets', filterMembers: { Prefix: 'Name' } },
  },
  notFound: [],
  terminalCodes: [],
  immutable: [],
  lateInitialize: [],
  compareIgnored: [],
  tags: { path: 'tags', shape: 'map' },
  tagging: {
    tag: { name: 'TagResource', input: 'TagResourceRequest', arnInput: 'ResourceArn', tagsMember: 'Tags' },
    untag: { name: 'UntagResource', input: 'UntagResourceRequest', arnInput: 'ResourceArn', keysMember: 'TagKeys' },
    list: { name: 'ListTags', input: 'ListTagsRequest', output: 'ListTagsOutput', arnInput: 'ResourceArn', tagsMember: 'Tags', pageToken: { input: 'NextToken', output: 'NextToken' } },
  },
  subResources: [
    {
      field: 'analytics',
      put: { name: 'PutBucketAnalytics', input: 'PutBucketAnalyticsRequest', member: 'AnalyticsConfiguration' },
      delete: { name: 'DeleteBucketAnalytics', input: 'DeleteBucketAnalyticsRequest' },
      key: 'Id',
      notFound: [],
    },
  ],
};

describe('operation shapes keep the members the runtime can use', () => {
  const uses = operationShapeUses(bucket, ['Name', 'Tags', 'Region']);
  const members = (shape: string) => [...(uses.get(shape) ?? [])].sort();

  it('lists every bound call: operations, tagging, sub-resources', () => {
    expect(operationBindings(bucket).map((b) => b.name)).toEqual([
      'CreateBucket', 'ListBuckets', 'TagResource', 'UntagResource', 'ListTags', 'PutBucketAnalytics', 'DeleteBucketAnalytics',
    ]);
  });

  it("the kind's fields, its ARN and what the binding names; nothing else (ExpectedBucketOwner is never sent)", () => {
    expect(members('CreateBucketRequest')).toEqual(['BucketArn', 'ClientToken', 'Id', 'Name', 'Region', 'Tags']);
    expect(members('ListBucketsRequest')).toEqual(['BucketArn', 'Buckets', 'Id', 'Name', 'Prefix', 'Region', 'Tags']);
    expect(members('ListTagsOutput')).toEqual(expect.arrayContaining(['NextToken', 'ResourceArn', 'Tags']));
    expect(members('UntagResourceRequest')).toEqual(expect.arrayContaining(['ResourceArn', 'TagKeys']));
    expect(members('UntagResourceRequest')).not.toContain('ExpectedBucketOwner');
  });

  it('a keyed sub-resource keeps its key in every call (DeleteBucketAnalytics names the item by Id)', () => {
    expect(members('DeleteBucketAnalyticsRequest')).toContain('Id');
    expect(members('PutBucketAnalyticsRequest')).toEqual(expect.arrayContaining(['AnalyticsConfiguration', 'Id']));
  });
});
