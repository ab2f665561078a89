import { GeneratorError } from '../errors';
import type { Member, Shape, ShapeId, ShapeIndex } from '../smithy/types';
import { jsonName } from '../names';
import { htmlToText } from './docs';
import type { Field, TypeRef } from './types';

/**
 * Smithy shapes → field types and structure members, with generator.yaml's
 * ignore rules applied. Memoised per service: shared shapes are built once.
 */
export interface ShapeTypes {
  typeOf(id: ShapeId, from?: ShapeId): TypeRef;
  members(id: ShapeId): readonly Field[];
  /** `members`, as a CRD shows them: an operation input's members are not required at admission. */
  schemaMembers(id: ShapeId): readonly Field[];
  field(member: Member, owner: ShapeId, rename?: string): Field;
}

export interface IgnoreRules {
  /** Shapes removed from the API: members targeting them disappear. */
  readonly shapes: ReadonlySet<ShapeId>;
  /** `shapeId#member` pairs removed from their structure. */
  readonly members: ReadonlySet<string>;
}

/** `jsonNames`: memberKey(shape, member) → a JSON name pinned by config (ACK's go_tag). */
export function createShapeTypes(
  index: ShapeIndex,
  ignore: IgnoreRules,
  jsonNames: ReadonlyMap<string, string> = new Map(),
  /** Members added to structures by config (ACK's custom nested fields, `Code.SHA256: {type: string}`). */
  added: ReadonlyMap<ShapeId, readonly Field[]> = new Map(),
): ShapeTypes {
  const types = new Map<ShapeId, TypeRef>();
  const memberCache = new Map<ShapeId, readonly Field[]>();
  // An operation's input as a field's type (ACK `from.path: .`, `custom_field: {list_of: AddPermissionInput}`)
  // is not the create's input: its members are required by that operation, not at admission, and its
  // identifier members (FunctionName, Qualifier) are filled from the resource.
  const inputs = new Set(index.operations().flatMap((o) => (o.input ? [o.input] : [])));
  const schemaCache = new Map<ShapeId, readonly Field[]>();
  function schemaMembers(id: ShapeId): readonly Field[] {
    const hit = schemaCache.get(id);
    if (hit) return hit;
    const fields = inputs.has(id) ? members(id).map((f) => (f.required ? { ...f, required: false } : f)) : members(id);
    schemaCache.set(id, fields);
    return fields;
  }

  function typeOf(id: ShapeId, from?: ShapeId): TypeRef {
    const hit = types.get(id);
    if (hit) return hit;
    const t = computeType(index.require(id, from));
    types.set(id, t);
    return t;
  }

  function computeType(shape: Shape): TypeRef {
    const id = shape.id;
    switch (shape.type) {
      case 'string':
      case 'enum': {
        const values = index.enumValues(id);
        return values ? { kind: 'string', shape: id, enum: values } : { kind: 'string', shape: id };
      }
      case 'intEnum':
        return { kind: 'integer', shape: id, enum: index.enumValues(id) ?? [] };
      case 'byte':
      case 'short':
      case 'integer':
        return { kind: 'integer', shape: id };
      case 'long':
      case 'float':
      case 'double':
      case 'boolean':
      case 'timestamp':
      case 'blob':
      case 'bigInteger':
      case 'bigDecimal':
      case 'document':
        return { kind: shape.type, shape: id };
      case 'list':
      case 'set':
        return { kind: 'list', shape: id, item: typeOf(shape.member.target, id) };
      case 'map':
        return { kind: 'map', shape: id, value: typeOf(shape.value.target, id) };
      case 'structure':
      case 'union':
        return { kind: 'struct', shape: id, union: shape.type === 'union' };
      default:
        throw new GeneratorError(
          { file: index.file, at: id },
          `a ${shape.type} shape cannot be the type of a field`,
        );
    }
  }

  function field(member: Member, owner: ShapeId, rename?: string): Field {
    const target = index.require(member.target, owner);
    const mt = member.traits;
    const tt = target.traits;
    const doc = mt.documentation ?? tt.documentation;
    const length = mt.length ?? tt.length;
    const range = mt.range ?? tt.range;
    const pattern = mt.pattern ?? tt.pattern;
    return {
      json: jsonNames.get(memberKey(owner, member.name)) ?? jsonName(rename ?? member.name),
      member: member.name,
      type: typeOf(member.target, owner),
      ...(doc ? { doc: htmlToText(doc) } : {}),
      required: requiredOfMember(mt),
      sensitive: mt.sensitive === true || tt.sensitive === true,
      ...(length ? { length } : {}),
      ...(range ? { range } : {}),
      ...(pattern ? { pattern } : {}),
    };
  }

  function members(id: ShapeId): readonly Field[] {
    const hit = memberCache.get(id);
    if (hit) return hit;
    const shape = index.require(id);
    if (shape.type !== 'structure' && shape.type !== 'union') {
      throw new GeneratorError({ file: index.file, at: id }, `expected a structure, found a ${shape.type}`);
    }
    const fields = shape.members
      .filter((m) => !ignore.shapes.has(m.target) && !ignore.members.has(`${id}$${m.name}`))
      .map((m) => field(m, id))
      .concat(added.get(id) ?? []);
    memberCache.set(id, fields);
    return fields;
  }

  return { typeOf, members, schemaMembers, field };
}

/**
 * Whether a user must set a member: AWS requires it (@required) and neither the SDK nor AWS fills
 * it. The SDK fills an @idempotencyToken when it is absent (and the runtime sends its own), and AWS
 * applies a member's @default (null means no default).
 */
export function requiredOfMember(t: { readonly required?: boolean; readonly default?: unknown; readonly idempotencyToken?: boolean }): boolean {
  return t.required === true && (t.default === undefined || t.default === null) && t.idempotencyToken !== true;
}

export function memberKey(shape: ShapeId, member: string): string {
  return `${shape}$${member}`;
}
