import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { loadSmithyModel } from '../smithy/load';
import { inferServiceModel } from './resources';
import type { GeneratorConfig } from '../config/types';

const MODELS = process.env.ACK_TS_MODELS_DIR ?? resolve(__dirname, '../../../shared/api-models');

/** The kind's tagging operations, inferred from the real model with no config but `config`. */
function taggingOf(service: string, kind: string, config: GeneratorConfig = {}) {
  const dir = join(MODELS, service, 'service');
  const version = readdirSync(dir).sort().pop()!;
  const file = join(dir, version, readdirSync(join(dir, version)).find((f) => f.endsWith('.json'))!);
  const model = inferServiceModel({ service, index: loadSmithyModel(readFileSync(file, 'utf8'), file), config, configFile: 'generator.yaml' });
  const r = model.resources.find((x) => x.kind === kind);
  if (!r) throw new Error(`${service} has no kind ${kind}`);
  const t = r.tagging;
  return t && {
    ops: [t.tag.name, t.untag.name, t.list?.name],
    members: [t.tag.member, t.untag.member, t.list?.member],
    arnInput: t.tag.arnInput,
    pageToken: t.list?.pageToken,
  };
}

describe('tagging operations inferred from the model', () => {
  it('SageMaker: AddTags/DeleteTags/ListTags, the kind ARN in ResourceArn, paged', () => {
    expect(taggingOf('sagemaker', 'Model')).toEqual({
      ops: ['AddTags', 'DeleteTags', 'ListTags'],
      members: ['Tags', 'TagKeys', 'Tags'],
      arnInput: 'ResourceArn',
      pageToken: { input: 'NextToken', output: 'NextToken' },
    });
  });

  it("a kind's own operations win (SQS TagQueue, keyed by QueueUrl, a status field: not the ARN)", () => {
    expect(taggingOf('sqs', 'Queue')).toMatchObject({ ops: ['TagQueue', 'UntagQueue', 'ListQueueTags'], arnInput: undefined });
    expect(taggingOf('iam', 'Role')).toMatchObject({ ops: ['TagRole', 'UntagRole', 'ListRoleTags'], pageToken: { input: 'Marker', output: 'Marker' } });
  });

  it('KMS: ListResourceTags paged by Marker/NextMarker, keyed by KeyId', () => {
    expect(taggingOf('kms', 'Key')).toEqual({
      ops: ['TagResource', 'UntagResource', 'ListResourceTags'],
      members: ['Tags', 'TagKeys', 'Tags'],
      arnInput: undefined,
      pageToken: { input: 'Marker', output: 'NextMarker' },
    });
  });

  it('Secrets Manager: DescribeSecret reports the tags, so no list operation (no extra read)', () => {
    expect(taggingOf('secrets-manager', 'Secret')).toMatchObject({ ops: ['TagResource', 'UntagResource', undefined], arnInput: 'SecretId' });
  });

  it('Application Auto Scaling: map-shaped tags through TagResource when the tags are not ignored', () => {
    const register = { operations: { RegisterScalableTarget: { operation_type: 'create', resource_name: 'ScalableTarget' } } };
    const target = (tags: { ignore?: boolean }) => ({ ...register, resources: { ScalableTarget: { fields: { ScalableTargetARN: { is_arn: true } }, tags } } });
    expect(taggingOf('application-auto-scaling', 'ScalableTarget', target({}))).toMatchObject({
      ops: ['TagResource', 'UntagResource', 'ListTagsForResource'],
      arnInput: 'ResourceARN',
    });
    expect(taggingOf('application-auto-scaling', 'ScalableTarget', target({ ignore: true }))).toBeUndefined();
  });

  it('deprecated per-kind operations are passed over (CloudWatch Logs TagLogGroup → TagResource)', () => {
    expect(taggingOf('cloudwatch-logs', 'Delivery')?.ops).toEqual(['TagResource', 'UntagResource', 'ListTagsForResource']);
  });

  it('ignore.operations removes a tagging operation, and with it the tagging', () => {
    expect(taggingOf('sqs', 'Queue', { ignore: { operations: ['UntagQueue'] } })).toBeUndefined();
  });
});
