import type { ShapeTypes } from './shape-types';
import type { Field, TypeRef } from './types';
import { createOnlyPaths } from './update-coverage';

const str: TypeRef = { kind: 'string', shape: 'smithy.api#String' };
const struct = (shape: string): TypeRef => ({ kind: 'struct', shape, union: false });
const f = (member: string, type: TypeRef = str): Field => ({ json: member[0]!.toLowerCase() + member.slice(1), member, type, required: false, sensitive: false });

// ResourceConfig as created and as UpdateTrainingJob spells it (ResourceConfigForUpdate).
const shapes: Record<string, Field[]> = {
  'x#ResourceConfig': [f('InstanceType'), f('KeepAlive')],
  'x#ResourceConfigForUpdate': [f('KeepAlive')],
  'x#Channel': [f('Name'), f('Uri')],
  'x#ChannelForUpdate': [f('Name')],
};
const types: ShapeTypes = {
  typeOf: () => str,
  members: (id) => shapes[id] ?? [],
  schemaMembers: (id) => shapes[id] ?? [],
  field: () => f('X'),
};

describe('createOnlyPaths', () => {
  const spec = [
    f('Name'),
    f('Description'),
    f('ResourceConfig', struct('x#ResourceConfig')),
    f('Channels', { kind: 'list', shape: 'x#Channels', item: struct('x#Channel') }),
    f('Same', { kind: 'list', shape: 'x#Channels', item: struct('x#Channel') }),
    f('Renamed'),
  ];
  const update = [
    f('Name'),
    f('ResourceConfig', struct('x#ResourceConfigForUpdate')),
    f('Channels', { kind: 'list', shape: 'x#ChannelsForUpdate', item: struct('x#ChannelForUpdate') }),
    f('Same', { kind: 'list', shape: 'x#Channels', item: struct('x#Channel') }),
    f('NewName'),
  ];

  it('follows structures spelt differently member by member; a list whose items lose members is create-only whole', () => {
    expect(createOnlyPaths(spec, update, types, { renames: { Renamed: 'NewName' }, skip: () => false })).toEqual([
      'description',
      'resourceConfig.instanceType',
      'channels',
    ]);
  });

  it('without the rename the renamed field is create-only; skipped paths are left out', () => {
    expect(createOnlyPaths(spec, update, types, { skip: (p) => p === 'description' })).toEqual([
      'resourceConfig.instanceType',
      'channels',
      'renamed',
    ]);
  });
});
