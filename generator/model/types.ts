import type { DocumentMember } from '../../runtime/descriptor';
import type { ShapeId } from '../smithy/types';

/**
 * The resource model: the single description of every kind of one service.
 * Every emitter (CRD, TypeScript, Helm/RBAC) reads only this.
 */

export type ScalarKind =
  | 'string'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'boolean'
  | 'timestamp'
  | 'blob'
  | 'bigInteger'
  | 'bigDecimal';

/** A field's type. Structures are referenced by shape id; their members come from `ServiceModel.members`. */
export type TypeRef =
  | { readonly kind: ScalarKind; readonly shape: ShapeId; readonly enum?: readonly string[] }
  | { readonly kind: 'document'; readonly shape: ShapeId }
  | { readonly kind: 'list'; readonly shape: ShapeId; readonly item: TypeRef }
  | { readonly kind: 'map'; readonly shape: ShapeId; readonly value: TypeRef }
  | { readonly kind: 'struct'; readonly shape: ShapeId; readonly union: boolean };

export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

/** A member of a structure, named both ways. */
export interface Field {
  /** ACK JSON name, e.g. roleARN. */
  readonly json: string;
  /** Smithy member name, as the SDK spells it, e.g. RoleArn. */
  readonly member: string;
  readonly type: TypeRef;
  readonly doc?: string;
  readonly required: boolean;
  readonly sensitive: boolean;
  readonly length?: Bounds;
  readonly range?: Bounds;
  readonly pattern?: string;
}

/** A top-level spec or status field. */
export interface ResourceField extends Field {
  /** generator.yaml is_secret: the value comes from a Kubernetes Secret. */
  readonly secret: boolean;
  /** generator.yaml is_document / is_iam_policy: a string holding JSON, compared as JSON. */
  readonly jsonDocument?: true;
}

/**
 * A spec field filled from another ACK resource (generator.yaml `references`): the user writes
 * `<json>: {from: {name, namespace}}` and the runtime copies `path` of that object into `target`.
 */
export interface ReferenceField {
  /** ACK JSON name of the reference field, e.g. roleRef (or subnetRefs for a list). */
  readonly json: string;
  /** JSON name of the spec field it fills, e.g. roleARN. */
  readonly target: string;
  /**
   * JSON names of the structures holding both, from spec down ([] at top level; ["vpcConfig"]);
   * a list on the way means every item of it.
   */
  readonly at: readonly string[];
  /** The structure shape holding both, for a nested reference. */
  readonly container?: ShapeId;
  /** AWS requires the target: one of it or the reference must be given (a CEL rule at admission). */
  readonly targetRequired: boolean;
  /** The target is a list: the field is a list of references, one per item. */
  readonly many: boolean;
  /** The referenced kind's coordinates, e.g. iam.services.k8s.aws / v1alpha1 / Role / roles. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  /** JSON path in the referenced object, e.g. status.ackResourceMetadata.arn. */
  readonly path: string;
  /** Use the value even when the referenced resource is not synced. */
  readonly skipResourceStateValidations: boolean;
}

/** getAttributes/setAttributes: Get<R>Attributes / Set<R>Attributes (SQS, SNS), read and update when there is no ReadOne/Update. */
export type OpType = 'create' | 'readOne' | 'readMany' | 'getAttributes' | 'update' | 'setAttributes' | 'delete';

export interface OperationRef {
  readonly name: string; // SDK operation name, e.g. CreateTrainingJob
  readonly input?: ShapeId;
  readonly output?: ShapeId;
  readonly errors: readonly ShapeId[];
  /** Field (SDK member name) → this operation's input member, where the config renames one. */
  readonly inputRenames?: Readonly<Record<string, string>>;
  /** The input member taking the resource's ARN (a service-wide operation: TagResource's ResourceArn). */
  readonly arnInput?: string;
  readonly overrideValues?: Readonly<Record<string, unknown>>;
  readonly outputWrapper?: string;
}

/** A tagging operation: `member` holds the tags (tag input, list output) or the keys (untag input). */
export interface TagOperationRef extends OperationRef {
  readonly member: string;
}

/** A kind's tagging API; `list` is absent when the kind's read reports the tags. */
export interface TaggingRef {
  readonly tag: TagOperationRef;
  readonly untag: TagOperationRef;
  readonly list?: TagOperationRef & { readonly pageToken?: { readonly input: string; readonly output: string } };
}

export interface ErrorMatcher {
  readonly code: string;
  readonly messagePrefix?: string;
  readonly messageSuffix?: string;
}

export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly priority: number;
  readonly description?: string;
}

export interface SyncedRule {
  readonly path: string; // e.g. status.trainingJobStatus
  readonly in: readonly string[];
}

/** ACK's updateable/deletable: the call waits until every rule holds, looked at again after requeueAfterSeconds. */
export interface Guard {
  readonly when: readonly SyncedRule[];
  readonly requeueAfterSeconds: number;
}

export interface Resource {
  /** ACK resource name, e.g. TrainingJob; also the kind. */
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly doc?: string;
  readonly operations: Readonly<Partial<Record<OpType, OperationRef>>> & { readonly create: OperationRef };
  readonly spec: readonly ResourceField[];
  readonly status: readonly ResourceField[];
  /** Reference fields, besides `spec`: Kubernetes-side only, never sent to AWS. */
  readonly references: readonly ReferenceField[];
  /** JSON paths from the resource root, e.g. ["spec.trainingJobName"]. */
  readonly primaryKey: readonly string[];
  /** SDK member that carries the ARN in create/read outputs. */
  readonly arnMember?: string;
  readonly notFound: readonly ErrorMatcher[];
  readonly terminalCodes: readonly string[];
  readonly synced: readonly SyncedRule[];
  readonly updateable?: Guard;
  readonly deletable?: Guard;
  /** ACK update_operation.omit_unchanged_fields: the update input carries only the fields that differ. */
  readonly omitUnchangedFields?: boolean;
  readonly requeueOnSuccessSeconds?: number;
  readonly printerColumns: readonly PrinterColumn[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** Dotted JSON paths under spec: identifiers and is_immutable fields, which the API server keeps unchanged. */
  readonly immutable: readonly string[];
  readonly lateInitialize: readonly string[];
  readonly compareIgnored: readonly string[];
  /**
   * Top-level spec fields (JSON) not taken from the read (ACK `set: [{method: ReadOne, ignore: true}]`):
   * the read reports them in another shape (a Function's code location, a layer's content), so they are
   * judged against the spec last applied, as fields the read leaves out.
   */
  readonly readIgnored: readonly string[];
  /**
   * Dotted JSON paths under spec that the update operation cannot carry (its input has no member
   * for them): a change there is refused, never sent. Empty when the kind has no update operation
   * (then every change is refused). Paths already in `immutable` or `compareIgnored` are left out.
   */
  readonly createOnly: readonly string[];
  /** ACK custom_sync: top-level spec fields (JSON) the kind's update hook carries, e.g. DynamoDB's GSIs. */
  readonly customSynced?: readonly string[];
  /**
   * The create input's @idempotencyToken member (SDK name), e.g. ClientRequestToken: the runtime
   * sends one token per create attempt, the same on every retry of that attempt.
   */
  readonly idempotencyToken?: string;
  /** How to pick this resource out of a ReadMany output, when it has one. */
  readonly readMany?: { readonly itemsMember: string; readonly filterMembers?: Readonly<Record<string, string>> };
  readonly tags?: TagShape;
  readonly attributes?: AttributeMap;
  /** How tags are changed after create, when the service has a tagging API. */
  readonly tagging?: TaggingRef;
  /** Spec fields written, read and removed through operations of their own (S3 versioning, policy, …). */
  readonly subResources: readonly SubResource[];
  readonly collections: readonly Collection[];
}

/** A set or map field kept element by element (generator.yaml `collection:`); see runtime CollectionBinding. */
export interface Collection {
  readonly field: string;
  /** `one`: a string field, a collection of at most one element; `objects`: a list of structures keyed by keyMember. */
  readonly shape: 'set' | 'map' | 'one' | 'objects';
  readonly add: OperationRef;
  readonly remove: OperationRef;
  readonly list: OperationRef;
  readonly get?: OperationRef;
  /** Input member of add/remove (and get) naming one element: PolicyArn, PolicyName. */
  readonly keyMember: string;
  /** Map: input member of add taking the value, also get's output member: PolicyDocument. */
  readonly valueMember?: string;
  /** Output member of list holding the elements (dotted under a wrapper), and the name member of structure items. */
  readonly listMember: string;
  readonly listItemMember?: string;
  readonly pageToken?: { readonly input: string; readonly output: string };
  readonly document: boolean;
  /** listMember is a JSON document; the names are `key` of each entry of its `items` array. */
  readonly listDocument?: { readonly items: string; readonly key: string; readonly compare?: Readonly<Record<string, DocumentMember>> };
  readonly omit?: readonly string[];
}

/**
 * A part of a resource with its own operations: read, compare, then put or delete. A keyed list
 * (S3 analytics, inventory, metrics) is put and deleted item by item, keyed by `key`.
 */
export interface SubResource {
  /** The spec field holding it (JSON name). */
  readonly field: string;
  readonly put: OperationRef;
  /**
   * Input member of `put` taking the field's value (one item, for a keyed list); `.` (ACK's `from.path: .`):
   * the value's members are the input's own, spread into it beside the resource's identifiers.
   */
  readonly putMember: string;
  /** Absent: the kind's own read reports the field. */
  readonly read?: OperationRef;
  /** Output member of `read` holding the value (the list, for a keyed list); absent: the output is the value. */
  readonly readMember?: string;
  readonly delete?: OperationRef;
  /** Put when the field leaves the spec and there is no delete operation (SDK member names). */
  readonly unset?: Readonly<Record<string, unknown>>;
  /** Members of the unset put copied from the part as the read reports it (SDK names). */
  readonly unsetFromRead?: readonly string[];
  /** Keyed list: the item member naming each item, also the put/delete input member taking it. */
  readonly key?: string;
  /** The kind's tags live in this part (ACK `tags.path: Tagging.TagSet`): list member and key/value members (SDK names). */
  readonly tags?: { readonly member: string; readonly key: string; readonly value: string };
  readonly notFound: readonly ErrorMatcher[];
  /** The part's members (SDK names; `.` for a scalar part) as the read's output reports them: SDK path, value map. */
  readonly readFields?: Readonly<Record<string, ReadField>>;
}

export interface ReadField {
  /** Dotted SDK member path in the read's output. */
  readonly path: string;
  /** Reported value → the spec's value (ENABLED → true); a value not listed reads as unset. */
  readonly map?: Readonly<Record<string, string | number | boolean>>;
}

/** Fields that live in an SNS/SQS-style `Attributes` string map (ACK unpack_attributes_map / is_attribute). */
export interface AttributeMap {
  /** The map's member in Create and Get/Set<R>Attributes inputs and outputs. */
  readonly member: string;
  /** Smithy-side names of the spec fields packed into the map (status attributes are only read). */
  readonly fields: readonly string[];
  /** Set<R>Attributes takes one AttributeName/AttributeValue per call (SNS Topic, Subscription). */
  readonly singleAttribute: boolean;
}

/** The spec field holding a kind's tags, in the service's shape: a string map, or a list of key/value structures (Smithy member names). */
export type TagShape =
  | { readonly field: string; readonly shape: 'map' }
  | { readonly field: string; readonly shape: 'list'; readonly keyName: string; readonly valueName: string };

export interface SkippedResource {
  readonly name: string;
  readonly reason: string;
}

export interface ServiceModel {
  /** Service name as in api-models/ and the upstream layout, e.g. application-auto-scaling. */
  readonly service: string;
  readonly group: string;
  readonly version: string;
  /** IAM action prefix (the SigV4 signing name, else the ARN namespace), e.g. application-autoscaling. */
  readonly iamPrefix: string;
  /** Operation → its IAM action name, where that is not the operation's name (config iam_action, else the aws.iam#iamAction trait). */
  readonly iamActions: ReadonlyMap<string, string>;
  /** Operations the hooks call (config called_by_hooks): in the IAM policy though no descriptor binds them. */
  readonly hookOperations: readonly string[];
  /** Operation → further actions AWS requires for it (config also_needs, full `prefix:Action` names). */
  readonly alsoNeeds: ReadonlyMap<string, readonly string[]>;
  readonly resources: readonly Resource[];
  readonly skipped: readonly SkippedResource[];
  /** Members of a structure shape (ignore rules applied), memoised. */
  members(shape: ShapeId): readonly Field[];
}
