import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSmithyModel } from '../smithy/load';
import { loadGeneratorConfig } from '../config/load';
import type { GeneratorConfig } from '../config/types';
import { GeneratorError } from '../errors';
import { inferServiceModel } from './resources';
import { modelsDirForTests } from '../../test/support/models-dir';

const FILE = join(modelsDirForTests(), 's3/service/2006-03-01/s3-2006-03-01.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const CONFIG = join(__dirname, '../../api-models/s3/generator.yaml');
const config = loadGeneratorConfig(readFileSync(CONFIG, 'utf8'), CONFIG);
const infer = (c: GeneratorConfig) => inferServiceModel({ service: 's3', index, config: c, configFile: 'generator.yaml' });

describe('sub-resources from ACK options (S3 Bucket)', () => {
  const bucket = infer(config).resources.find((r) => r.kind === 'Bucket')!;
  const byField = new Map(bucket.subResources.map((s) => [s.field, s]));

  it('a field from: a Put operation is written by it, read by Get<R>, removed by Delete<R>', () => {
    const p = byField.get('policy')!;
    expect([p.put.name, p.putMember, p.read!.name, p.readMember, p.delete?.name]).toEqual(['PutBucketPolicy', 'Policy', 'GetBucketPolicy', 'Policy', 'DeleteBucketPolicy']);
    const e = byField.get('encryption')!;
    expect([e.putMember, e.readMember, e.delete?.name]).toEqual(['ServerSideEncryptionConfiguration', 'ServerSideEncryptionConfiguration', 'DeleteBucketEncryption']);
  });

  it('a read whose output is the part itself has no member; no Delete means the unset value (or an empty one)', () => {
    const v = byField.get('versioning')!;
    expect([v.read!.name, v.readMember, v.delete, v.unset]).toEqual(['GetBucketVersioning', undefined, undefined, { Status: 'Suspended' }]);
    const l = byField.get('logging')!;
    expect([l.read!.name, l.readMember, l.delete, l.unset]).toEqual(['GetBucketLogging', undefined, undefined, undefined]);
    expect(byField.get('lifecycle')!.delete?.name).toBe('DeleteBucketLifecycle');
  });

  it('a custom_field list whose items a Put takes is a keyed list, read by its List operation', () => {
    const a = byField.get('analytics')!;
    expect([a.put.name, a.putMember, a.key, a.read!.name, a.readMember, a.delete?.name]).toEqual([
      'PutBucketAnalyticsConfiguration', 'AnalyticsConfiguration', 'Id', 'ListBucketAnalyticsConfigurations', 'AnalyticsConfigurationList', 'DeleteBucketAnalyticsConfiguration',
    ]);
  });

  it('every configuration ACK manages, and the bucket by name through HeadBucket', () => {
    expect([...byField.keys()]).toEqual([
      'accelerate', 'analytics', 'cors', 'encryption', 'intelligentTiering', 'inventory', 'lifecycle', 'logging', 'metrics',
      'notification', 'objectLockConfiguration', 'ownershipControls', 'policy', 'publicAccessBlock', 'replication', 'requestPayment', 'tagging', 'versioning', 'website',
    ]);
    expect(bucket.primaryKey).toEqual(['spec.name']);
    expect(bucket.operations.readOne?.name).toBe('HeadBucket');
    expect(bucket.notFound.map((m) => m.code)).toEqual(['NoSuchBucket', 'NotFound']);
    expect(bucket.spec.filter((f) => f.required).map((f) => f.json)).toEqual(['name']);
  });

  it("ACK's tags.path Tagging.TagSet puts the kind's tags in the tagging part", () => {
    expect(byField.get('tagging')!.tags).toEqual({ member: 'TagSet', key: 'Key', value: 'Value' });
    expect(bucket.tags).toBeUndefined();
    const bad = { resources: { Bucket: { ...config.resources!.Bucket!, tags: { path: 'Tagging.TagList' } } } };
    expect(() => infer(bad)).toThrow(/"Tagging.TagList" names no list of key\/value structures in a sub-resource/);
  });

  it('go_tag pins a nested JSON name in the shared shape, as ACK does', () => {
    const model = infer(config);
    const grantee = model.members('com.amazonaws.s3#Grantee').map((f) => f.json);
    expect(grantee).toEqual(expect.arrayContaining(['uRI', 'type_']));
    expect(model.members('com.amazonaws.s3#BucketInfo').map((f) => f.json)).toContain('type');
  });

  it('names a missing read or delete operation in the error', () => {
    const bad = (sub: Record<string, unknown>) => ({
      resources: { Bucket: { fields: { Lifecycle: { from: { operation: 'PutBucketLifecycleConfiguration', path: 'LifecycleConfiguration' }, sub_resource: sub } } } },
    });
    const message = (sub: Record<string, unknown>) => {
      try {
        infer(bad(sub));
      } catch (e) {
        return e instanceof GeneratorError ? e.format() : String(e);
      }
      return 'no error';
    };
    expect(message({ delete: 'DeleteBucketLifecycleConfig' })).toBe(
      'generator.yaml: resources.Bucket.fields.Lifecycle.sub_resource.delete: names no operation "DeleteBucketLifecycleConfig"',
    );
    expect(message({ read: 'GetLifecycle' })).toBe('generator.yaml: resources.Bucket.fields.Lifecycle.sub_resource.read: names no operation "GetLifecycle"');
  });
});
