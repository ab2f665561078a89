import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSmithyModel } from '../smithy/load';
import { inferServiceModel } from '../model/resources';
import { toCrd, type Schema } from './crd';
import { toServiceDescriptor } from './descriptor';
import { toRbacRules } from './rbac';
import { structuralProblems } from './structural';
import { typescriptFiles } from './typescript';

/** One reference (Widget.RoleArn → an IAM Role's ARN) through every emitter. */
const FILE = join(__dirname, '../../test/fixtures/widgets.smithy.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const model = inferServiceModel({
  service: 'widgets',
  index,
  config: {
    resources: {
      Widget: {
        fields: {
          RoleArn: { is_required: true, references: { resource: 'Role', path: 'Status.ACKResourceMetadata.ARN', service_name: 'iam' } },
          // A reference inside each item of a list of structures (Part.PartId is required in the model).
          'Parts.PartId': { references: { resource: 'Part', path: 'Status.PartID', service_name: 'parts' } },
        },
      },
    },
  },
  configFile: 'generator.yaml',
});
const descriptor = toServiceDescriptor(model, { package: '@aws-sdk/client-widgets', client: 'WidgetsClient' });
const at = (s: Schema, ...path: string[]): Schema => path.reduce((o, k) => o[k] as Schema, s);

describe('references in the CRD', () => {
  const root = at(toCrd(model.resources[0]!, model), 'spec', 'versions', '0', 'schema', 'openAPIV3Schema');
  const spec = at(root, 'properties', 'spec');

  it('has roleRef as {from: {name, namespace}}, in name order, and does not require roleARN', () => {
    const roleRef = at(spec, 'properties', 'roleRef');
    expect(roleRef['type']).toBe('object');
    expect(at(roleRef, 'properties', 'from', 'properties')).toEqual({ name: { type: 'string' }, namespace: { type: 'string' } });
    expect(roleRef).not.toHaveProperty('required');
    const keys = Object.keys(at(spec, 'properties'));
    expect(keys).toEqual([...keys].sort());
    expect(keys.indexOf('roleRef')).toBe(keys.indexOf('roleARN') + 1);
    expect(spec['required']).toEqual(['widgetName']);
    // Not required, yet not optional either: one of the two, checked by the API server.
    expect(spec['x-kubernetes-validations']).toEqual([{ rule: 'has(self.roleARN) || has(self.roleRef)', message: 'roleARN or roleRef is required' }]);
  });

  it('puts partRef inside each item of parts, beside partID, which is no longer required there', () => {
    const item = at(spec, 'properties', 'parts', 'items');
    expect(at(item, 'properties', 'partRef', 'properties', 'from', 'properties')).toEqual({ name: { type: 'string' }, namespace: { type: 'string' } });
    expect(item).not.toHaveProperty('required');
    expect(item['x-kubernetes-validations']).toEqual([{ rule: 'has(self.partID) || has(self.partRef)', message: 'partID or partRef is required' }]);
    const plain = inferServiceModel({ service: 'widgets', index, config: {}, configFile: 'generator.yaml' });
    const plainSpec = at(toCrd(plain.resources[0]!, plain), 'spec', 'versions', '0', 'schema', 'openAPIV3Schema', 'properties', 'spec');
    expect(at(plainSpec, 'properties', 'parts', 'items', 'required')).toEqual(['partID']);
    expect(Object.keys(at(item, 'properties'))).toEqual(['count', 'partID', 'partRef', 's3URI']);
    expect(at(spec, 'properties')).not.toHaveProperty('partRef');
  });

  it('stays structural', () => {
    expect(structuralProblems(root)).toEqual([]);
  });
});

describe('references in the descriptor and the TypeScript', () => {
  const d = descriptor.resources[0]!;

  it('carries the reference as data, and keeps roleRef out of the spec shape sent to AWS', () => {
    expect(d.references).toEqual([
      { field: 'partRef', target: 'partID', at: ['parts'], group: 'parts.services.k8s.aws', version: 'v1alpha1', kind: 'Part', plural: 'parts', path: 'status.partID' },
      { field: 'roleRef', target: 'roleARN', group: 'iam.services.k8s.aws', version: 'v1alpha1', kind: 'Role', plural: 'roles', path: 'status.ackResourceMetadata.arn' },
    ]);
    expect(descriptor.shapes['Widget.Spec']!.map((f) => f.json)).not.toContain('roleRef');
  });

  it('types roleRef as AWSResourceReferenceWrapper in the spec interface', () => {
    const kind = typescriptFiles({ model, descriptor }).get('src/resources/widget.ts')!;
    expect(kind).toContain("import type { ResourceDescriptor, AWSResourceReferenceWrapper } from '@ack-ts/runtime/descriptor';");
    expect(kind).toMatch(/roleARN\?: string;\n(.*\n)*?\s+roleRef\?: AWSResourceReferenceWrapper;/);
  });

  it('types a nested reference in the structure that holds it, with its target optional', () => {
    const types = typescriptFiles({ model, descriptor }).get('src/types.ts')!;
    expect(types).toContain("import type { AWSResourceReferenceWrapper } from '@ack-ts/runtime/descriptor';");
    expect(types).toMatch(/export interface Part \{(\n.*)*?\n\s+partID\?: string;\n.*\n\s+partRef\?: AWSResourceReferenceWrapper;/);
  });

  it('omits references where there are none', () => {
    const plain = inferServiceModel({ service: 'widgets', index, config: {}, configFile: 'generator.yaml' });
    expect(toServiceDescriptor(plain, { package: 'p', client: 'c' }).resources[0]).not.toHaveProperty('references');
  });
});

describe('references in RBAC', () => {
  it('grants get/list/watch on the referenced kinds of other services where the CRs are, nested ones too', () => {
    expect(toRbacRules(model).watched).toContainEqual({ apiGroups: ['iam.services.k8s.aws'], resources: ['roles'], verbs: ['get', 'list', 'watch'] });
    expect(toRbacRules(model).watched).toContainEqual({ apiGroups: ['parts.services.k8s.aws'], resources: ['parts'], verbs: ['get', 'list', 'watch'] });
  });

  it('adds no rule for a reference to its own service, whose CRs it already reads', () => {
    const own = inferServiceModel({
      service: 'widgets',
      index,
      config: { resources: { Widget: { fields: { RoleArn: { references: { resource: 'Widget', path: 'Status.ACKResourceMetadata.ARN' } } } } } },
      configFile: 'generator.yaml',
    });
    expect(toRbacRules(own).watched.filter((r) => r.apiGroups.includes('widgets.services.k8s.aws'))).toHaveLength(3);
    const plain = inferServiceModel({ service: 'widgets', index, config: {}, configFile: 'generator.yaml' });
    expect(toRbacRules(own).watched).toEqual(toRbacRules(plain).watched);
  });
});
