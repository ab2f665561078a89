import { OPERATION_TYPES } from './types';

/**
 * generator.yaml as a JSON Schema (draft 2020-12, checked by ajv). Every object
 * is closed (`additionalProperties: false`) so a misspelt key is an error, as
 * in ACK's strict YAML loading. `x-allowed` lists the values behind a
 * case-insensitive pattern, for the error message.
 */
type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const seconds: Schema = { type: 'integer', minimum: 0 };
const int: Schema = { type: 'integer' };
const strList: Schema = { type: 'array', items: str };
const strMap: Schema = { type: 'object', additionalProperties: str };
const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
const mapOf = (value: Schema): Schema => ({ type: 'object', additionalProperties: value });
const listOf = (item: Schema): Schema => ({ type: 'array', items: item });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  additionalProperties: false,
  ...(required.length > 0 ? { required } : {}),
});

/** Matches any of `values` ignoring case, as ACK compares them. */
function oneOfIgnoringCase(values: readonly string[]): Schema {
  const ci = (v: string) => v.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
  return { type: 'string', pattern: `^(?:${values.map(ci).join('|')})$`, 'x-allowed': values };
}

const operationType = oneOfIgnoringCase(OPERATION_TYPES);

export const generatorConfigSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ack-ts.dev/schemas/generator.yaml',
  ...obj({
    resources: mapOf(ref('resource')),
    operations: mapOf(ref('operation')),
    ignore: obj({
      operations: strList,
      resource_names: strList,
      shape_names: strList,
      field_paths: strList,
    }),
    empty_shapes: strList,
    prefix_config: obj({ spec_field: str, status_field: str }),
    include_ack_metadata: bool,
    set_many_output_notfound_err_return: str,
    sdk_names: obj({ model_name: str, package_name: str, client_interface: str, client_struct: str }),
    // Part of the API group, so a DNS label.
    controller_name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    custom_shapes: mapOf(strMap),
  }),
  $defs: {
    operation: {
      ...obj({
        operation_type: { ...operationType, type: ['string', 'array'], items: operationType },
        resource_name: { type: ['string', 'array'], items: str },
        custom_implementation: str,
        custom_check_required_fields_missing_method: str,
        override_values: mapOf({ type: ['string', 'number', 'boolean'] }),
        set_output_custom_method_name: str,
        output_wrapper_field_path: str,
        input_wrapper_field_path: str,
        iam_action: str,
        called_by_hooks: bool,
        also_needs: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9-]+:[A-Za-z0-9*]+$' } },
      }),
      dependentRequired: { operation_type: ['resource_name'] },
    },
    resource: obj({
      fields: mapOf(ref('field')),
      renames: obj({
        operations: mapOf(obj({ input_fields: strMap, output_fields: strMap })),
      }),
      hooks: mapOf(obj({ code: str, template_path: str })),
      exceptions: obj({
        errors: {
          type: 'object',
          propertyNames: { pattern: '^[1-5][0-9][0-9]$' },
          additionalProperties: obj({ code: str, message_prefix: str, message_suffix: str }, ['code']),
        },
        terminal_codes: strList,
      }),
      reconcile: obj({ requeue_on_success_seconds: seconds }),
      synced: obj({ when: listOf(ref('condition')) }),
      updateable: ref('guard'),
      deletable: ref('guard'),
      pre_delete_sync: obj({ compare_all: bool }),
      update_operation: obj({
        custom_method_name: str,
        omit_unchanged_fields: bool,
        only_set_unchanged_fields: bool,
      }),
      find_operation: obj({ custom_method_name: str }),
      delete_operation: obj({ custom_method_name: str }),
      list_operation: obj({ match_fields: strList }),
      update_conditions_custom_method_name: str,
      unpack_attributes_map: obj({
        set_attributes_single_attribute: bool,
        get_attributes_input: obj({ overrides: mapOf(obj({ values: strList })) }),
      }),
      compare: obj({ ignore: strList }),
      tags: obj({ ignore: bool, path: str, key_name: str, value_name: str }),
      print: obj({
        add_age_column: bool,
        add_synced_column: bool,
        order_by: oneOfIgnoringCase(['name', 'type', 'jsonpath', 'index']),
        additional_columns: listOf(
          obj({ name: str, json_path: str, type: str, priority: int, index: int }, ['name', 'json_path', 'type']),
        ),
      }),
      shortNames: strList,
      api_versions: listOf(obj({ name: str, served: bool, storage: bool }, ['name'])),
      is_arn_primary_key: bool,
      is_adoptable: bool,
      ignore_idempotency_token: bool,
    }),
    field: obj({
      is_read_only: bool,
      is_required: bool,
      is_primary_key: bool,
      is_arn: bool,
      is_owner_account_id: bool,
      is_attribute: bool,
      is_secret: bool,
      is_immutable: bool,
      is_iam_policy: bool,
      is_document: bool,
      from: obj({ operation: str, path: str }, ['operation', 'path']),
      custom_field: obj({ list_of: str, map_of: str }),
      type: str,
      go_tag: str,
      compare: obj({ is_ignored: bool, nil_equals_zero_value: bool, pre_delete_include: bool }),
      set: listOf(
        obj({
          method: { enum: ['Create', 'Update', 'Delete', 'ReadOne'] },
          from: str,
          to: str,
          ignore: { enum: [true, false, 'from', 'to', 'all'] },
        }),
      ),
      print: obj({ name: str, priority: int, index: int }),
      late_initialize: obj({ min_backoff_seconds: seconds, max_backoff_seconds: seconds, skip_incomplete_check: obj({}) }),
      references: obj({ resource: str, path: str, service_name: str, skip_resource_state_validations: bool }, [
        'resource',
        'path',
      ]),
      custom_sync: obj({}),
      sub_resource: obj({
        read: str,
        delete: str,
        unset: mapOf({ type: ['string', 'number', 'boolean'] }),
        unset_from_read: strList,
        not_found: strList,
        read_fields: mapOf(obj({ path: str, map: mapOf({ type: ['string', 'number', 'boolean'] }) }, ['path'])),
      }),
      collection: obj(
        { add: str, remove: str, list: str, get: str, list_document: obj(
            { member: str, items: str, key: str, compare: mapOf(obj({ path: str, as: { enum: ['iam_principal'] } }, ['path'])) },
            ['member', 'items', 'key'],
          ),
          omit: strList,
        },
        ['add', 'remove', 'list'],
      ),
    }),
    // ACK takes strings only; numbers and booleans are accepted for status fields of those types.
    condition: obj({ path: str, in: listOf({ type: ['string', 'number', 'boolean'] }) }, ['path', 'in']),
    guard: obj({ when: listOf(ref('condition')), requeue_after_seconds: seconds }),
  },
};
