import { sagemakerFixture, lifecycleConfig, model, autoscalingFixture, scalableTarget } from '../testing/fixtures';
import { buildInput, latestSpec, observeOutput, pickFromMany } from './operations';
import { fromSdkStruct, redactJson, toSdkStruct, scrub, sensitiveValues } from './shapes';
import { getPath, setPath } from './paths';
import type { ShapeTable } from '../descriptor';

const shapes: ShapeTable = {
  S: [
    { sdk: 'When', json: 'when', type: 'timestamp' },
    { sdk: 'Data', json: 'data', type: 'blob' },
    { sdk: 'Doc', json: 'doc', type: 'document' },
    { sdk: 'Items', json: 'items', type: { list: { struct: 'I' } } },
    { sdk: 'Env', json: 'env', type: { map: 'string' } },
    { sdk: 'Secret', json: 'secret', type: 'string', sensitive: true },
  ],
  I: [{ sdk: 'RoleArn', json: 'roleARN', type: 'string' }],
};

describe('shape-table conversion', () => {
  it('spec → SDK: names, timestamps to Date, base64 to bytes, nested lists and maps; unknown members dropped', () => {
    const sdk = toSdkStruct({ when: '2026-01-01T00:00:00Z', data: 'aGk=', doc: { a: [1] }, items: [{ roleARN: 'r' }], env: { K: 'v' }, stray: 1 }, 'S', shapes);
    expect(sdk).toEqual({ When: new Date('2026-01-01T00:00:00Z'), Data: new Uint8Array([104, 105]), Doc: { a: [1] }, Items: [{ RoleArn: 'r' }], Env: { K: 'v' } });
  });
  it('SDK → JSON round-trips; timestamps print at second precision', () => {
    const json = fromSdkStruct({ When: new Date('2026-01-01T00:00:00.123Z'), Data: new Uint8Array([104, 105]), Items: [{ RoleArn: 'r' }], Extra: 1 }, 'S', shapes);
    expect(json).toEqual({ when: '2026-01-01T00:00:00Z', data: 'aGk=', items: [{ roleARN: 'r' }] });
  });
  it('redacts sensitive members and scrubs their values from free text', () => {
    expect(redactJson({ secret: 'hunter22', items: [] }, { struct: 'S' }, shapes)).toEqual({ secret: '***', items: [] });
    const secrets = sensitiveValues({ secret: 'hunter22' }, { struct: 'S' }, shapes);
    expect(scrub('token hunter22 refused', secrets)).toBe('token *** refused');
  });
});

describe('operation inputs and outputs', () => {
  it('builds an input from spec, status and ARN, filtered to the input shape, with renames and overrides', () => {
    const input = buildInput(
      { name: 'UpdateX', input: 'DescribeModelInput', renames: { ModelName: 'ModelName' }, overrideValues: { Retain: true } },
      model,
      sagemakerFixture.shapes,
      { spec: { modelName: 'm', executionRoleARN: 'r' }, status: {}, arn: 'arn:x' },
    );
    expect(input).toEqual({ ModelName: 'm', Retain: true });
  });
  it('puts the ARN in arnInput, from the status member or the ARN recorded', () => {
    const tagInput = { name: 'AddTags', input: 'AddTagsInput', arnInput: 'ResourceArn' };
    const shapes: ShapeTable = { ...sagemakerFixture.shapes, AddTagsInput: [{ sdk: 'ResourceArn', json: 'resourceARN', type: 'string' }] };
    expect(buildInput(tagInput, model, shapes, { spec: { modelName: 'm' }, status: {}, arn: 'arn:m' })).toEqual({ ResourceArn: 'arn:m' });
    expect(buildInput(tagInput, model, shapes, { spec: { modelName: 'm' }, status: {} })).toEqual({});
  });
  it('fills ReadMany filter lists with the identifier', () => {
    const input = buildInput(scalableTarget.operations.readMany!, scalableTarget, autoscalingFixture.shapes, {
      spec: { serviceNamespace: 'sagemaker', resourceID: 'endpoint/e/variant/v', scalableDimension: 'd', minCapacity: 1 },
      status: {},
    });
    expect(input).toEqual({ ServiceNamespace: 'sagemaker', ScalableDimension: 'd', ResourceIds: ['endpoint/e/variant/v'] });
  });
  it('picks the item whose identifiers match', () => {
    const out = { ScalableTargets: [{ ServiceNamespace: 'sagemaker', ResourceId: 'a', ScalableDimension: 'd' }, { ServiceNamespace: 'sagemaker', ResourceId: 'b', ScalableDimension: 'd', MaxCapacity: 2 }] };
    expect(pickFromMany(scalableTarget.operations.readMany!, scalableTarget, autoscalingFixture.shapes, out, { serviceNamespace: 'sagemaker', resourceID: 'b', scalableDimension: 'd' })).toMatchObject({ MaxCapacity: 2 });
    expect(pickFromMany(scalableTarget.operations.readMany!, scalableTarget, autoscalingFixture.shapes, out, { serviceNamespace: 'sagemaker', resourceID: 'c', scalableDimension: 'd' })).toBeUndefined();
  });
  describe('a ReadMany narrowed by prefix and keyed by what AWS assigned', () => {
    const shapes: ShapeTable = {
      'Group.Spec': [{ sdk: 'GroupName', json: 'groupName', type: 'string' }],
      'Group.Status': [{ sdk: 'GroupId', json: 'groupID', type: 'string' }],
      ListGroupsInput: [
        { sdk: 'GroupNamePrefix', json: 'groupNamePrefix', type: 'string' },
        { sdk: 'GroupIds', json: 'groupIDs', type: { list: 'string' } },
      ],
    };
    const readMany = { name: 'ListGroups', input: 'ListGroupsInput', itemsMember: 'Groups', filterMembers: { GroupNamePrefix: 'GroupName', GroupIds: 'GroupId' } };
    const byName = { ...scalableTarget, specShape: 'Group.Spec', statusShape: 'Group.Status', primaryKey: ['spec.groupName'], operations: { create: { name: 'CreateGroup' }, readMany } };
    const byId = { ...byName, primaryKey: ['status.groupID'] };
    const byArn = { ...byName, primaryKey: ['status.ackResourceMetadata.arn'], arnMember: 'GroupArn' };
    const out = { Groups: [{ GroupName: 'ab', GroupId: 'g-2', GroupArn: 'arn:2' }, { GroupName: 'a', GroupId: 'g-1', GroupArn: 'arn:1' }] };

    it('a prefix filter takes the identifier itself, a list filter a one-item list', () => {
      expect(buildInput(readMany, byName, shapes, { spec: { groupName: 'a' }, status: { groupID: 'g-1' } })).toEqual({ GroupNamePrefix: 'a', GroupIds: ['g-1'] });
    });
    it('picks the exact name among prefix matches', () => {
      expect(pickFromMany(readMany, byName, shapes, out, { groupName: 'a' })).toMatchObject({ GroupId: 'g-1' });
    });
    it('picks by a status identifier or the ARN; none known yet means not found, never the first item', () => {
      expect(pickFromMany(readMany, byId, shapes, out, {}, { status: { groupID: 'g-2' } })).toMatchObject({ GroupName: 'ab' });
      expect(pickFromMany(readMany, byArn, shapes, out, {}, { arn: 'arn:1' })).toMatchObject({ GroupName: 'a' });
      expect(pickFromMany(readMany, byId, shapes, out, {}, { status: {} })).toBeUndefined();
      expect(pickFromMany(readMany, byArn, shapes, out, {})).toBeUndefined();
    });
  });
  it('observes spec, status and ARN; unreported (write-only) members keep the desired value', () => {
    const o = observeOutput(model.operations.readOne!, model, sagemakerFixture.shapes, { ModelName: 'm', ModelArn: 'arn:m', CreationTime: new Date(0) });
    expect(o).toMatchObject({ spec: { modelName: 'm' }, status: { creationTime: '1970-01-01T00:00:00Z' }, arn: 'arn:m' });
    expect(latestSpec({ modelName: 'm', apiToken: 't', executionRoleARN: 'r' }, o)).toEqual({ modelName: 'm', apiToken: 't' });
    expect(lifecycleConfig.operations.readOne!.output).toBeDefined();
  });
});

describe('paths', () => {
  it('gets and sets dotted paths without mutating', () => {
    const a = { x: { y: 1 } };
    const b = setPath(a, 'x.z.w', 2);
    expect(getPath(b, 'x.z.w')).toBe(2);
    expect(a).toEqual({ x: { y: 1 } });
    expect(getPath(b, 'x.y')).toBe(1);
    expect(getPath(b, 'q.r')).toBeUndefined();
  });
});
