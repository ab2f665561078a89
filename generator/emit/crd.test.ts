import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSmithyModel } from '../smithy/load';
import { inferServiceModel } from '../model/resources';
import { clearableWithEmpty, toCrd, type Schema } from './crd';
import { structuralProblems } from './structural';

const FILE = join(__dirname, '../../test/fixtures/widgets.smithy.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const model = inferServiceModel({
  service: 'widgets',
  index,
  config: { resources: { Widget: { fields: { Size: { is_immutable: true } }, shortNames: ['wd'] } } },
  configFile: 'generator.yaml',
});
const crd = toCrd(model.resources[0]!, model);
const at = (s: Schema, ...path: string[]): Schema => path.reduce((o, k) => o[k] as Schema, s);
const version = at(crd, 'spec', 'versions', '0');
const root = at(version, 'schema', 'openAPIV3Schema');
const spec = at(root, 'properties', 'spec');
const props = at(spec, 'properties');

describe('toCrd', () => {
  it('is a namespaced v1 CRD with the status subresource, categories and short names', () => {
    expect(at(crd, 'metadata', 'name')).toBe('widgets.widgets.services.k8s.aws');
    expect(at(crd, 'spec', 'scope')).toBe('Namespaced');
    expect(at(crd, 'spec', 'names')).toEqual({
      kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget', shortNames: ['wd'], categories: ['aws', 'widgets'],
    });
    expect(version['subresources']).toEqual({ status: {} });
  });

  it('is structural', () => {
    expect(structuralProblems(root)).toEqual([]);
  });

  it('maps Smithy types and constraints to OpenAPI', () => {
    expect(props['widgetName']).toMatchObject({ type: 'string', minLength: 1, maxLength: 63, description: 'The name.\n\nRegex Pattern: `^[a-z]+$`' });
    expect(props['size']).toMatchObject({ type: 'integer', format: 'int64', minimum: 1, maximum: 100 });
    expect(props['labels']).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(props['extra']).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(at(props, 'parts', 'items')).toMatchObject({ type: 'object', required: ['partID'] });
    expect(at(props, 'choice')).toMatchObject({ type: 'object', maxProperties: 1 });
    expect(at(root, 'properties', 'status', 'properties', 'createdAt')).toEqual({ type: 'string', format: 'date-time' });
  });

  it('bounds only what users write: status fields (what AWS reports) carry no length or range limits', () => {
    const m = inferServiceModel({
      service: 'widgets',
      index,
      config: { resources: { Widget: { fields: { ObservedSize: { is_read_only: true, from: { operation: 'DescribeWidget', path: 'Size' } } } } } },
      configFile: 'generator.yaml',
    });
    const status = at(toCrd(m.resources[0]!, m), 'spec', 'versions', '0', 'schema', 'openAPIV3Schema', 'properties', 'status', 'properties');
    expect(status['observedSize']).toEqual({ type: 'integer', format: 'int64' });
  });

  it('validates spec strings with the Smithy pattern, in RE2; status fields take none', () => {
    expect(props['widgetName']).toMatchObject({ pattern: '^[a-z]+$' });
    const m = inferServiceModel({
      service: 'widgets',
      index,
      config: { resources: { Widget: { fields: { ObservedName: { is_read_only: true, from: { operation: 'DescribeWidget', path: 'WidgetName' } } } } } },
      configFile: 'generator.yaml',
    });
    const status = at(toCrd(m.resources[0]!, m), 'spec', 'versions', '0', 'schema', 'openAPIV3Schema', 'properties', 'status', 'properties');
    expect(status['observedName']).toEqual({ type: 'string', description: 'Regex Pattern: `^[a-z]+$`' });
  });

  it('stops at recursion with preserve-unknown-fields', () => {
    expect(at(props, 'tree', 'properties', 'children', 'items')).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  });

  it('requires what the Create input requires, only in spec', () => {
    expect(spec['required']).toEqual(['widgetName']);
  });

  it('makes the primary key and is_immutable fields immutable with CEL', () => {
    const rule = [{ rule: 'self == oldSelf', message: 'Value is immutable once set' }];
    expect(props['widgetName']!).toHaveProperty('x-kubernetes-validations', rule);
    expect(props['size']!).toHaveProperty('x-kubernetes-validations', rule);
    expect(props['roleARN']!).not.toHaveProperty('x-kubernetes-validations');
  });

  it('has the common ACK status and a Synced column', () => {
    const status = at(root, 'properties', 'status', 'properties');
    expect(Object.keys(at(status, 'ackResourceMetadata', 'properties'))).toEqual(['arn', 'ownerAccountID', 'partition', 'region']);
    expect(at(status, 'conditions', 'items', 'required')).toEqual(['status', 'type']);
    expect(version['additionalPrinterColumns']).toContainEqual({
      name: 'Synced', type: 'string', jsonPath: '.status.conditions[?(@.type=="ACK.ResourceSynced")].status',
    });
  });
});

describe('structuralProblems', () => {
  it('finds a node without a type and an array without items', () => {
    expect(structuralProblems({ type: 'object', properties: { a: {}, b: { type: 'array' } } })).toEqual(['.a: no type', '.b: array without items']);
  });
});

describe('bounds that say nothing', () => {
  it('leaves out a maximum beyond what a request can carry (Redshift @length(max: 2147483647)), which would price CEL rules out', () => {
    const { tinyModel } = require('../../test/fixtures/tiny-model') as typeof import('../../test/fixtures/tiny-model');
    const idx = tinyModel(
      { CreateThing: { input: { ThingName: 'Name!' } }, DescribeThing: { input: { ThingName: 'Name!' }, output: { ThingName: 'Name' } } },
      { Name: { type: 'string', traits: { 'smithy.api#length': { min: 1, max: 2147483647 } } } },
    );
    const m = inferServiceModel({ service: 'tiny', index: idx, config: {}, configFile: '(none)' });
    const name = at(toCrd(m.resources[0]!, m), 'spec', 'versions', '0', 'schema', 'openAPIV3Schema', 'properties', 'spec', 'properties', 'thingName');
    expect(name).toMatchObject({ type: 'string', minLength: 1, 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] });
    expect(name['maxLength']).toBeUndefined();
  });
});

describe('optional string parts (sub-resources)', () => {
  it('admit "" (how ACK manifests clear one) besides the pattern; other types are left alone', () => {
    expect(clearableWithEmpty({ type: 'string', minLength: 20, maxLength: 200, pattern: '^arn:[a-z]+$' })).toEqual({ type: 'string', maxLength: 200, pattern: '^$|(?:^arn:[a-z]+$)' });
    expect(clearableWithEmpty({ type: 'string', minLength: 1 })).toEqual({ type: 'string' });
    expect(clearableWithEmpty({ type: 'object', minProperties: 1 })).toEqual({ type: 'object', minProperties: 1 });
  });
});
