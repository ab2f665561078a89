import { withLocationConstraint } from './bucket';

describe('Bucket create input', () => {
  it('names the region outside us-east-1', () => {
    expect(withLocationConstraint({ Bucket: 'b' }, 'eu-west-1')).toEqual({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });
  });
  it('leaves us-east-1, an explicit constraint and directory buckets alone', () => {
    expect(withLocationConstraint({ Bucket: 'b' }, 'us-east-1')).toEqual({ Bucket: 'b' });
    const explicit = { Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-2' } };
    expect(withLocationConstraint(explicit, 'eu-west-1')).toBe(explicit);
    const directory = { Bucket: 'b--usw2-az1--x-s3', CreateBucketConfiguration: { Location: { Type: 'AvailabilityZone', Name: 'usw2-az1' }, Bucket: { Type: 'Directory' } } };
    expect(withLocationConstraint(directory, 'us-west-2')).toBe(directory);
  });
});
