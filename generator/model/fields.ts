import { GeneratorError } from '../errors';
import type { FieldConfig } from '../config/types';
import type { ShapeId, ShapeIndex } from '../smithy/types';
import { names } from '../names';
import type { ShapeTypes } from './shape-types';
import { resolveShapeName } from './ignore';
import type { Field, ResourceField, TypeRef } from './types';
import { htmlToText } from './docs';

/** How a kind's fields are found: wrapper paths, `from:` fields, `type:` fields, config paths → JSON paths. */

export function toResourceField(f: Field, fc: FieldConfig | undefined): ResourceField {
  return {
    ...f,
    required: fc?.is_required ?? f.required,
    secret: fc?.is_secret === true,
    ...(fc?.is_document || fc?.is_iam_policy ? { jsonDocument: true as const } : {}),
  };
}

export function structMembers(index: ShapeIndex, id: ShapeId) {
  const s = index.require(id);
  return s.type === 'structure' || s.type === 'union' ? s.members : [];
}

/** Follows a dotted member path from a structure; returns the struct at its end. */
export function wrapped(index: ShapeIndex, types: ShapeTypes, id: ShapeId | undefined, path: string | undefined) {
  if (!id || !path) return id;
  let cur: ShapeId = id;
  for (const seg of path.split('.')) {
    const ms = structMembers(index, cur);
      const m = ms.find((x) => x.name === seg) ?? ms.find((x) => x.name.toLowerCase() === seg.toLowerCase());
    if (!m) throw new GeneratorError({ file: index.file, at: cur }, `wrapper path segment "${seg}" is not a member`);
    const t = types.typeOf(m.target, cur);
    cur = t.kind === 'list' && t.item.kind === 'struct' ? t.item.shape : m.target;
  }
  return cur;
}

/** ACK unwraps an output whose only member is a structure (ECR's {repository: {…}}). */
export function unwrapOutput(index: ShapeIndex, types: ShapeTypes, id: ShapeId | undefined, path: string | undefined) {
  if (path) return wrapped(index, types, id, path);
  if (!id) return undefined;
  const ms = structMembers(index, id);
  if (ms.length === 1 && types.typeOf(ms[0]!.target, id).kind === 'struct') return ms[0]!.target;
  return id;
}

export function fieldFrom(
  index: ShapeIndex,
  types: ShapeTypes,
  from: { operation: string; path: string },
  loc: { file: string; at: string },
  fieldName: string,
): Field {
  const op = index.operations().find((o) => o.name === from.operation);
  if (!op) throw new GeneratorError(loc, `names no operation "${from.operation}"`);
  // ACK's `path: .`: the field is the operation's whole input (Lambda's FunctionEventInvokeConfig
  // from PutFunctionEventInvokeConfig), a structure of that shape.
  if (from.path === '.') {
    if (!op.input) throw new GeneratorError(loc, `${from.operation} has no input to take as the field's type`);
    const doc = index.get(op.input)?.traits.documentation;
    return { json: names(fieldName).camelLower, member: fieldName, type: types.typeOf(op.input), required: false, sensitive: false, ...(doc ? { doc: htmlToText(doc) } : {}) };
  }
  const segs = from.path.split('.');
  for (const root of [op.output, op.input]) {
    if (!root) continue;
    let cur: ShapeId = root;
    let found: Field | undefined;
    for (const [i, seg] of segs.entries()) {
      const ms = structMembers(index, cur);
      const m = ms.find((x) => x.name === seg) ?? ms.find((x) => x.name.toLowerCase() === seg.toLowerCase());
      if (!m) break;
      if (i === segs.length - 1) {
        found = { ...types.field(m, cur, fieldName), member: m.name };
        break;
      }
      let t = types.typeOf(m.target, cur);
      if (t.kind === 'list') t = t.item;
      if (t.kind !== 'struct') break;
      cur = t.shape;
    }
    if (found) return { ...found, json: names(fieldName).camelLower };
  }
  throw new GeneratorError(loc, `"${from.path}" is not a member path of ${from.operation}'s output or input`);
}

/** `custom_field: {list_of: X}` / `{map_of: X}`: a list or string-keyed map of the model's shape X. */
export function customShapeField(
  path: string,
  cf: { list_of?: string; map_of?: string },
  index: ShapeIndex,
  types: ShapeTypes,
  loc: { file: string; at: string },
): Field {
  const name = cf.list_of ?? cf.map_of;
  // ACK names operation payloads as its Go SDK does (PutSubscriptionFilterInput for …Request).
  const id = name !== undefined ? resolveShapeName(index, name) : undefined;
  if (!id || !index.get(id)) throw new GeneratorError(loc, name === undefined ? 'needs list_of or map_of' : `names no shape "${name}"`);
  const item = types.typeOf(id);
  const type: TypeRef = cf.list_of ? { kind: 'list', shape: id, item } : { kind: 'map', shape: id, value: item };
  return { json: names(path).camelLower, member: path, type, required: false, sensitive: false };
}

/** `type:` fields use Go type names, as in ACK's generator.yaml. */
export function customField(path: string, goType: string, index: ShapeIndex, loc: { file: string; at: string }): Field {
  const scalar = (t: string): TypeRef | undefined => {
    const shape = `smithy.api#${t}`;
    switch (t) {
      case 'string': case '*string': return { kind: 'string', shape: 'smithy.api#String' };
      case 'bool': case '*bool': return { kind: 'boolean', shape: 'smithy.api#Boolean' };
      case 'int': case 'int64': case '*int64': return { kind: 'long', shape: 'smithy.api#Long' };
      case 'float64': case '*float64': return { kind: 'double', shape: 'smithy.api#Double' };
      case 'time.Time': case '*metav1.Time': return { kind: 'timestamp', shape: 'smithy.api#Timestamp' };
      case 'bytes': case '[]byte': return { kind: 'blob', shape: 'smithy.api#Blob' };
      default: return index.get(shape) ? undefined : undefined;
    }
  };
  const parse = (t: string): TypeRef | undefined => {
    if (t.startsWith('[]')) {
      const item = parse(t.slice(2));
      return item && { kind: 'list', shape: 'smithy.api#Document', item };
    }
    if (t.startsWith('map[string]')) {
      const value = parse(t.slice('map[string]'.length));
      return value && { kind: 'map', shape: 'smithy.api#Document', value };
    }
    return scalar(t);
  };
  const type = parse(goType);
  if (!type) throw new GeneratorError(loc, `unsupported type "${goType}"`, 'use string, bool, int64, float64, time.Time, bytes, []T or map[string]T');
  return { json: names(path).camelLower, member: path, type, required: false, sensitive: false };
}

export function jsonPathOf(path: string, spec: readonly Field[], types: ShapeTypes, loc: { file: string; at: string }): string {
  const segs = path.split('.');
  const out: string[] = [];
  let fields: readonly Field[] = spec;
  for (const seg of segs) {
    const f = fields.find((x) => x.member.toLowerCase() === seg.toLowerCase()) ?? fields.find((x) => x.json === names(seg).camelLower);
    if (!f) throw new GeneratorError(loc, `"${seg}" is not a member here`, `members are ${fields.map((x) => x.member).join(', ')}`);
    out.push(f.json);
    let t = f.type;
    while (t.kind === 'list' || t.kind === 'map') t = t.kind === 'list' ? t.item : t.value;
    fields = t.kind === 'struct' ? types.members(t.shape) : [];
  }
  return out.join('.');
}
