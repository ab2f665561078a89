/**
 * The contract between generated code and the runtime. A generated kind is only
 * data of these types (plus optional hooks); the runtime does all the work.
 *
 * Field names: the CRD uses ACK's JSON names (roleARN, s3URI, type_), the AWS SDK
 * uses Smithy member names (RoleArn, S3Uri, Type). The shape tables below carry
 * both, so conversion in either direction is a table walk in the runtime.
 */

/** A field's type, enough to convert between the CRD's JSON and SDK values. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'timestamp' // CRD: RFC 3339 string; SDK: Date
  | 'blob' // CRD: base64 string; SDK: Uint8Array
  | 'document' // passed through as JSON
  | { readonly list: FieldType }
  | { readonly map: FieldType }
  | { readonly struct: string }; // a key of the service's ShapeTable

export interface FieldSpec {
  /** Smithy member name, as the SDK spells it. */
  readonly sdk: string;
  /** ACK JSON name, as the CRD spells it. */
  readonly json: string;
  readonly type: FieldType;
  /** Smithy @sensitive: never logged, never put in an event. */
  readonly sensitive?: true;
  /**
   * ACK is_secret: the spec holds a SecretKeyReference; the value is read from that Kubernetes
   * Secret for AWS calls only, never stored, logged or put in status.
   */
  readonly secret?: true;
  /** A string holding a JSON document (ACK is_document / is_iam_policy): compared as JSON, not text. */
  readonly jsonDocument?: true;
}

/** Named structures of one service: shape name → its members. */
export type ShapeTable = Readonly<Record<string, readonly FieldSpec[]>>;

/** Matches an AWS error: its code, optionally narrowed by the message. */
export interface ErrorMatcher {
  readonly code: string;
  readonly messagePrefix?: string;
  readonly messageSuffix?: string;
}

/** One SDK call a kind makes. `input`/`output` name shapes in the ShapeTable. */
export interface OperationBinding {
  /** SDK operation name, e.g. "CreateTrainingJob"; the command class is `${name}Command`. */
  readonly name: string;
  readonly input?: string;
  readonly output?: string;
  /** Dotted SDK path to the struct holding the resource in the output (ACK output_wrapper_field_path). */
  readonly outputWrapper?: string;
  /** Input members forced to fixed values (ACK override_values), e.g. RetainAllVariantProperties. */
  readonly overrideValues?: Readonly<Record<string, unknown>>;
  /**
   * Input member renames, SDK member of the spec/status → member of this operation's input,
   * where one operation spells a field differently (e.g. { ModelName: "Name" }).
   */
  readonly renames?: Readonly<Record<string, string>>;
  /**
   * The input member taking the resource's ARN (the kind's `arnMember` value), where a
   * service-wide operation names every kind's ARN alike (TagResource's ResourceArn).
   */
  readonly arnInput?: string;
  /**
   * The input's @idempotencyToken member, e.g. "ClientRequestToken" (create only): when the spec
   * leaves it unset the runtime sends a token of its own, the same on every retry of one create.
   */
  readonly idempotencyToken?: string;
}

export interface ReadManyBinding extends OperationBinding {
  /** SDK member of the output holding the list, e.g. "ScalableTargets". */
  readonly itemsMember: string;
  /** Input list members filled with the one identifier we look for, e.g. { ResourceIds: "ResourceId" }. */
  readonly filterMembers?: Readonly<Record<string, string>>;
}

/** A rule over the status: synced only when every path's value is in its list. */
export interface SyncedRule {
  readonly path: string; // JSON path under the resource, e.g. "status.trainingJobStatus"
  readonly in: readonly string[];
}

/** A guard on a call: it waits until every rule holds, looked at again after requeueAfterSeconds. */
export interface GuardRule {
  readonly when: readonly SyncedRule[];
  readonly requeueAfterSeconds: number;
}

/**
 * A spec field filled from another ACK resource: `field: {from: {name, namespace}}` in the spec
 * names the object; the value at `path` in it goes into `target` for AWS calls only.
 */
export interface ReferenceBinding {
  /** The reference field under spec, e.g. "roleRef". */
  readonly field: string;
  /** The spec field it fills, e.g. "roleARN". */
  readonly target: string;
  /**
   * Where both sit, for a nested reference: JSON names from spec down (["vpcConfig"]). A list on
   * the way means every item of it (["actions"] → each action's targetGroupRef).
   */
  readonly at?: readonly string[];
  /** A list of references filling a list field, one item each. */
  readonly many?: true;
  /** The referenced kind, e.g. iam.services.k8s.aws / v1alpha1 / Role / roles. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  /** JSON path in the referenced object, e.g. "status.ackResourceMetadata.arn". */
  readonly path: string;
  /** Use the value even when the referenced resource is not synced (ACK skip_resource_state_validations). */
  readonly skipStateValidation?: true;
}

/** ACK's SecretKeyReference: a key of a Kubernetes Secret (namespace: the resource's by default). */
export interface SecretKeyReference {
  name?: string;
  namespace?: string;
  key: string;
}

/** ACK's AWSResourceReferenceWrapper: the type of every reference field. */
export interface AWSResourceReferenceWrapper {
  from?: { name?: string; namespace?: string };
}

/**
 * Tags as the service spells them: a map of strings (SQS, Lambda), or a list of key/value
 * structures with these SDK member names (`Key`/`Value`, KMS `TagKey`/`TagValue`).
 */
export type TagsBinding =
  | { readonly path: string; readonly shape: 'map'; readonly keyName?: undefined; readonly valueName?: undefined }
  | { readonly path: string; readonly shape: 'list'; readonly keyName: string; readonly valueName: string };

/**
 * A kind's tagging API, inferred from the model (TagResource/UntagResource/ListTagsForResource,
 * SageMaker's AddTags/DeleteTags/ListTags, per-kind TagQueue/UntagQueue/ListQueueTags, …). The
 * identifier member (ResourceArn, QueueUrl, KeyId, …) is filled like any input: from spec, status
 * or the ARN (`arnInput`).
 */
export interface TaggingBinding {
  /** Adds or overwrites tags; `tagsMember` is the input member holding them (map or Key/Value list). */
  readonly tag: OperationBinding & { readonly tagsMember: string };
  /** Removes tags by key; `keysMember` is the input list of keys. */
  readonly untag: OperationBinding & { readonly keysMember: string };
  /**
   * Lists the tags; `tagsMember` is the output member. Absent when the kind's read reports them
   * (Secrets Manager's DescribeSecret): then no extra read is made.
   */
  readonly list?: OperationBinding & {
    readonly tagsMember: string;
    /** Smithy @paginated tokens, when the list pages. */
    readonly pageToken?: { readonly input: string; readonly output: string };
  };
}

/** One kind of a service. Its API group and version are the service's (ServiceDescriptor). */
export interface ResourceDescriptor {
  readonly kind: string; // "TrainingJob"
  readonly plural: string; // "trainingjobs"
  /** Shape names (keys of the ShapeTable) for the spec and the kind-specific status fields. */
  readonly specShape: string;
  readonly statusShape: string;
  /** JSON paths of the identifying fields, e.g. ["spec.trainingJobName"]. */
  readonly primaryKey: readonly string[];
  /** SDK member holding the ARN in create/read outputs, e.g. "TrainingJobArn". */
  readonly arnMember?: string;
  readonly operations: {
    readonly create: OperationBinding;
    readonly readOne?: OperationBinding;
    readonly readMany?: ReadManyBinding;
    readonly update?: OperationBinding;
    readonly delete?: OperationBinding;
  };
  readonly notFound: readonly ErrorMatcher[];
  readonly terminalCodes: readonly string[];
  /** Spec paths (JSON, dotted, relative to spec). */
  readonly immutable: readonly string[];
  readonly lateInitialize: readonly string[];
  readonly compareIgnored: readonly string[];
  /**
   * Spec paths the update operation cannot carry: a change there is refused (ACK.Terminal) and
   * never sent. Without an update operation every change is refused.
   */
  readonly createOnly?: readonly string[];
  /** ACK custom_sync: spec fields the kind's beforeUpdate hook carries into the update (DynamoDB's GSIs as GlobalSecondaryIndexUpdates). */
  readonly customSynced?: readonly string[];
  readonly synced?: readonly SyncedRule[];
  /** ACK's updateable: an update waits (UpdatePending, requeued) until every rule holds, e.g. a table ACTIVE. */
  readonly updateable?: GuardRule;
  /** ACK's deletable: a delete waits until every rule holds. */
  readonly deletable?: GuardRule;
  /** ACK update_operation.omit_unchanged_fields: the update input carries identifiers and only the spec fields that differ. */
  readonly omitUnchangedFields?: true;
  /**
   * Top-level spec fields (JSON) the read reports in another shape (ACK `set: ReadOne ignore`): not
   * taken from it, so judged against the spec last applied like fields the read leaves out.
   */
  readonly readIgnored?: readonly string[];
  readonly requeueOnSuccessSeconds?: number;
  /** The kind's tags field (spec path) and its shape in the service, when the kind has tags. */
  readonly tags?: TagsBinding;
  /**
   * How tags are changed after create (needs `tags`); without one tags are only sent on create.
   * Absent: the service's `tagging`. Declared here only where the kind's differs; null: the kind
   * has none although its service has.
   */
  readonly tagging?: TaggingBinding | null;
  readonly references?: readonly ReferenceBinding[];
  /** Fields kept in an SNS/SQS-style string map (ACK unpack_attributes_map). */
  readonly attributes?: AttributeMapBinding;
  /** Parts of the resource with operations of their own, reconciled after the resource itself. */
  readonly subResources?: readonly SubResourceBinding[];
  /** List or map fields kept element by element with add/remove operations (IAM attached and inline policies). */
  readonly collections?: readonly CollectionBinding[];
}

/**
 * A spec field AWS keeps as a collection of its own: a set of strings (a role's attached policy
 * ARNs: AttachRolePolicy / DetachRolePolicy / ListAttachedRolePolicies) or a map (a role's inline
 * policies: PutRolePolicy / DeleteRolePolicy / ListRolePolicies + GetRolePolicy). Synced element by
 * element when the spec sets the field; emptied before the resource is deleted.
 */
export interface CollectionBinding {
  /** The spec field (JSON name), e.g. "policies". */
  readonly field: string;
  /** `one`: a string field holding at most one element (an instance profile's role). */
  readonly shape: 'set' | 'map' | 'one' | 'objects';
  /**
   * Adds (or for a map, puts) one element; `member` names it, `valueMember` takes a map value.
   * `objects` (a list of structures keyed by `member`: a Lambda alias's permissions): each element's
   * members are the add's input, beside the resource's identifiers.
   */
  readonly add: OperationBinding & { readonly member: string; readonly valueMember?: string };
  /** Removes one element, named by `member`. */
  readonly remove: OperationBinding & { readonly member: string };
  /** Lists the elements: `member` is the output list (a dotted path under a wrapper); `itemMember` the name inside structure items. */
  readonly list: OperationBinding & {
    readonly member: string;
    readonly itemMember?: string;
    readonly pageToken?: { readonly input: string; readonly output: string };
    /**
     * `member` is a JSON document (GetPolicy's Policy): the names are `key` of each entry of its `items` array.
     * `compare` (an `objects` collection): element members (JSON names) compared with where each entry keeps
     * them; an element that differs is removed and added again. Without it elements compare by name only.
     */
    readonly document?: { readonly items: string; readonly key: string; readonly compare?: Readonly<Record<string, DocumentMember>> };
  };
  /** Input members the collection's calls never send (a RevisionId the status holds for the resource itself). */
  readonly omit?: readonly string[];
  /** Map only: reads one value, taking the element's name in the add's `member`; `member` is the output value. */
  readonly get?: OperationBinding & { readonly member: string };
  /** Values compare as JSON documents (URL-decoded first, as IAM returns them). */
  readonly document?: true;
}

/** Where a document entry keeps an element's member: a dotted `path` (Condition.ArnLike.AWS:SourceArn), read as `as` says. */
export interface DocumentMember {
  readonly path: string;
  /** IAM policy principal: `{"Service": x}` is x, and an account's `arn:aws:iam::<id>:root` is <id>. */
  readonly as?: 'iam_principal';
}

/**
 * Spec and status fields that AWS keeps in one string map (`Attributes`) of the Create and
 * Get/Set<R>Attributes operations: unpacked from outputs into members of their own, packed into
 * inputs, compared as strings.
 */
export interface AttributeMapBinding {
  /** The map's SDK member, e.g. "Attributes". */
  readonly member: string;
  /** SDK names of the spec fields packed into the map (where the input has no member of that name). */
  readonly fields: readonly string[];
  /** The update takes one AttributeName/AttributeValue per call (SNS Set<R>Attributes). */
  readonly singleAttribute?: true;
}

/**
 * A spec field written, read and removed through operations of its own (S3 bucket versioning,
 * policy, …). Each input also carries the resource's identifiers, as for any other call.
 */
export interface SubResourceBinding {
  /** The spec field (JSON name), e.g. "versioning". */
  readonly field: string;
  /**
   * Writes it; `member` is the input member taking the value (one item, for a keyed list), or `.`:
   * the value's members are the input's own (ACK `from.path: .`), beside the resource's identifiers.
   */
  readonly put: OperationBinding & { readonly member: string };
  /**
   * Reads it; `member` is the output member holding it (the list, for a keyed list); absent: the
   * output is the value. No read: the kind's own read reports it (a log group's retention).
   */
  readonly read?: OperationBinding & {
    readonly member?: string;
    /**
     * The part's members (SDK names; `.` for a scalar part) where the output spells them otherwise:
     * a dotted output path, and a map from the reported value to the spec's (ENABLED → true).
     */
    readonly fields?: Readonly<Record<string, { readonly path: string; readonly map?: Readonly<Record<string, string | number | boolean>> }>>;
  };
  /** Removes it when it leaves the spec; without one, `unset` (else an empty value) is put. */
  readonly delete?: OperationBinding;
  readonly unset?: Readonly<Record<string, unknown>>;
  /**
   * Members of the unset put copied from the part as `read` reports it (SDK names): UpdateTimeToLive
   * disables TTL only when told the attribute name. The read reporting none of them: already unset, no put.
   */
  readonly unsetFromRead?: readonly string[];
  /** A keyed list, put and deleted item by item: the item member naming each, also the input member. */
  readonly key?: string;
  /** The kind's tags live in this part: the list member and its key/value members (SDK names); default tags join them. */
  readonly tags?: { readonly member: string; readonly key: string; readonly value: string };
  /** Read errors meaning "not set"; so does any HTTP 404 other than the resource's own not-found. */
  readonly notFound: readonly ErrorMatcher[];
}

/** Which AWS SDK v3 package serves the service; the runtime loads only this one. */
export interface SdkBinding {
  readonly package: string; // "@aws-sdk/client-sagemaker"
  readonly client: string; // "SageMakerClient"
  /**
   * Client settings for an endpoint override (`--aws-endpoint-url`): S3's virtual-hosted bucket
   * addressing cannot work against an arbitrary endpoint, so its client takes forcePathStyle.
   */
  readonly customEndpointConfig?: Readonly<Record<string, unknown>>;
}

export interface ServiceDescriptor {
  readonly service: string; // "sagemaker"
  readonly group: string; // "sagemaker.services.k8s.aws"
  /** The API version every kind of the service is served at, e.g. "v1alpha1". */
  readonly version: string;
  readonly sdk: SdkBinding;
  readonly shapes: ShapeTable;
  /** The tagging API the service's kinds with tags share (SageMaker's AddTags/DeleteTags/ListTags). */
  readonly tagging?: TaggingBinding;
  /**
   * Operations hooks call besides the bound ones (generator.yaml `called_by_hooks`): in the IAM
   * policy, and the only others a hook may call (runtime/bound-operations.ts).
   */
  readonly hookOperations?: readonly string[];
  readonly resources: readonly ResourceDescriptor[];
}

// ---------------------------------------------------------------------------
// Hooks: hand-written per-kind behaviour (api-models/<service>/hooks/<kind>.ts).
// Functions, so they live beside the descriptor, not inside it: the descriptor
// stays plain data that can be printed, diffed and golden-tested.
// ---------------------------------------------------------------------------

/** SDK input or output: Smithy member names, SDK value types (Date, Uint8Array). */
export type SdkObject = Record<string, unknown>;

/** A custom resource as the runtime sees it (JSON names). */
export interface ResourceView {
  readonly namespace: string;
  readonly name: string;
  readonly generation: number;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly status: Readonly<Record<string, unknown>>;
}

/** One spec difference: a dotted path relative to spec, desired and observed values. */
export interface DeltaEntry {
  readonly path: string;
  readonly desired: unknown;
  readonly latest: unknown;
}

/** What a hook may do besides returning data. */
export interface HookContext {
  /** Calls an operation of the kind's service with the resolved region/account. */
  call(operation: string, input: SdkObject): Promise<SdkObject>;
  readonly region: string;
  readonly accountId: string;
  log(message: string, fields?: Record<string, unknown>): void;
}

/** A hook's way of asking for a later look instead of proceeding. */
export interface RequeueRequest {
  readonly requeueAfterMs: number;
  readonly reason: string;
  /**
   * Status fields (JSON names) recorded with a postponed update or delete, over this read's status;
   * null removes one. State a kind keeps across reconciles (ACK sets such fields on `latest` before
   * returning its requeue error, e.g. NotebookInstance's stoppedByControllerMetadata).
   */
  readonly status?: Readonly<Record<string, unknown>>;
}

/** A synced verdict with the message shown in ACK.ResourceSynced. */
export interface SyncedVerdict {
  readonly synced: boolean;
  /** Shown verbatim, for True as for False (ACK: "Endpoint is in InService status."). */
  readonly message?: string;
  /**
   * The resource reached a terminal state in AWS (e.g. Endpoint Failed): ACK.Terminal with this
   * message, while ResourceSynced keeps `synced` (ACK's SetTerminalState).
   */
  readonly terminal?: string;
}

/** A hook's refusal: the spec cannot be applied as written. ACK.Terminal; no AWS call until the spec changes. */
export interface TerminalRequest {
  readonly terminal: true;
  /** Condition reason, e.g. "EndpointUpdateError". */
  readonly reason: string;
  readonly message: string;
}

/** beforeDelete: nothing to call in AWS (a finished job cannot be stopped); the finalizer goes. */
export interface SkipDelete {
  readonly skipDelete: true;
  /** Why, for the log. */
  readonly reason: string;
}

/** What a hook records after a successful Update, applied after the re-read. */
export interface UpdateEffects {
  /** Annotations to set on the object (e.g. the endpoint config last tried). */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Status fields (JSON names) merged over the observed status, e.g. a state AWS has not reported yet; null removes one. */
  readonly status?: Readonly<Record<string, unknown>>;
  /** Look again after this, whatever the synced verdict (e.g. "training job is updating"). */
  readonly requeue?: RequeueRequest;
}

/** What afterObserve records: status fields (JSON names) over this read's status; null removes one. */
export interface ObserveEffects {
  readonly status?: Readonly<Record<string, unknown>>;
}

/** A Kubernetes Event a hook asks for. */
export interface ResourceEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** What happened, stably (e.g. "Training@2024-05-01T10:00:00Z"): the same key is recorded once per object. */
  readonly key: string;
}

export interface ResourceHooks {
  /** Adjust the Create input (e.g. generate a name). */
  beforeCreate?(input: SdkObject, desired: ResourceView, ctx: HookContext): SdkObject | Promise<SdkObject>;
  /** Adjust the Create output before it becomes status (e.g. an identifier only found in the ARN). */
  afterCreate?(output: SdkObject, desired: ResourceView): SdkObject;
  /** Adjust the ReadOne/ReadMany output before it becomes spec/status. */
  afterReadOne?(output: SdkObject, desired: ResourceView, ctx: HookContext): SdkObject | Promise<SdkObject>;
  /**
   * After a read of a managed resource in sync, before the update is considered (not on create,
   * adoption, read-only or delete): act on what AWS reports and record it, e.g. start again a
   * notebook the controller stopped for an update. The delta, the update hooks and Synced see it.
   */
  afterObserve?(latest: ResourceView, ctx: HookContext): void | ObserveEffects | Promise<void | ObserveEffects>;
  /** Adjust the computed delta (drop server-normalised differences, add custom ones). */
  customizeDelta?(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): readonly DeltaEntry[];
  /**
   * Judges a non-empty delta before any input is built (and before the no-update-operation check):
   * postpone (requeue) or refuse (terminal). Nothing means proceed. `latest.status` is this read's.
   */
  checkUpdate?(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): void | RequeueRequest | TerminalRequest;
  /** Adjust the Update input, or postpone the update. `latest.status` is this read's. */
  beforeUpdate?(
    input: SdkObject,
    delta: readonly DeltaEntry[],
    desired: ResourceView,
    latest: ResourceView,
    ctx: HookContext,
  ): SdkObject | RequeueRequest | Promise<SdkObject | RequeueRequest>;
  /** After a successful Update and its re-read: annotations, status overrides, a later look. */
  afterUpdate?(desired: ResourceView, latest: ResourceView, ctx: HookContext): UpdateEffects;
  /** Runs before Delete; may postpone it (stop-then-wait) by returning a requeue, or skip the call. */
  beforeDelete?(
    latest: ResourceView,
    ctx: HookContext,
  ): void | RequeueRequest | SkipDelete | Promise<void | RequeueRequest | SkipDelete>;
  /**
   * Adjust the Delete input (ACK's sdk_delete_post_build_request), e.g. KMS ScheduleKeyDeletion's
   * PendingWindowInDays from an annotation.
   */
  deleteInput?(input: SdkObject, latest: ResourceView): SdkObject;
  /**
   * After a successful Delete call, with its output (an asynchronous delete's task id): a requeue
   * keeps the finalizer until a read finds the resource gone; a throw is a failed delete, retried.
   */
  afterDelete?(latest: ResourceView, ctx: HookContext, output?: SdkObject): void | RequeueRequest | Promise<void | RequeueRequest>;
  /** Overrides the descriptor's synced rules. */
  isSynced?(latest: ResourceView): SyncedVerdict;
  /**
   * Events for what AWS reports between the status as stored before this reconcile (`previous`) and
   * as just read (`latest`), e.g. a job's progress. Runs after each successful read.
   */
  events?(latest: ResourceView, previous: ResourceView): readonly ResourceEvent[];
}

/** Hooks of one service, by kind. */
export type ServiceHooks = Readonly<Record<string, ResourceHooks>>;
