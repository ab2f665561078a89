import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSmithyModel } from '../smithy/load';
import { inferServiceModel } from '../model/resources';
import { toServiceDescriptor } from './descriptor';
import { typescriptFiles } from './typescript';

const FILE = join(__dirname, '../../test/fixtures/widgets.smithy.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const model = inferServiceModel({
  service: 'widgets',
  index,
  config: { resources: { Widget: { fields: { WidgetStatus: { is_read_only: true, from: { operation: 'DescribeWidget', path: 'WidgetStatus' } } } } } },
  configFile: 'generator.yaml',
});
const descriptor = toServiceDescriptor(model, { package: '@aws-sdk/client-widgets', client: 'WidgetsClient' });

describe('toServiceDescriptor', () => {
  it('declares spec and status shapes with both names of each field', () => {
    expect(descriptor.shapes['Widget.Spec']).toContainEqual({ sdk: 'RoleArn', json: 'roleARN', type: 'string' });
    expect(descriptor.shapes['Widget.Spec']).toContainEqual({ sdk: 'Secret', json: 'secret', type: 'string', sensitive: true });
    expect(descriptor.shapes['Widget.Spec']).toContainEqual({ sdk: 'Parts', json: 'parts', type: { list: { struct: 'Part' } } });
    expect(descriptor.shapes['Widget.Status']).toEqual([
      { sdk: 'CreatedAt', json: 'createdAt', type: 'timestamp' },
      { sdk: 'WidgetStatus', json: 'widgetStatus', type: 'string' },
    ]);
  });

  it('includes every structure the operations reach, recursive ones once', () => {
    expect(Object.keys(descriptor.shapes)).toEqual(
      expect.arrayContaining(['Part', 'Node', 'Choice', 'CreateWidgetRequest', 'DescribeWidgetResponse']),
    );
    expect(descriptor.shapes['Node']).toContainEqual({ sdk: 'Children', json: 'children', type: { list: { struct: 'Node' } } });
  });

  it('binds the operations and rules of the kind', () => {
    const w = descriptor.resources[0]!;
    expect(w.operations.create).toEqual({ name: 'CreateWidget', input: 'CreateWidgetRequest', output: 'CreateWidgetResponse', idempotencyToken: 'ClientToken' });
    expect(w.operations.readOne?.name).toBe('DescribeWidget');
    expect(w.primaryKey).toEqual(['spec.widgetName']);
    expect(w.immutable).toEqual(['widgetName']);
    expect(w.notFound).toEqual([{ code: 'NotFound' }]);
  });
});

describe('typescriptFiles', () => {
  const files = typescriptFiles({ model, descriptor, hooksModule: '@ack-ts/api-models/widgets/hooks' });

  it('writes types, one module per kind, the service and main', () => {
    expect([...files.keys()].sort()).toEqual(['src/main.ts', 'src/resources/widget.ts', 'src/service.ts', 'src/types.ts']);
  });

  it('types spec and status from the Smithy shapes, with docs', () => {
    const kind = files.get('src/resources/widget.ts')!;
    expect(kind).toContain('export interface WidgetSpec {');
    expect(kind).toContain('  /** The name. */\n  widgetName: string;');
    expect(kind).toContain("type_?: 'Round' | 'Square';");
    expect(kind).toContain('parts?: T.Part[];');
    expect(kind).toContain('labels?: Record<string, string>;');
    expect(kind).toContain('extra?: unknown;');
    expect(kind).toContain("widgetStatus?: 'Creating' | 'Ready';");
    // The kind names only itself; service, group and version are the service descriptor's.
    expect(kind).toContain("export const widget: ResourceDescriptor = {\n  kind: 'Widget',");
    expect(files.get('src/service.ts')).toMatch(/service: 'widgets',\n  group: 'widgets\.services\.k8s\.aws',\n  version: 'v1alpha1',/);
    expect(files.get('src/types.ts')).toContain('export interface Node {');
  });

  it('wires hooks into main when the service has them', () => {
    expect(files.get('src/main.ts')).toContain("import { hooks } from '@ack-ts/api-models/widgets/hooks';");
    expect(files.get('src/main.ts')).toContain('main(service, { sdk, hooks });');
    const plain = typescriptFiles({ model, descriptor });
    expect(plain.get('src/main.ts')).toContain('main(service, { sdk });');
    // Packages only: nothing reaches into the ack-ts repository by a relative path.
    for (const [path, text] of plain) if (path.endsWith('.ts')) expect(text).not.toMatch(/from '(\.\.\/){2,}/);
    expect(plain.get('src/main.ts')).toContain("import * as sdk from '@aws-sdk/client-widgets';");
  });
});
