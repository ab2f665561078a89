import type { CollectionBinding } from '../descriptor';
import { collectionTarget, desiredElements, elementShape, listedElements, nextPage, planCollection } from './collections';

const listedNames = (c: CollectionBinding, output: Record<string, unknown>) => listedElements(c, output).map(([name]) => name);

const set: CollectionBinding = {
  field: 'policies',
  shape: 'set',
  add: { name: 'AttachRolePolicy', member: 'PolicyArn' },
  remove: { name: 'DetachRolePolicy', member: 'PolicyArn' },
  list: { name: 'ListAttachedRolePolicies', member: 'AttachedPolicies', itemMember: 'PolicyArn', pageToken: { input: 'Marker', output: 'Marker' } },
};
const map: CollectionBinding = {
  field: 'inlinePolicies',
  shape: 'map',
  add: { name: 'PutRolePolicy', member: 'PolicyName', valueMember: 'PolicyDocument' },
  remove: { name: 'DeleteRolePolicy', member: 'PolicyName' },
  list: { name: 'ListRolePolicies', member: 'PolicyNames' },
  get: { name: 'GetRolePolicy', member: 'PolicyDocument' },
  document: true,
};

const one: CollectionBinding = {
  field: 'role',
  shape: 'one',
  add: { name: 'AddRoleToInstanceProfile', member: 'RoleName' },
  remove: { name: 'RemoveRoleFromInstanceProfile', member: 'RoleName' },
  list: { name: 'GetInstanceProfile', outputWrapper: 'InstanceProfile', member: 'InstanceProfile.Roles', itemMember: 'RoleName' },
};

const objects: CollectionBinding = {
  field: 'permissions',
  shape: 'objects',
  add: { name: 'AddPermission', member: 'StatementId' },
  remove: { name: 'RemovePermission', member: 'StatementId' },
  list: { name: 'GetPolicy', member: 'Policy', document: { items: 'Statement', key: 'Sid' } },
  omit: ['RevisionId'],
};

describe('collections of structures listed in a JSON document', () => {
  it('names are the key of each entry of the document; no document or bad JSON holds none', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 's3' }, { Effect: 'Allow' }, { Sid: 'sns' }] });
    expect(listedNames(objects, { Policy: policy, RevisionId: 'r' })).toEqual(['s3', 'sns']);
    expect(listedNames(objects, {})).toEqual([]);
    expect(listedNames(objects, { Policy: 'not json' })).toEqual([]);
    expect(listedNames(objects, { Policy: '{"Statement":"x"}' })).toEqual([]);
  });

  it('elements are keyed by their key member, valued by their JSON; one without a key is skipped', () => {
    const want = desiredElements(objects, [{ statementID: 'a', action: 'lambda:InvokeFunction' }, { action: 'x' }, 'junk'], 'statementID');
    expect([...want.keys()]).toEqual(['a']);
    expect(JSON.parse(want.get('a')!)).toEqual({ statementID: 'a', action: 'lambda:InvokeFunction' });
    // Compared by key: a held statement is kept, a missing one added, an unnamed one removed.
    expect(planCollection(objects, want, new Map([['old', 'old']]))).toEqual({ add: [['a', want.get('a')]], remove: ['old'] });
    expect(planCollection(objects, want, new Map([['a', 'a']]))).toEqual({ add: [], remove: [] });
  });

  it('with list_document.compare, an element whose managed members differ is removed, then added again under its name', () => {
    const compared: CollectionBinding = {
      ...objects,
      list: { ...objects.list, document: { items: 'Statement', key: 'Sid', compare: { principal: { path: 'Principal', as: 'iam_principal' }, sourceARN: { path: 'Condition.ArnLike.AWS:SourceArn' } } } },
    };
    const policy = JSON.stringify({
      Statement: [
        { Sid: 'same', Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b' } } },
        { Sid: 'changed', Principal: { Service: 'sns.amazonaws.com' } },
        { Sid: 'stray', Principal: '*' },
      ],
    });
    const observed = new Map(listedElements(compared, { Policy: policy }));
    expect(JSON.parse(observed.get('changed')!)).toEqual({ principal: 'sns.amazonaws.com' });
    const want = desiredElements(compared, [
      { statementID: 'same', principal: 's3.amazonaws.com', sourceARN: 'arn:aws:s3:::b' },
      { statementID: 'changed', principal: 'events.amazonaws.com' },
      { statementID: 'new', principal: 'events.amazonaws.com' },
    ], 'statementID');
    expect(planCollection(compared, want, observed)).toEqual({ add: [['changed', want.get('changed')], ['new', want.get('new')]], remove: ['changed', 'stray'] });
    // Without compare (the same policy), only names count.
    expect(planCollection(objects, want, new Map(listedElements(objects, { Policy: policy }).map(([n]) => [n, n])))).toEqual({ add: [['new', want.get('new')]], remove: ['stray'] });
  });

  it("the element's structure and key come from the spec's shape", () => {
    const shapes = {
      'Alias.Spec': [{ sdk: 'Permissions', json: 'permissions', type: { list: { struct: 'AddPermissionRequest' } } }],
      AddPermissionRequest: [{ sdk: 'StatementId', json: 'statementID', type: 'string' as const }],
    };
    expect(elementShape(objects, 'Alias.Spec', shapes)).toEqual({ shape: 'AddPermissionRequest', key: 'statementID' });
    expect(elementShape(objects, 'Other', shapes)).toBeUndefined();
  });
});

describe('collections', () => {
  it('lists names from structure items or strings, and pages by the token', () => {
    expect(listedNames(set, { AttachedPolicies: [{ PolicyArn: 'a', PolicyName: 'x' }, { PolicyArn: 'b' }], Marker: 'm' })).toEqual(['a', 'b']);
    expect(nextPage(set, { Marker: 'm' })).toBe('m');
    expect(nextPage(set, {})).toBeUndefined();
    expect(listedNames(map, { PolicyNames: ['p', 'q'] })).toEqual(['p', 'q']);
  });

  it('a field dropped from the spec after it was applied is emptied; one never applied is left alone', () => {
    expect(collectionTarget(set, ['a'], undefined)).toEqual(new Map([['a', 'a']]));
    expect(collectionTarget(set, undefined, { policies: 'digest', name: 'n' })).toEqual(new Map());
    expect(collectionTarget(map, null, { inlinePolicies: 'digest' })).toEqual(new Map());
    expect(collectionTarget(set, undefined, { name: 'n' })).toBeUndefined();
    expect(collectionTarget(set, undefined, undefined)).toBeUndefined();
    const plan = planCollection(set, collectionTarget(set, undefined, { policies: 'd' })!, new Map([['a', 'a'], ['b', 'b']]));
    expect(plan).toEqual({ add: [], remove: ['a', 'b'] });
  });

  it('a set adds what is missing and removes what the spec does not name', () => {
    const plan = planCollection(set, desiredElements(set, ['a', 'c']), new Map([['a', 'a'], ['b', 'b']]));
    expect(plan).toEqual({ add: [['c', 'c']], remove: ['b'] });
  });

  it('a map puts a value that differs as a document (URL-encoded, reformatted is the same) and removes extras', () => {
    const want = desiredElements(map, { logs: '{"Version":"2012-10-17","Statement":[]}', s3: '{"a":1}' });
    const encoded = encodeURIComponent('{ "Statement": [], "Version": "2012-10-17" }');
    const plan = planCollection(map, want, new Map<string, string | undefined>([['logs', encoded], ['s3', '{"a":2}'], ['stray', undefined]]));
    expect(plan).toEqual({ add: [['s3', '{"a":1}']], remove: ['stray'] });
  });

  it('an empty spec collection removes everything; nothing to do is an empty plan', () => {
    expect(planCollection(set, desiredElements(set, []), new Map([['a', 'a']]))).toEqual({ add: [], remove: ['a'] });
    expect(planCollection(set, desiredElements(set, ['a']), new Map([['a', 'a']]))).toEqual({ add: [], remove: [] });
  });

  it('a string field is a collection of at most one element, listed under the output wrapper', () => {
    expect(listedNames(one, { InstanceProfile: { Roles: [{ RoleName: 'old', Arn: 'x' }] } })).toEqual(['old']);
    expect(listedNames(one, { InstanceProfile: {} })).toEqual([]);
    expect(planCollection(one, desiredElements(one, 'new'), new Map([['old', 'old']]))).toEqual({ add: [['new', 'new']], remove: ['old'] });
    expect(planCollection(one, desiredElements(one, 'old'), new Map([['old', 'old']]))).toEqual({ add: [], remove: [] });
    expect(planCollection(one, desiredElements(one, ''), new Map([['old', 'old']]))).toEqual({ add: [], remove: ['old'] });
  });
});
