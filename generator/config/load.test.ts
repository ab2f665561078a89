import { readdirSync, existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { GeneratorError } from '../errors';
import { loadGeneratorConfig } from './load';

const FILE = 'api-models/demo/generator.yaml';

/** The one-line error `text` produces. */
function errorOf(text: string): string {
  try {
    loadGeneratorConfig(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(GeneratorError);
    const line = (e as GeneratorError).format();
    expect(line).not.toContain('\n');
    return line;
  }
  throw new Error('expected a GeneratorError');
}

describe('loadGeneratorConfig: happy path', () => {
  it('reads ACK options as written', () => {
    const config = loadGeneratorConfig(
      `
operations:
  StopTrainingJob:
    operation_type: Delete          # ACK compares case-insensitively
    resource_name: TrainingJob
  RegisterScalableTarget:
    operation_type: [create, update]
    resource_name: ScalableTarget
  UpdateEndpoint:
    override_values:
      RetainAllVariantProperties: true
ignore:
  resource_names: [Algorithm]
  field_paths: [CreateEndpointConfigInput.ShadowProductionVariants]
resources:
  TrainingJob:
    exceptions:
      errors:
        404:                        # an integer key in YAML
          code: ValidationException
          message_prefix: Requested resource not found
      terminal_codes: [ResourceInUse]
    reconcile:
      requeue_on_success_seconds: 300
    synced:
      when:
        - path: Status.TrainingJobStatus
          in: [Completed, Failed, Stopped]
    hooks:                          # ACK's Go hooks: accepted, not used
      sdk_read_one_post_set_output:
        code: rm.customSetOutput(&resource{ko})
      sdk_delete_pre_build_request:
        template_path: common/sdk_delete_pre_build_request.go.tpl
    fields:
      TrainingJobName:
        is_primary_key: true
        is_immutable: true
      TrainingJobStatus:
        is_read_only: true
        from: {operation: DescribeTrainingJob, path: TrainingJobStatus}
        print: {name: STATUS, index: 0}
      EnableNetworkIsolation:
        late_initialize: {}
      ResourceConfig.InstanceCount:
        late_initialize:
          min_backoff_seconds: 5
      Tags:
        compare: {is_ignored: true}
    print:
      add_age_column: true
      order_by: Index
    shortNames: [tj]
    tags:
      key_name: Key
`,
      FILE,
    );
    expect(config.operations?.StopTrainingJob).toEqual({ operation_type: 'Delete', resource_name: 'TrainingJob' });
    expect(config.operations?.RegisterScalableTarget?.operation_type).toEqual(['create', 'update']);
    expect(config.operations?.UpdateEndpoint?.override_values).toEqual({ RetainAllVariantProperties: true });
    const tj = config.resources?.TrainingJob;
    expect(tj?.exceptions?.errors?.['404']?.code).toBe('ValidationException');
    expect(tj?.synced?.when?.[0]).toEqual({ path: 'Status.TrainingJobStatus', in: ['Completed', 'Failed', 'Stopped'] });
    expect(tj?.fields?.EnableNetworkIsolation?.late_initialize).toEqual({});
    expect(tj?.fields?.['ResourceConfig.InstanceCount']?.late_initialize).toEqual({ min_backoff_seconds: 5 });
    expect(tj?.print).toEqual({ add_age_column: true, order_by: 'Index' });
    expect(tj?.synced?.when?.[0]?.in).toEqual(['Completed', 'Failed', 'Stopped']);
    expect(tj?.hooks?.sdk_read_one_post_set_output?.code).toContain('customSetOutput');
  });

  it('treats an empty file as the empty config', () => {
    expect(loadGeneratorConfig('', FILE)).toEqual({});
    expect(loadGeneratorConfig('# nothing yet\n', FILE)).toEqual({});
  });

  const apiModels = resolve(__dirname, '../../api-models');
  const configs = existsSync(apiModels)
    ? readdirSync(apiModels)
        .map((svc) => join('api-models', svc, 'generator.yaml'))
        .filter((f) => existsSync(resolve(__dirname, '../..', f)))
    : [];
  it.each(configs.length > 0 ? configs : ['(none)'])('loads %s', (file) => {
    if (file === '(none)') return;
    const config = loadGeneratorConfig(readFileSync(resolve(__dirname, '../..', file), 'utf8'), file);
    expect(Object.keys(config.resources ?? {}).length).toBeGreaterThan(0);
  });
});

describe('loadGeneratorConfig: bad input is one line naming file and key path', () => {
  it('unknown key, nested, with did-you-mean', () => {
    const text = 'resources:\n  TrainingJob:\n    fields:\n      RoleArn:\n        is_primry_key: true\n';
    expect(errorOf(text)).toBe(
      `${FILE}: resources.TrainingJob.fields.RoleArn.is_primry_key: unknown key "is_primry_key" at line 5:9 (did you mean "is_primary_key"?)`,
    );
  });

  it('unknown key at the top level, with did-you-mean', () => {
    expect(errorOf('resource:\n  TrainingJob: {}\n')).toBe(
      `${FILE}: resource: unknown key "resource" at line 1:1 (did you mean "resources"?)`,
    );
  });

  it('unknown key with nothing close lists what is allowed', () => {
    expect(errorOf('resources:\n  A:\n    tags:\n      flavour: x\n')).toBe(
      `${FILE}: resources.A.tags.flavour: unknown key "flavour" at line 4:7 (allowed here: ignore, path, key_name, value_name)`,
    );
  });

  it('wrong type', () => {
    expect(errorOf('resources:\n  A:\n    print: yes\n')).toBe(
      `${FILE}: resources.A.print: expected object, got string "yes" at line 3:12`,
    );
    expect(errorOf('resources:\n  A:\n    shortNames: tj\n')).toBe(
      `${FILE}: resources.A.shortNames: expected list, got string "tj" at line 3:17`,
    );
    expect(errorOf('resources:\n  A:\n    fields:\n      X:\n')).toBe(
      `${FILE}: resources.A.fields.X: expected object, got nothing (an empty value) at line 4:7`,
    );
    expect(errorOf('- a\n')).toBe(`${FILE}: expected object, got a list at line 1:1`);
  });

  it('wrong operation_type value, alone or in a list', () => {
    expect(errorOf('operations:\n  StartX:\n    operation_type: Craete\n    resource_name: X\n')).toMatch(
      /^api-models\/demo\/generator\.yaml: operations\.StartX\.operation_type: unknown operation_type "Craete" at line 3:21 \(did you mean "create"\? allowed, in any case: create, createbatch, /,
    );
    expect(errorOf('operations:\n  StartX:\n    operation_type: [Create, reed_one]\n    resource_name: X\n')).toContain(
      'operations.StartX.operation_type[1]: unknown operation_type "reed_one" at line 3:30 (did you mean "read_one"?',
    );
  });

  it('operation_type without resource_name', () => {
    expect(errorOf('operations:\n  StartX:\n    operation_type: create\n')).toBe(
      `${FILE}: operations.StartX: "operation_type" needs "resource_name" as well at line 3:5`,
    );
  });

  it('missing required keys and bad values', () => {
    expect(errorOf('resources:\n  A:\n    fields:\n      X:\n        from: {operation: DescribeA}\n')).toBe(
      `${FILE}: resources.A.fields.X.from: missing required key "path" at line 5:15`,
    );
    expect(errorOf('resources:\n  A:\n    exceptions:\n      errors:\n        40x: {code: X}\n')).toBe(
      `${FILE}: resources.A.exceptions.errors.40x: invalid key "40x": expected an HTTP status code such as 404 at line 5:9`,
    );
    expect(errorOf('resources:\n  A:\n    reconcile: {requeue_on_success_seconds: -1}\n')).toBe(
      `${FILE}: resources.A.reconcile.requeue_on_success_seconds: expected a number ≥ 0, got number -1 at line 3:45`,
    );
    expect(errorOf('resources:\n  A:\n    fields:\n      X:\n        set: [{method: Created}]\n')).toBe(
      `${FILE}: resources.A.fields.X.set[0].method: expected one of "Create", "Update", "Delete", "ReadOne", got string "Created" at line 5:24`,
    );
  });

  it('reads YAML 1.2: yes, ON and N stay strings', () => {
    expect(errorOf('resources:\n  A:\n    fields:\n      X: {is_arn: yes}\n')).toBe(
      `${FILE}: resources.A.fields.X.is_arn: expected boolean, got string "yes" at line 4:19`,
    );
    const config = loadGeneratorConfig('resources:\n  A:\n    synced:\n      when: [{path: Status.S, in: [ON, N]}]\n', FILE);
    expect(config.resources?.A?.synced?.when?.[0]?.in).toEqual(['ON', 'N']);
  });

  it('reports the problem nearest the top of the file', () => {
    expect(errorOf('resources:\n  A:\n    print: yes\nignore:\n  resource_name: [B]\n')).toContain('resources.A.print');
  });

  it('YAML syntax errors give line:col', () => {
    expect(errorOf('resources:\n  A: [\n')).toMatch(/^api-models\/demo\/generator\.yaml: 3:1: invalid YAML: /);
    expect(errorOf('resources:\n  A: {}\n  A: {}\n')).toBe(
      `${FILE}: 3:3: invalid YAML: Map keys must be unique`,
    );
    expect(errorOf('resources:\n\tA: {}\n')).toMatch(/^api-models\/demo\/generator\.yaml: 2:1: invalid YAML: /);
  });
});
