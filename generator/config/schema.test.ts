import { stringify } from 'yaml';
import { loadGeneratorConfig } from './load';
import { generatorConfigSchema } from './schema';
import type { GeneratorConfig } from './types';

/** Every optional key made required, all the way down. */
type DeepRequired<T> = T extends (infer U)[]
  ? DeepRequired<U>[]
  : T extends object
    ? { [K in keyof T]-?: DeepRequired<T[K]> }
    : T;

// Every key the TypeScript types declare (the compiler checks that none is
// missing and none is extra), so the schema and the types cannot drift apart.
const everything: DeepRequired<GeneratorConfig> = {
  resources: {
    Thing: {
      fields: {
        Name: {
          is_read_only: false, is_required: true, is_primary_key: true, is_arn: false,
          is_owner_account_id: false, is_attribute: false, is_secret: false, is_immutable: true,
          is_iam_policy: false, is_document: false,
          from: { operation: 'DescribeThing', path: 'Name' },
          custom_field: { list_of: 'Tag', map_of: 'Tag' },
          type: '[]*string', go_tag: 'json:"name"',
          compare: { is_ignored: true, nil_equals_zero_value: true, pre_delete_include: false },
          set: [{ method: 'ReadOne', from: 'Name', to: 'Name', ignore: 'from' }],
          print: { name: 'NAME', priority: 1, index: 2 },
          late_initialize: { min_backoff_seconds: 5, max_backoff_seconds: 60, skip_incomplete_check: {} },
          references: { resource: 'Other', path: 'Status.ID', service_name: 'ec2', skip_resource_state_validations: true },
          custom_sync: {},
          sub_resource: { read: 'GetThingPart', delete: 'DeleteThingPart', unset: { Status: 'Off' }, unset_from_read: ['Name'], not_found: ['NoSuchPart'], read_fields: { Enabled: { path: 'Part.Status', map: { ON: true } } } },
          collection: {
            add: 'AttachThingPolicy', remove: 'DetachThingPolicy', list: 'ListThingPolicies', get: 'GetThingPolicy',
            list_document: { member: 'Policy', items: 'Statement', key: 'Sid', compare: { Principal: { path: 'Principal', as: 'iam_principal' } } }, omit: ['RevisionId'],
          },
        },
      },
      renames: { operations: { CreateThing: { input_fields: { A: 'B' }, output_fields: { C: 'D' } } } },
      hooks: { sdk_file_end: { code: '// go', template_path: 'x.go.tpl' } },
      exceptions: { errors: { '404': { code: 'NotFound', message_prefix: 'a', message_suffix: 'b' } }, terminal_codes: ['X'] },
      reconcile: { requeue_on_success_seconds: 30 },
      synced: { when: [{ path: 'Status.State', in: ['ACTIVE', 1, true] }] },
      updateable: { when: [{ path: 'Status.State', in: ['ACTIVE'] }], requeue_after_seconds: 30 },
      deletable: { when: [{ path: 'Status.State', in: ['ACTIVE'] }], requeue_after_seconds: 30 },
      pre_delete_sync: { compare_all: true },
      update_operation: { custom_method_name: 'u', omit_unchanged_fields: true, only_set_unchanged_fields: false },
      find_operation: { custom_method_name: 'f' },
      delete_operation: { custom_method_name: 'd' },
      list_operation: { match_fields: ['Name'] },
      update_conditions_custom_method_name: 'c',
      unpack_attributes_map: {
        set_attributes_single_attribute: true,
        get_attributes_input: { overrides: { AttributeNames: { values: ['All'] } } },
      },
      compare: { ignore: ['Spec.Tags'] },
      tags: { ignore: false, path: 'Tags', key_name: 'Key', value_name: 'Value' },
      print: {
        add_age_column: true, add_synced_column: false, order_by: 'index',
        additional_columns: [{ name: 'ARN', json_path: '.status.ackResourceMetadata.arn', type: 'string', priority: 1, index: 3 }],
      },
      shortNames: ['th'],
      api_versions: [{ name: 'v1alpha1', served: true, storage: true }],
      is_arn_primary_key: false,
      is_adoptable: true,
      ignore_idempotency_token: true,
    },
  },
  operations: {
    PutThing: {
      operation_type: ['create', 'update'], resource_name: 'Thing',
      custom_implementation: 'c', custom_check_required_fields_missing_method: 'm',
      override_values: { Force: true, Count: 1, Mode: 'x' },
      set_output_custom_method_name: 's', output_wrapper_field_path: 'Thing', input_wrapper_field_path: 'Thing', iam_action: 'GetThing',
      called_by_hooks: true, also_needs: ['iam:PassRole'],
    },
  },
  ignore: { operations: ['A'], resource_names: ['B'], shape_names: ['C'], field_paths: ['D.E'] },
  empty_shapes: ['Empty'],
  prefix_config: { spec_field: '.Spec', status_field: '.Status' },
  include_ack_metadata: true,
  set_many_output_notfound_err_return: 'return nil, ackerr.NotFound',
  sdk_names: { model_name: 'm', package_name: 'p', client_interface: 'I', client_struct: 'S' },
  controller_name: 'things',
  custom_shapes: { Extra: { Field: 'string' } },
};

type Schema = Record<string, unknown>;
const defs = generatorConfigSchema.$defs as Record<string, Schema>;
const resolveRef = (s: Schema): Schema =>
  typeof s.$ref === 'string' ? resolveRef(defs[s.$ref.replace('#/$defs/', '')]!) : s;

/** Paths of schema properties that `value` lacks. */
function missingFrom(schema: Schema, value: unknown, path: string): string[] {
  const s = resolveRef(schema);
  const missing: string[] = [];
  if (Array.isArray(value) && s.items) {
    value.forEach((v, i) => missing.push(...missingFrom(s.items as Schema, v, `${path}[${i}]`)));
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, sub] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) {
      if (!(key in record)) missing.push(`${path}.${key}`);
      else missing.push(...missingFrom(sub, record[key], `${path}.${key}`));
    }
    if (typeof s.additionalProperties === 'object') {
      for (const [key, v] of Object.entries(record)) {
        missing.push(...missingFrom(s.additionalProperties as Schema, v, `${path}.${key}`));
      }
    }
  }
  return missing;
}

describe('schema and types', () => {
  it('the schema accepts every key the types declare', () => {
    expect(loadGeneratorConfig(stringify(everything), 'everything.yaml')).toEqual(everything);
  });

  it('the types declare every key the schema accepts', () => {
    expect(missingFrom(generatorConfigSchema, everything, '')).toEqual([]);
  });
});
