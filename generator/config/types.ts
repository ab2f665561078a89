/**
 * generator.yaml, with ACK's option names and meanings (code-generator
 * pkg/config; ../shared/reference/ack-codegen.md §4). Keys are spelled as in
 * the YAML, so an ACK config reads the same here. `schema.ts` is the same
 * shape as a JSON Schema; a test keeps the two in step.
 */

/** One value or a list of them (ACK's StringArray). */
export type OneOrMany<T> = T | T[];

/**
 * ACK's operation types, matched case-insensitively (`OpTypeFromString`).
 * `get`/`readone`/`read_one` are one type, as are `list`/`readmany`/`read_many`.
 */
export const OPERATION_TYPES = [
  'create', 'createbatch', 'delete', 'replace', 'update',
  'addchild', 'addchildren', 'removechild', 'removechildren',
  'get', 'readone', 'read_one', 'list', 'readmany', 'read_many',
  'getattributes', 'get_attributes', 'setattributes', 'set_attributes',
] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export interface GeneratorConfig {
  /** Per-kind instructions, keyed by resource name (matched case-insensitively by ACK). */
  resources?: Record<string, ResourceConfig>;
  /** Per-operation instructions, keyed by operation name. */
  operations?: Record<string, OperationConfig>;
  ignore?: IgnoreConfig;
  /** Memberless structures, rendered as string maps. */
  empty_shapes?: string[];
  /** Go accessor prefixes; accepted for compatibility, no effect on TypeScript output. */
  prefix_config?: { spec_field?: string; status_field?: string };
  /** Whether status carries ackResourceMetadata (ACK default true). */
  include_ack_metadata?: boolean;
  /** Go return statement; accepted for compatibility. */
  set_many_output_notfound_err_return?: string;
  sdk_names?: { model_name?: string; package_name?: string; client_interface?: string; client_struct?: string };
  /** API group prefix and user-facing controller name when not the service name (docdb → documentdb). */
  controller_name?: string;
  /** New string-only structures: `{ShapeName: {member: type}}`, usable from `custom_field`. */
  custom_shapes?: Record<string, Record<string, string>>;
}

export interface IgnoreConfig {
  /** Operation names dropped from every resource. */
  operations?: string[];
  /** Resources (exact names) that get no CRD. */
  resource_names?: string[];
  /** Shapes removed from the API, with every member that targets them. */
  shape_names?: string[];
  /** `<Shape>.<member>[.<member>…]`, shape names as ACK spells them (`CreateXInput`). */
  field_paths?: string[];
}

export interface OperationConfig {
  /** Overrides the verb heuristic; needs `resource_name`. */
  operation_type?: OneOrMany<string>;
  resource_name?: OneOrMany<string>;
  /** ACK: a hand-written Go method replacing the SDK call. */
  custom_implementation?: string;
  custom_check_required_fields_missing_method?: string;
  /**
   * Input members forced to a value. ACK writes Go expressions (`aws.Bool(true)`);
   * here the value itself (`true`).
   */
  override_values?: Record<string, string | number | boolean>;
  set_output_custom_method_name?: string;
  /** Dotted path to the output member that holds the resource (`Repository`). */
  output_wrapper_field_path?: string;
  /** Dotted path to the input member that holds the resource; spec is flattened from it. */
  input_wrapper_field_path?: string;
  /**
   * ack-ts: the IAM action this operation needs, where it is not the operation's name and the model
   * has no `aws.iam#iamAction` trait (S3: GetBucketEncryption needs s3:GetEncryptionConfiguration).
   */
  iam_action?: string;
  /** ack-ts: a kind's hooks call this operation (not bound in any descriptor): its action joins the IAM policy. */
  called_by_hooks?: boolean;
  /**
   * ack-ts: actions AWS also requires for this operation, listed in the IAM policy wherever the
   * operation is (`iam:PassRole` for IAM's AddRoleToInstanceProfile, or ECR's rules with a custom role).
   */
  also_needs?: string[];
}

export interface ResourceConfig {
  /** Keyed by field path (`RoleArn`, `ResourceSpec.InstanceType`). */
  fields?: Record<string, FieldConfig>;
  renames?: { operations?: Record<string, OperationRenames> };
  /**
   * ACK's Go hook code (`code` / `template_path`). Accepted so ACK configs load,
   * and ignored: ack-ts hooks are TypeScript in api-models/<service>/hooks/.
   */
  hooks?: Record<string, HookConfig>;
  exceptions?: ExceptionsConfig;
  reconcile?: { requeue_on_success_seconds?: number };
  /** Synced only when every condition holds. */
  synced?: { when?: StatusCondition[] };
  /** Requeue an update until the conditions hold. */
  updateable?: GuardConfig;
  /** Requeue a delete until the conditions hold. */
  deletable?: GuardConfig;
  pre_delete_sync?: { compare_all?: boolean };
  update_operation?: {
    custom_method_name?: string;
    omit_unchanged_fields?: boolean;
    only_set_unchanged_fields?: boolean;
  };
  find_operation?: { custom_method_name?: string };
  delete_operation?: { custom_method_name?: string };
  /** Fields that pick the resource out of an unfiltered List output. */
  list_operation?: { match_fields?: string[] };
  update_conditions_custom_method_name?: string;
  unpack_attributes_map?: UnpackAttributesMapConfig;
  /** Field paths the delta ignores. */
  compare?: { ignore?: string[] };
  tags?: TagsConfig;
  print?: PrintConfig;
  /** CRD short names (camelCase key, as in ACK). */
  shortNames?: string[];
  api_versions?: Array<{ name: string; served?: boolean; storage?: boolean }>;
  /** ReadOne is keyed by the ARN. */
  is_arn_primary_key?: boolean;
  /** Whether AdoptedResource may adopt it (ACK default true). */
  is_adoptable?: boolean;
  /** Drop idempotency-token members from spec. */
  ignore_idempotency_token?: boolean;
}

export interface FieldConfig {
  /** The field goes to status. */
  is_read_only?: boolean;
  is_required?: boolean;
  is_primary_key?: boolean;
  /** The resource ARN; goes to status.ackResourceMetadata.arn. */
  is_arn?: boolean;
  /** Goes to status.ackResourceMetadata.ownerAccountID. */
  is_owner_account_id?: boolean;
  /** Lives in an SNS/SQS-style `Attributes` string map. */
  is_attribute?: boolean;
  /** A SecretKeyReference in the CRD (for maps: the values). */
  is_secret?: boolean;
  /** Rejected by the API server once set (CEL `self == oldSelf`). */
  is_immutable?: boolean;
  is_iam_policy?: boolean;
  is_document?: boolean;
  /** Take the field's type (and value) from another operation's member. */
  from?: { operation: string; path: string };
  custom_field?: { list_of?: string; map_of?: string };
  /** Explicit type (ACK: a Go type such as `[]*string`). */
  type?: string;
  go_tag?: string;
  compare?: { is_ignored?: boolean; nil_equals_zero_value?: boolean; pre_delete_include?: boolean };
  set?: SetFieldConfig[];
  /** A printer column. */
  print?: { name?: string; priority?: number; index?: number };
  /** Copy the server's default into spec after create; `{}` for ACK's defaults. */
  late_initialize?: {
    min_backoff_seconds?: number;
    max_backoff_seconds?: number;
    skip_incomplete_check?: Record<string, never>;
  };
  /** Adds `<Field>Ref` resolved from another ACK resource. */
  references?: { resource: string; path: string; service_name?: string; skip_resource_state_validations?: boolean };
  custom_sync?: Record<string, never>;
  /**
   * ack-ts: how a sub-resource field (one `from:` a Put/Update/Set operation of its own, or a
   * `custom_field` list whose items have one) is read and removed, where AWS's naming families
   * do not say: the Get/List operation, the Delete operation, or the value put when the field is
   * removed and there is no Delete (SDK member names, e.g. `{Status: Suspended}`).
   */
  sub_resource?: SubResourceConfig;
  /**
   * ack-ts: a list (`[]*string`) or map (`map[string]*string`) field AWS keeps element by element:
   * `add` puts one element, `remove` removes one, `list` lists them, `get` reads one map value
   * (IAM: AttachRolePolicy / DetachRolePolicy / ListAttachedRolePolicies; PutRolePolicy /
   * DeleteRolePolicy / ListRolePolicies / GetRolePolicy). ACK writes this by hand per kind.
   */
  collection?: CollectionConfig;
}

export interface CollectionConfig {
  add: string;
  remove: string;
  list: string;
  get?: string;
  /**
   * The list operation reports the elements inside a JSON document: `member` of its output is a
   * JSON string whose `items` array holds entries named by `key` (Lambda GetPolicy: Policy,
   * Statement, Sid).
   */
  list_document?: {
    member: string;
    items: string;
    key: string;
    /**
     * A list of structures: which element members (SDK names) to compare with the entry, and where the
     * entry keeps each (a dotted path; `as: iam_principal` reads an IAM policy principal). An element that
     * differs is removed and added again. Without it, elements compare by key only.
     */
    compare?: Record<string, { path: string; as?: 'iam_principal' }>;
  };
  /** Input members never sent by the collection's calls (a RevisionId the status holds for the resource itself). */
  omit?: string[];
}

export interface SubResourceConfig {
  read?: string;
  delete?: string;
  unset?: Record<string, string | number | boolean>;
  /**
   * Members of the unset put taken from what the read reports (ack-ts key): DynamoDB's UpdateTimeToLive
   * disables TTL only when told the attribute name, which DescribeTimeToLive reports.
   */
  unset_from_read?: string[];
  /** Error codes of the read meaning "not set" (besides any HTTP 404 other than the resource's own not-found). */
  not_found?: string[];
  /**
   * Where the read reports each member of the part when its output spells it otherwise (DynamoDB's
   * DescribeTimeToLive reports `TimeToLiveDescription.TimeToLiveStatus: ENABLED` for the spec's
   * `Enabled: true`): member (`.` for a scalar part itself) → dotted output path, and optionally a
   * map from the reported value to the spec's.
   */
  read_fields?: Record<string, ReadFieldConfig>;
}

export interface ReadFieldConfig {
  path: string;
  map?: Record<string, string | number | boolean>;
}

export interface SetFieldConfig {
  method?: 'Create' | 'Update' | 'Delete' | 'ReadOne';
  from?: string;
  to?: string;
  ignore?: boolean | 'from' | 'to' | 'all';
}

export interface OperationRenames {
  input_fields?: Record<string, string>;
  output_fields?: Record<string, string>;
}

export interface HookConfig {
  code?: string;
  template_path?: string;
}

export interface ExceptionsConfig {
  /** Keyed by HTTP status, e.g. "404". */
  errors?: Record<string, { code: string; message_prefix?: string; message_suffix?: string }>;
  /** Error codes that make the resource ACK.Terminal. */
  terminal_codes?: string[];
}

export interface StatusCondition {
  /** `Status.<Member>` or `Spec.<Member>` path. */
  path: string;
  /** Values compared as strings; ACK allows only strings here. */
  in: Array<string | number | boolean>;
}

export interface GuardConfig {
  when?: StatusCondition[];
  requeue_after_seconds?: number;
}

export interface UnpackAttributesMapConfig {
  set_attributes_single_attribute?: boolean;
  get_attributes_input?: { overrides?: Record<string, { values?: string[] }> };
}

export interface TagsConfig {
  /** The resource has no tags (or they are not to be managed). */
  ignore?: boolean;
  /** Tag field, default `Tags`. */
  path?: string;
  /** Member names of a list-of-struct tag field, default Key / Value. */
  key_name?: string;
  value_name?: string;
}

export interface PrintConfig {
  add_age_column?: boolean;
  /** Default true once a `print:` block exists. */
  add_synced_column?: boolean;
  /** `name` (default), `type`, `jsonpath` or `index`, any case. */
  order_by?: string;
  additional_columns?: Array<{ name: string; json_path: string; type: string; priority?: number; index?: number }>;
}
