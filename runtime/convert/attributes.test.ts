import type { ResourceDescriptor, ShapeTable } from '../descriptor';
import { attributeWrites, packAttributes, unpackAttributes } from './attributes';
import { buildInput, observeOutput } from './operations';
import { sameJsonText, computeDelta } from '../reconcile/delta';

const shapes: ShapeTable = {
  'Queue.Spec': [
    { sdk: 'QueueName', json: 'queueName', type: 'string' },
    { sdk: 'DelaySeconds', json: 'delaySeconds', type: 'string' },
    { sdk: 'Policy', json: 'policy', type: 'string', jsonDocument: true },
    { sdk: 'Token', json: 'token', type: 'string' },
    { sdk: 'tags', json: 'tags', type: { map: 'string' } },
  ],
  'Queue.Status': [
    { sdk: 'QueueUrl', json: 'queueURL', type: 'string' },
    { sdk: 'QueueArn', json: 'queueARN', type: 'string' },
  ],
  CreateQueueRequest: [
    { sdk: 'QueueName', json: 'queueName', type: 'string' },
    { sdk: 'Token', json: 'token', type: 'string' },
    { sdk: 'Attributes', json: 'attributes', type: { map: 'string' } },
    { sdk: 'tags', json: 'tags', type: { map: 'string' } },
  ],
  GetQueueAttributesRequest: [
    { sdk: 'QueueUrl', json: 'queueURL', type: 'string' },
    { sdk: 'AttributeNames', json: 'attributeNames', type: { list: 'string' } },
  ],
  GetQueueAttributesResult: [{ sdk: 'Attributes', json: 'attributes', type: { map: 'string' } }],
  SetQueueAttributesRequest: [
    { sdk: 'QueueUrl', json: 'queueURL', type: 'string' },
    { sdk: 'Attributes', json: 'attributes', type: { map: 'string' } },
  ],
  SetTopicAttributesInput: [
    { sdk: 'QueueUrl', json: 'queueURL', type: 'string' },
    { sdk: 'AttributeName', json: 'attributeName', type: 'string' },
    { sdk: 'AttributeValue', json: 'attributeValue', type: 'string' },
  ],
};

const queue: ResourceDescriptor = {
  kind: 'Queue', plural: 'queues',
  specShape: 'Queue.Spec', statusShape: 'Queue.Status', primaryKey: ['status.queueURL'], arnMember: 'QueueArn',
  operations: {
    create: { name: 'CreateQueue', input: 'CreateQueueRequest' },
    readOne: { name: 'GetQueueAttributes', input: 'GetQueueAttributesRequest', output: 'GetQueueAttributesResult', overrideValues: { AttributeNames: ['All'] } },
    update: { name: 'SetQueueAttributes', input: 'SetQueueAttributesRequest' },
  },
  notFound: [], terminalCodes: [], immutable: [], lateInitialize: [], compareIgnored: [],
  attributes: { member: 'Attributes', fields: ['DelaySeconds', 'Policy', 'Token'] },
};
const single: ResourceDescriptor = { ...queue, attributes: { ...queue.attributes!, singleAttribute: true } };
const spec = { queueName: 'q', delaySeconds: '5', policy: '{"a": 1}', token: 't', tags: { team: 'ml' } };
const status = { queueURL: 'http://q' };

describe('attribute maps in the runtime', () => {
  it('Create: attributes go into the map, a field the input names itself stays a member', () => {
    expect(buildInput(queue.operations.create, queue, shapes, { spec, status: {} })).toEqual({
      QueueName: 'q',
      Token: 't',
      Attributes: { DelaySeconds: '5', Policy: '{"a": 1}' },
      tags: { team: 'ml' },
    });
  });

  it('Get<R>Attributes: keyed by the status identifier, with the configured input values; no map sent', () => {
    expect(buildInput(queue.operations.readOne!, queue, shapes, { spec, status })).toEqual({ QueueUrl: 'http://q', AttributeNames: ['All'] });
  });

  it('reads unpack the map into spec, status and the ARN; every attribute counts as reported', () => {
    const o = observeOutput(queue.operations.readOne!, queue, shapes, { Attributes: { DelaySeconds: '0', QueueArn: 'arn:q', VisibilityTimeout: '30' } });
    expect(o.spec).toEqual({ delaySeconds: '0' });
    expect(o.status).toEqual({ queueARN: 'arn:q' });
    expect(o.arn).toBe('arn:q');
    expect([...(o.reported ?? [])].sort()).toEqual(['delaySeconds', 'policy', 'token']);
  });

  it('an output without the map, or a kind without attributes, is left alone', () => {
    expect(unpackAttributes(queue, { QueueUrl: 'u' })).toEqual({ QueueUrl: 'u' });
    const { attributes: _none, ...plain } = queue;
    expect(unpackAttributes(plain, { Attributes: { A: '1' } })).toEqual({ Attributes: { A: '1' } });
    expect(packAttributes(plain, { DelaySeconds: '1' }, undefined)).toEqual({ DelaySeconds: '1' });
  });

  it('Set<R>Attributes sends only changed attributes in one map; a removed one as ""; others (tags) never', () => {
    const base = buildInput(queue.operations.update!, queue, shapes, { spec, status });
    const delta = [
      { path: 'delaySeconds', desired: '5', latest: '0' },
      { path: 'policy', desired: undefined, latest: '{}' },
      { path: 'tags', desired: { team: 'ml' }, latest: {} },
    ];
    const { policy: _p, ...withoutPolicy } = spec;
    const desiredSdk = { QueueName: 'q', DelaySeconds: '5', Token: 't', tags: withoutPolicy.tags };
    expect(attributeWrites(queue, shapes, base, desiredSdk, delta)).toEqual([{ QueueUrl: 'http://q', Attributes: { DelaySeconds: '5', Policy: '' } }]);
    expect(attributeWrites(queue, shapes, base, desiredSdk, [delta[2]!])).toEqual([]);
  });

  it('single-attribute kinds (SNS) make one call per changed attribute', () => {
    const base = buildInput({ name: 'SetTopicAttributes', input: 'SetTopicAttributesInput' }, single, shapes, { spec, status });
    const delta = [
      { path: 'token', desired: 't', latest: 'old' },
      { path: 'delaySeconds', desired: '5', latest: '0' },
    ];
    expect(attributeWrites(single, shapes, base, { DelaySeconds: '5', Token: 't' }, delta)).toEqual([
      { QueueUrl: 'http://q', AttributeName: 'DelaySeconds', AttributeValue: '5' },
      { QueueUrl: 'http://q', AttributeName: 'Token', AttributeValue: 't' },
    ]);
  });

  it('JSON attributes compare as documents: AWS reformatting is not drift, a changed value is', () => {
    expect(sameJsonText('{"a": 1, "b": [1]}', '{"b":[1],"a":1}')).toBe(true);
    expect(sameJsonText('{"a": 1}', '{"a": 2}')).toBe(false);
    expect(sameJsonText('not json', 'not json')).toBe(true);
    expect(sameJsonText('not json', 'not  json')).toBe(false);
    expect(computeDelta({ policy: '{"a": 1}', delaySeconds: '5' }, { policy: '{"a":1}', delaySeconds: '0' }, 'Queue.Spec', shapes)).toEqual([
      { path: 'delaySeconds', desired: '5', latest: '0' },
    ]);
  });
});
