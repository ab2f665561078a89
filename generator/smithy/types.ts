/**
 * The typed view of a Smithy 2.0 JSON AST that the rest of the generator reads.
 * Produced by `loadSmithyModel` (load.ts); every shape id a shape refers to is
 * guaranteed to resolve through `ShapeIndex.get`.
 */
export type ShapeId = string; // 'com.amazonaws.sagemaker#CreateTrainingJobRequest'

export type SimpleType =
  | 'blob'
  | 'boolean'
  | 'string'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'bigInteger'
  | 'bigDecimal'
  | 'timestamp'
  | 'document';

export interface EnumValue {
  name: string;
  value: string | number;
  documentation?: string;
  deprecated?: boolean;
}

/** The traits we use, typed; every trait (typed or not) is also in `raw`. */
export interface Traits {
  documentation?: string;
  required?: boolean;
  /** Present (possibly `null`, which removes a target's default) only when the trait is set. */
  default?: unknown;
  clientOptional?: boolean;
  /** smithy.api#enum (Smithy 1 string enums); `name` falls back to `value`. */
  enum?: EnumValue[];
  /** On enum/intEnum members. */
  enumValue?: string | number;
  length?: { min?: number; max?: number };
  range?: { min?: number; max?: number };
  pattern?: string;
  sensitive?: boolean;
  idempotencyToken?: boolean;
  deprecated?: { message?: string; since?: string };
  error?: 'client' | 'server';
  httpError?: number;
  /** aws.protocols#awsQueryError.code */
  awsQueryErrorCode?: string;
  paginated?: { inputToken?: string; outputToken?: string; items?: string; pageSize?: string };
  timestampFormat?: string;
  jsonName?: string;
  /** aws.api#service sdkId */
  sdkId?: string;
  /** aws.api#service arnNamespace */
  arnNamespace?: string;
  /** smithy.api#mixin: the shape is a mixin (its members are already copied into the shapes using it). */
  mixin?: boolean;
  raw: Readonly<Record<string, unknown>>;
}

export interface Member {
  name: string;
  target: ShapeId;
  traits: Traits;
}

interface Base {
  id: ShapeId;
  /** Local name after '#'. */
  name: string;
  traits: Traits;
}

export interface SimpleShape extends Base {
  type: SimpleType;
}
export interface EnumShape extends Base {
  type: 'enum' | 'intEnum';
  members: Member[];
}
export interface ListShape extends Base {
  type: 'list' | 'set';
  member: Member;
}
export interface MapShape extends Base {
  type: 'map';
  key: Member;
  value: Member;
}
export interface StructureShape extends Base {
  type: 'structure' | 'union';
  /** Mixin members first, then own; own member traits override the mixin's. */
  members: Member[];
}
export interface OperationShape extends Base {
  type: 'operation';
  /** undefined for smithy.api#Unit */
  input?: ShapeId;
  /** undefined for smithy.api#Unit */
  output?: ShapeId;
  errors: ShapeId[];
}
export interface ResourceShape extends Base {
  type: 'resource';
  identifiers: Record<string, ShapeId>;
  properties: Record<string, ShapeId>;
  create?: ShapeId;
  put?: ShapeId;
  read?: ShapeId;
  update?: ShapeId;
  delete?: ShapeId;
  list?: ShapeId;
  operations: ShapeId[];
  collectionOperations: ShapeId[];
  resources: ShapeId[];
}
export interface ServiceShape extends Base {
  type: 'service';
  version?: string;
  operations: ShapeId[];
  resources: ShapeId[];
  errors: ShapeId[];
}

export type Shape =
  | SimpleShape
  | EnumShape
  | ListShape
  | MapShape
  | StructureShape
  | OperationShape
  | ResourceShape
  | ServiceShape;

export type ShapeType = Shape['type'];

export interface ShapeIndex {
  readonly file: string;
  /** The service shape's namespace. */
  readonly namespace: string;
  readonly service: ServiceShape;
  /** Shapes of the file and of the smithy.api prelude. */
  get(id: ShapeId): Shape | undefined;
  /** Throws a GeneratorError naming the file and id (and `from`, the referring shape). */
  require(id: ShapeId, from?: ShapeId): Shape;
  /** The file's shapes (prelude excluded, mixins included), sorted by id. */
  shapes(): readonly Shape[];
  /** Every operation shape in the file except mixins (ACK uses all of them), sorted by name. */
  operations(): readonly OperationShape[];
  /** Values of a string enum trait, enum shape or intEnum (as strings); undefined otherwise. */
  enumValues(id: ShapeId): string[] | undefined;
}
