import type { CollectionBinding } from '../descriptor';
import { collectionTarget, desiredElements, listedNames, nextPage, planCollection } from './collections';

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
