import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSmithyModel } from '../smithy/load';
import { loadGeneratorConfig } from '../config/load';
import type { FieldConfig, GeneratorConfig } from '../config/types';
import { inferServiceModel } from './resources';
import { modelsDirForTests } from '../../test/support/models-dir';

const FILE = join(modelsDirForTests(), 'iam/service/2010-05-08/iam-2010-05-08.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const CONFIG = join(__dirname, '../../api-models/iam/generator.yaml');
const config = loadGeneratorConfig(readFileSync(CONFIG, 'utf8'), CONFIG);
const infer = (c: GeneratorConfig) => inferServiceModel({ service: 'iam', index, config: c, configFile: 'generator.yaml' });
const roleWith = (fields: Record<string, FieldConfig>): GeneratorConfig => {
  const role = config.resources!.Role!;
  return { ...config, resources: { ...config.resources, Role: { ...role, fields: { ...role.fields, ...fields } } } };
};

describe('collections (IAM Role)', () => {
  const role = infer(config).resources.find((r) => r.kind === 'Role')!;
  const byField = new Map(role.collections.map((c) => [c.field, c]));

  it('a []*string field is a set: its element is the member the remove operation takes besides the role', () => {
    const p = byField.get('policies')!;
    expect([p.shape, p.add.name, p.remove.name, p.list.name, p.keyMember, p.listMember, p.listItemMember, p.valueMember]).toEqual([
      'set', 'AttachRolePolicy', 'DetachRolePolicy', 'ListAttachedRolePolicies', 'PolicyArn', 'AttachedPolicies', 'PolicyArn', undefined,
    ]);
    expect(p.pageToken).toEqual({ input: 'Marker', output: 'Marker' });
  });

  it('a map[string]*string field is a map: names listed, values put and read as documents', () => {
    const i = byField.get('inlinePolicies')!;
    expect([i.shape, i.keyMember, i.valueMember, i.listMember, i.listItemMember, i.get?.name, i.document]).toEqual([
      'map', 'PolicyName', 'PolicyDocument', 'PolicyNames', undefined, 'GetRolePolicy', true,
    ]);
  });

  it('collection fields are neither create-only nor compared by the update', () => {
    expect(role.createOnly).not.toContain('policies');
    expect(role.createOnly).not.toContain('inlinePolicies');
  });

  it('refuses a map without get, an unknown operation, and a field that is not a list or map of strings', () => {
    expect(() => infer(roleWith({ InlinePolicies: { type: 'map[string]*string', collection: { add: 'PutRolePolicy', remove: 'DeleteRolePolicy', list: 'ListRolePolicies' } } }))).toThrow(
      /a map collection needs get/,
    );
    expect(() => infer(roleWith({ Policies: { type: '[]*string', collection: { add: 'AttachRolePolicyX', remove: 'DetachRolePolicy', list: 'ListAttachedRolePolicies' } } }))).toThrow(
      /names no operation "AttachRolePolicyX"/,
    );
    expect(() => infer(roleWith({ Policies: { type: 'int64', collection: { add: 'AttachRolePolicy', remove: 'DetachRolePolicy', list: 'ListAttachedRolePolicies' } } }))).toThrow(
      /a collection is a string, a list or map of strings, or a list of structures/,
    );
  });
});

describe('collections (IAM InstanceProfile, OpenIDConnectProvider)', () => {
  const kinds = infer(config).resources;
  const kind = (k: string) => kinds.find((r) => r.kind === k)!;

  it('a string field is a collection of at most one element; the list is found under the read\'s wrapper, in a member the CRD leaves out', () => {
    const c = kind('InstanceProfile').collections.find((x) => x.field === 'role')!;
    expect([c.shape, c.add.name, c.remove.name, c.list.name, c.list.outputWrapper, c.keyMember, c.listMember, c.listItemMember]).toEqual([
      'one', 'AddRoleToInstanceProfile', 'RemoveRoleFromInstanceProfile', 'GetInstanceProfile', 'InstanceProfile', 'RoleName', 'InstanceProfile.Roles', 'RoleName',
    ]);
    expect(kind('InstanceProfile').status.map((f) => f.json)).not.toContain('roles');
  });

  it("an ARN-named kind's ARN member is an identifier; of several lists the one the field is named for holds the elements", () => {
    const c = kind('OpenIDConnectProvider').collections.find((x) => x.field === 'clientIDs')!;
    expect([c.shape, c.keyMember, c.listMember, c.listItemMember]).toEqual(['set', 'ClientID', 'ClientIDList', undefined]);
  });

  it('refuses a list operation with several lists none of which is named for the field', () => {
    const oidc = config.resources!.OpenIDConnectProvider!;
    const bad: GeneratorConfig = {
      ...config,
      resources: {
        ...config.resources,
        OpenIDConnectProvider: { ...oidc, fields: { ...oidc.fields, Extra: { type: '[]*string', collection: { add: 'AddClientIDToOpenIDConnectProvider', remove: 'RemoveClientIDFromOpenIDConnectProvider', list: 'GetOpenIDConnectProvider' } } } },
      },
    };
    expect(() => infer(bad)).toThrow(/GetOpenIDConnectProvider returns several lists \(ClientIDList, ThumbprintList\) and none is named Extra/);
  });
});

describe('collections (Lambda Alias permissions: structures listed in a JSON document)', () => {
  const LFILE = join(modelsDirForTests(), 'lambda/service/2015-03-31/lambda-2015-03-31.json');
  const lindex = loadSmithyModel(readFileSync(LFILE, 'utf8'), LFILE);
  const LCONFIG = join(__dirname, '../../api-models/lambda/generator.yaml');
  const lconfig = loadGeneratorConfig(readFileSync(LCONFIG, 'utf8'), LCONFIG);
  const linfer = (c: GeneratorConfig) => inferServiceModel({ service: 'lambda', index: lindex, config: c, configFile: 'generator.yaml' });
  const aliasWith = (fields: Record<string, FieldConfig>): GeneratorConfig => {
    const alias = lconfig.resources!.Alias!;
    return { ...lconfig, resources: { ...lconfig.resources, Alias: { ...alias, fields: { ...alias.fields, ...fields } } } };
  };
  const permissions = lconfig.resources!.Alias!.fields!.Permissions!;

  it('a list of structures is keyed by the remove\'s member; the names are read from the list output\'s document', () => {
    const c = linfer(lconfig).resources.find((r) => r.kind === 'Alias')!.collections.find((x) => x.field === 'permissions')!;
    expect([c.shape, c.add.name, c.remove.name, c.list.name, c.keyMember, c.listMember, c.listItemMember, c.listDocument, c.omit]).toEqual([
      'objects', 'AddPermission', 'RemovePermission', 'GetPolicy', 'StatementId', 'Policy', undefined, { items: 'Statement', key: 'Sid', compare: expect.any(Object) }, ['RevisionId'],
    ]);
    // Compared members are keyed by the JSON names the spec's elements hold.
    expect(c.listDocument!.compare).toMatchObject({
      action: { path: 'Action' },
      principal: { path: 'Principal', as: 'iam_principal' },
      sourceARN: { path: 'Condition.ArnLike.AWS:SourceArn' },
      functionURLAuthType: { path: 'Condition.StringEquals.lambda:FunctionUrlAuthType' },
    });
  });

  it('compare: refuses a member the elements lack (naming where), the key, an omitted member, an empty path segment', () => {
    const coll = permissions.collection!;
    const withCompare = (compare: Record<string, { path: string }>) =>
      aliasWith({ Permissions: { ...permissions, collection: { ...coll, list_document: { ...coll.list_document!, compare } } } });
    expect(() => linfer(withCompare({ Nope: { path: 'X' } }))).toThrow(
      expect.objectContaining({ at: 'resources.Alias.fields.Permissions.collection.list_document.compare.Nope', message: "the collection's elements have no Nope" }),
    );
    expect(() => linfer(withCompare({ StatementId: { path: 'Sid' } }))).toThrow(/StatementId is the key, compared by name/);
    expect(() => linfer(withCompare({ RevisionId: { path: 'R' } }))).toThrow(/RevisionId is omitted from the calls/);
    expect(() => linfer(withCompare({ Action: { path: 'Condition..Action' } }))).toThrow(/"Condition\.\.Action" is not a dotted path/);
  });

  it('refuses a document member the list does not return as a string, and a get; needs no omit where RevisionId is a status field', () => {
    const coll = permissions.collection!;
    expect(() => linfer(aliasWith({ Permissions: { ...permissions, collection: { ...coll, list_document: { member: 'Nope', items: 'Statement', key: 'Sid' } } } }))).toThrow(
      /GetPolicy returns no string Nope/,
    );
    expect(() => linfer(aliasWith({ Permissions: { ...permissions, collection: { ...coll, get: 'GetPolicy' } } }))).toThrow(/takes no get/);
    const { omit: _omit, ...noOmit } = coll;
    expect(() => linfer(aliasWith({ Permissions: { ...permissions, collection: noOmit } }))).not.toThrow();
  });
});
