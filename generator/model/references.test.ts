import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors';
import { loadSmithyModel } from '../smithy/load';
import type { FieldConfig } from '../config/types';
import { inferReferences, referenceFieldName, referencePath } from './references';
import { inferServiceModel } from './resources';
import type { ResourceField } from './types';

const FILE = join(__dirname, '../../test/fixtures/widgets.smithy.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const widget = (fields: Record<string, FieldConfig>) =>
  inferServiceModel({ service: 'widgets', index, config: { resources: { Widget: { fields } } }, configFile: 'generator.yaml' }).resources[0]!;
const ROLE = { resource: 'Role', path: 'Status.ACKResourceMetadata.ARN', service_name: 'iam' };

describe('referenceFieldName (ACK GetReferenceFieldName)', () => {
  it.each([
    ['RoleArn', false, 'RoleRef'],
    ['RoleARN', false, 'RoleRef'],
    ['KmsKeyId', false, 'KmsKeyRef'],
    ['SubnetIds', true, 'SubnetRefs'],
    ['SecurityGroupIDs', true, 'SecurityGroupRefs'],
    ['ClusterName', false, 'ClusterRef'],
    ['TopicArns', true, 'TopicRefs'],
    ['Role', false, 'RoleRef'],
    ['Subnets', true, 'SubnetRefs'],
  ])('%s (list: %s) → %s', (member, many, expected) => {
    expect(referenceFieldName(member, many)).toBe(expected);
  });
});

describe('referencePath', () => {
  it('turns ACK Go field paths into JSON paths', () => {
    expect(referencePath('Status.ACKResourceMetadata.ARN')).toBe('status.ackResourceMetadata.arn');
    expect(referencePath('Spec.Name')).toBe('spec.name');
    expect(referencePath('Status.KeyID')).toBe('status.keyID');
  });
});

describe('inferServiceModel with references', () => {
  it('adds roleRef beside roleARN, typed as the reference wrapper, and drops Required from roleARN', () => {
    const w = widget({ RoleArn: { is_required: true, references: ROLE } });
    expect(w.references).toEqual([
      {
        json: 'roleRef',
        target: 'roleARN',
        many: false,
        group: 'iam.services.k8s.aws',
        version: 'v1alpha1',
        kind: 'Role',
        plural: 'roles',
        path: 'status.ackResourceMetadata.arn',
        skipResourceStateValidations: false,
        at: [],
        targetRequired: true,
      },
    ]);
    expect(w.spec.find((f) => f.json === 'roleARN')!.required).toBe(false);
    expect(w.spec.map((f) => f.json)).not.toContain('roleRef');
    expect(widget({ RoleArn: { is_required: true } }).spec.find((f) => f.json === 'roleARN')!.required).toBe(true);
  });

  it('references the own service without service_name, and keeps skip_resource_state_validations', () => {
    const w = widget({ RoleArn: { references: { resource: 'Widget', path: 'Spec.WidgetName', skip_resource_state_validations: true } } });
    expect(w.references[0]).toMatchObject({ group: 'widgets.services.k8s.aws', kind: 'Widget', plural: 'widgets', path: 'spec.widgetName', skipResourceStateValidations: true });
  });

  it('has no references when none are configured', () => {
    expect(widget({}).references).toEqual([]);
  });

  it('puts a nested reference beside its target in every item of a list of structures, and makes the target optional there only', () => {
    const w = widget({ 'Parts.PartId': { references: { resource: 'Part', path: 'Status.PartID' } } });
    expect(w.references).toEqual([
      expect.objectContaining({ json: 'partRef', target: 'partID', at: ['parts'], container: 'com.example.widgets#Part', many: false, kind: 'Part', group: 'widgets.services.k8s.aws' }),
    ]);
    // Required-ness of a nested member is the emitter's business (the shape is shared); top-level spec is untouched.
    expect(w.spec.find((f) => f.json === 'widgetName')!.required).toBe(true);
  });

  it('accepts the ACK JSON names of a nested path too', () => {
    expect(widget({ 'parts.s3URI': { references: { resource: 'Bucket', service_name: 's3', path: 'Spec.Name' } } }).references[0]).toMatchObject({ json: 's3URIRef', target: 's3URI', at: ['parts'] });
  });

  const bad: [string, Record<string, FieldConfig>, string, RegExp][] = [
    ['a member that is not there', { 'Parts.Nope': { references: ROLE } }, 'resources.Widget.fields.Parts.Nope.references', /"Nope" is not a member of Parts/],
    ['a path through a scalar', { 'RoleArn.X': { references: ROLE } }, 'resources.Widget.fields.RoleArn.X.references', /not a structure or a list of structures/],
    ['a field that is not a string', { 'Parts.Count': { references: ROLE } }, 'resources.Widget.fields.Parts.Count.references', /is a long; a reference fills a string/],
    ['a status field', { CreatedAt: { is_read_only: true, type: 'time.Time', references: ROLE } }, 'resources.Widget.fields.CreatedAt.references', /status field/],
  ];
  it.each(bad)('rejects references on %s, naming the key', (_what, fields, at, message) => {
    let err: unknown;
    try {
      widget(fields);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GeneratorError);
    expect((err as GeneratorError).at).toBe(at);
    expect((err as GeneratorError).format()).toMatch(message);
  });
});

describe('inferReferences', () => {
  const field = (member: string, json: string, list: boolean): ResourceField => ({
    json,
    member,
    type: list ? { kind: 'list', shape: 'x#Ids', item: { kind: 'string', shape: 'smithy.api#String' } } : { kind: 'string', shape: 'smithy.api#String' },
    required: true,
    sensitive: false,
    secret: false,
  });
  const at = (p: string) => ({ file: 'generator.yaml', at: `resources.X.${p}` });

  it('makes a list field a list of references named <Singular>Refs', () => {
    const out = inferReferences({
      spec: [field('SubnetIds', 'subnetIDs', true)],
      status: [],
      fieldConfigs: { SubnetIds: { references: { resource: 'Subnet', path: 'Status.SubnetID', service_name: 'ec2' } } },
      group: 'x.services.k8s.aws',
      types: { members: () => [] },
      at,
    });
    expect(out.references).toEqual([expect.objectContaining({ json: 'subnetRefs', target: 'subnetIDs', many: true, group: 'ec2.services.k8s.aws', plural: 'subnets', path: 'status.subnetID' })]);
    expect(out.spec[0]!.required).toBe(false);
  });

  it('rejects a reference name that clashes with a spec field', () => {
    expect(() =>
      inferReferences({
        spec: [field('RoleArn', 'roleARN', false), field('RoleRef', 'roleRef', false)],
        status: [],
        fieldConfigs: { RoleArn: { references: ROLE } },
        group: 'x.services.k8s.aws',
        types: { members: () => [] },
        at,
      }),
    ).toThrow(/clashes/);
  });
});
