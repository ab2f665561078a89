import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors';
import { loadSmithyModel } from '../smithy/load';
import type { FieldConfig, ResourceConfig } from '../config/types';
import { inferServiceModel } from './resources';

const FILE = join(__dirname, '../../test/fixtures/queues.smithy.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const queue = (rc: ResourceConfig) =>
  inferServiceModel({ service: 'queues', index, config: { resources: { Queue: rc } }, configFile: 'generator.yaml' }).resources[0]!;
const attrs = (fields: Record<string, FieldConfig>, extra: ResourceConfig = {}) =>
  queue({ ...extra, fields: { QueueUrl: { is_primary_key: true }, ...fields } });

describe('attribute maps (unpack_attributes_map / is_attribute)', () => {
  it('without them, the map is a spec field and Get/Set<R>Attributes are still the read and update', () => {
    const q = queue({});
    expect(q.spec.map((f) => f.json)).toEqual(['attributes', 'queueName', 'tags', 'token']);
    expect(q.attributes).toBeUndefined();
    expect(q.operations.getAttributes?.name).toBe('GetQueueAttributes');
    expect(q.operations.setAttributes?.name).toBe('SetQueueAttributes');
  });

  it('unpacks is_attribute fields into string spec fields, read-only ones into status, the ARN included', () => {
    const q = attrs({
      DelaySeconds: { is_attribute: true },
      KmsMasterKeyId: { is_attribute: true, type: 'string' },
      QueueArn: { is_attribute: true, is_arn: true, is_read_only: true },
      Owner: { is_attribute: true, is_read_only: true },
    });
    expect(q.spec.map((f) => f.json)).toEqual(['delaySeconds', 'kmsMasterKeyID', 'queueName', 'tags', 'token']);
    expect(q.spec.find((f) => f.json === 'delaySeconds')).toMatchObject({ member: 'DelaySeconds', type: { kind: 'string' }, required: false });
    expect(q.status.map((f) => f.json)).toEqual(['owner', 'queueARN', 'queueURL']);
    expect(q.arnMember).toBe('QueueArn');
    expect(q.primaryKey).toEqual(['status.queueURL']);
    expect(q.attributes).toEqual({ member: 'Attributes', fields: ['DelaySeconds', 'KmsMasterKeyId'], singleAttribute: false });
  });

  it('an attribute that is also a member of the Create input stays one field (CreatePlatformEndpoint Token)', () => {
    const q = attrs({ Token: { is_attribute: true } });
    expect(q.spec.filter((f) => f.json === 'token')).toHaveLength(1);
    expect(q.attributes?.fields).toEqual(['Token']);
  });

  it('unpack_attributes_map alone drops the map; its options reach the read and the update', () => {
    const q = queue({
      unpack_attributes_map: { set_attributes_single_attribute: true, get_attributes_input: { overrides: { AttributeNames: { values: ['Policy', 'DelaySeconds'] } } } },
    });
    expect(q.spec.map((f) => f.json)).toEqual(['queueName', 'tags', 'token']);
    expect(q.operations.getAttributes?.overrideValues).toEqual({ AttributeNames: ['Policy', 'DelaySeconds'] });
    expect(q.attributes).toEqual({ member: 'Attributes', fields: [], singleAttribute: true });
  });

  it('is_document and is_iam_policy mark a string field compared as JSON', () => {
    const q = attrs({ Policy: { is_attribute: true, is_iam_policy: true }, RedrivePolicy: { is_attribute: true, is_document: true }, DelaySeconds: { is_attribute: true } });
    expect(q.spec.filter((f) => f.jsonDocument).map((f) => f.json)).toEqual(['policy', 'redrivePolicy']);
  });

  it('attribute fields take references like any spec field', () => {
    const q = attrs({ KmsMasterKeyId: { is_attribute: true, references: { service_name: 'kms', resource: 'Key', path: 'Status.KeyID' } } });
    expect(q.references).toEqual([expect.objectContaining({ json: 'kmsMasterKeyRef', target: 'kmsMasterKeyID', group: 'kms.services.k8s.aws', path: 'status.keyID' })]);
  });

  it('rejects attributes on a kind that has no attribute map, naming the resource', () => {
    const widgets = loadSmithyModel(readFileSync(join(__dirname, '../../test/fixtures/widgets.smithy.json'), 'utf8'), 'widgets.smithy.json');
    const infer = () =>
      inferServiceModel({ service: 'widgets', index: widgets, config: { resources: { Widget: { fields: { Size: { is_attribute: true } } } } }, configFile: 'generator.yaml' });
    expect(infer).toThrow(GeneratorError);
    expect(infer).toThrow(/Widget has no Attributes map in CreateWidget or a GetWidgetAttributes operation/);
  });

  it('rejects a nested or non-string attribute, naming the field', () => {
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof GeneratorError ? e.format() : String(e);
      }
      return 'no error';
    };
    expect(message(() => attrs({ 'Redrive.Max': { is_attribute: true } }))).toMatch(/^generator\.yaml: resources\.Queue\.fields\.Redrive\.Max\.is_attribute: .*top-level/);
    expect(message(() => attrs({ DelaySeconds: { is_attribute: true, type: 'int64' } }))).toMatch(/fields\.DelaySeconds\.type: attributes are strings, not "int64"/);
  });
});
