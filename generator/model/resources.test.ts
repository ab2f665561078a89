import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors';
import { loadSmithyModel } from '../smithy/load';
import type { GeneratorConfig } from '../config/types';
import { inferServiceModel } from './resources';

const FILE = join(__dirname, '../../test/fixtures/widgets.smithy.json');
const index = loadSmithyModel(readFileSync(FILE, 'utf8'), FILE);
const infer = (config: GeneratorConfig = {}) =>
  inferServiceModel({ service: 'widgets', index, config, configFile: 'generator.yaml' });

describe('inferServiceModel', () => {
  it('turns Create/Describe/Update/Delete into one kind named by ACK rules', () => {
    const model = infer();
    expect(model.group).toBe('widgets.services.k8s.aws');
    expect(model.resources.map((r) => r.kind)).toEqual(['Widget']);
    const w = model.resources[0]!;
    expect(w.plural).toBe('widgets');
    expect(Object.fromEntries(Object.entries(w.operations).map(([k, v]) => [k, v!.name]))).toEqual({
      create: 'CreateWidget', readOne: 'DescribeWidget', update: 'UpdateWidget', delete: 'DeleteWidget',
    });
    expect(w.spec.map((f) => f.json)).toEqual(['choice', 'clientToken', 'extra', 'labels', 'parts', 'roleARN', 'secret', 'size', 'tree', 'type_', 'widgetName']);
    expect(w.status.map((f) => f.json)).toEqual(['createdAt']);
    expect(w.arnMember).toBe('WidgetArn');
    expect(w.primaryKey).toEqual(['spec.widgetName']);
    expect(w.notFound).toEqual([{ code: 'NotFound' }]);
  });

  it('ARN-keyed kinds: an operation without an ARN member takes the ARN in its name member (ACK ModelPackage)', () => {
    const w = infer({ resources: { Widget: { is_arn_primary_key: true } } }).resources[0]!;
    expect(w.primaryKey).toEqual(['status.ackResourceMetadata.arn']);
    expect(w.operations.readOne?.inputRenames).toEqual({ WidgetArn: 'WidgetName' });
    expect(w.operations.create.inputRenames).toBeUndefined();
    expect(infer().resources[0]!.operations.readOne?.inputRenames).toBeUndefined();
  });

  it('skips a resource without a read operation, saying why', () => {
    expect(infer().skipped).toEqual([{ name: 'Gadget', reason: expect.stringContaining('no read operation') }]);
  });

  it('applies field configs: from, read-only, print, primary key, immutability, ignore token', () => {
    const w = infer({
      resources: {
        Widget: {
          ignore_idempotency_token: true,
          fields: {
            WidgetStatus: { is_read_only: true, from: { operation: 'DescribeWidget', path: 'WidgetStatus' }, print: { name: 'STATUS' } },
            Size: { is_immutable: true, late_initialize: {} },
            'Parts.S3Uri': { is_immutable: true },
          },
          exceptions: { errors: { '404': { code: 'ValidationException', message_prefix: 'Could not find' } }, terminal_codes: ['InvalidParameterValue'] },
          synced: { when: [{ path: 'Status.WidgetStatus', in: ['Ready'] }] },
          reconcile: { requeue_on_success_seconds: 30 },
        },
      },
    }).resources[0]!;
    expect(w.spec.map((f) => f.json)).not.toContain('clientToken');
    expect(w.status.map((f) => f.json)).toEqual(['createdAt', 'widgetStatus']);
    expect(w.immutable).toEqual(['parts.s3URI', 'size', 'widgetName']);
    expect(w.lateInitialize).toEqual(['size']);
    expect(w.printerColumns.map((c) => [c.name, c.jsonPath])).toEqual([
      ['STATUS', '.status.widgetStatus'],
      ['Synced', '.status.conditions[?(@.type=="ACK.ResourceSynced")].status'],
      ['Age', '.metadata.creationTimestamp'],
    ]);
    expect(w.notFound).toEqual([{ code: 'ValidationException', messagePrefix: 'Could not find' }]);
    expect(w.terminalCodes).toEqual(['InvalidParameterValue']);
    expect(w.synced).toEqual([{ path: 'status.widgetStatus', in: ['Ready'] }]);
    expect(w.requeueOnSuccessSeconds).toBe(30);
  });

  it('never requires an idempotency token, and names it for the runtime whether or not the spec keeps it', () => {
    const kept = infer().resources[0]!;
    expect(kept.spec.find((f) => f.json === 'clientToken')).toMatchObject({ required: false });
    expect(kept.idempotencyToken).toBe('ClientToken');
    const dropped = infer({ resources: { Widget: { ignore_idempotency_token: true } } }).resources[0]!;
    expect(dropped.spec.map((f) => f.json)).not.toContain('clientToken');
    expect(dropped.idempotencyToken).toBe('ClientToken');
  });

  it('lists the spec fields the update operation cannot carry, leaving out immutable and ignored ones', () => {
    // UpdateWidget's input has WidgetName only.
    const w = infer({ resources: { Widget: { fields: { Size: { compare: { is_ignored: true } } } } } }).resources[0]!;
    expect(w.createOnly).toEqual(['choice', 'clientToken', 'extra', 'labels', 'parts', 'roleARN', 'secret', 'tree', 'type_']);
    expect(infer({ ignore: { operations: ['UpdateWidget'] } }).resources[0]!.createOnly).toEqual([]);
  });

  it('removes ignored members everywhere the shape is used', () => {
    const model = infer({ ignore: { field_paths: ['CreateWidgetInput.Tree', 'Part.S3Uri'] } });
    expect(model.resources[0]!.spec.map((f) => f.json)).not.toContain('tree');
    const partShape = 'com.example.widgets#Part';
    expect(model.members(partShape).map((f) => f.json)).toEqual(['partID', 'count']);
  });

  const bad: [string, GeneratorConfig, string, RegExp][] = [
    ['an unknown operation', { operations: { CreateWidgit: { operation_type: 'create', resource_name: 'Widget' } } }, 'operations.CreateWidgit', /did you mean "CreateWidget"/],
    ['an unknown ignored shape', { ignore: { shape_names: ['Partt'] } }, 'ignore.shape_names[0]', /did you mean "Part"/],
    ['an unknown field path member', { ignore: { field_paths: ['Part.S3Url'] } }, 'ignore.field_paths[0]', /did you mean "S3Uri"/],
    ['an unknown resource', { resources: { Gizmo: {} } }, 'resources.Gizmo', /names no resource/],
    ['an unknown field', { resources: { Widget: { fields: { Colour: { is_immutable: true } } } } }, 'resources.Widget.fields.Colour', /names no field/],
    ['a from path that is not there', { resources: { Widget: { fields: { Colour: { is_read_only: true, from: { operation: 'DescribeWidget', path: 'Colour' } } } } } }, 'resources.Widget.fields.Colour.from', /not a member path/],
    ['a synced value outside the enum', { resources: { Widget: { fields: { WidgetStatus: { is_read_only: true, from: { operation: 'DescribeWidget', path: 'WidgetStatus' } } }, synced: { when: [{ path: 'Status.WidgetStatus', in: ['Redy'] }] } } } }, 'resources.Widget.synced.when[0].in', /did you mean "Ready"/],
  ];
  it.each(bad)('rejects %s, naming the key', (_what, config, at, message) => {
    let err: unknown;
    try {
      infer(config);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GeneratorError);
    expect((err as GeneratorError).at).toBe(at);
    expect((err as GeneratorError).format()).toMatch(message);
    expect((err as GeneratorError).format()).not.toContain('\n');
  });
});
