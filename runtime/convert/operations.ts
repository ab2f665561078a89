import type { OperationBinding, ReadManyBinding, ResourceDescriptor, SdkObject, ShapeTable } from '../descriptor';
import { getPath, isObject, type JsonObject } from './paths';
import { fromSdkStruct, toSdkStruct } from './shapes';
import { packAttributes, unpackAttributes } from './attributes';

/** The observable parts of a resource, JSON-named: what the reconciler reads from AWS. */
export interface Observed {
  readonly spec: JsonObject;
  readonly status: JsonObject;
  readonly arn?: string;
  /**
   * Spec members the read operation reports (its output shape has them). Others (write-only members
   * such as secrets) keep their desired value when comparing. Undefined: all are reported.
   */
  readonly reported?: ReadonlySet<string>;
}

/** The spec as AWS has it, for comparison: reported members from AWS, the rest as desired. */
export function latestSpec(desired: JsonObject, o: Observed): JsonObject {
  if (!o.reported) return { ...o.spec };
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(desired)) if (!o.reported.has(k)) out[k] = v;
  return { ...out, ...o.spec };
}

/**
 * Builds an operation's input from the resource: spec members, status members (server-assigned
 * identifiers) and the ARN, renamed for this operation, filtered to the input shape when known,
 * then the fixed override values.
 */
export function buildInput(
  op: OperationBinding,
  d: ResourceDescriptor,
  shapes: ShapeTable,
  r: { spec: JsonObject; status: JsonObject; arn?: string | undefined },
): SdkObject {
  const merged: SdkObject = { ...toSdkStruct(r.status, d.statusShape, shapes), ...toSdkStruct(r.spec, d.specShape, shapes) };
  if (d.arnMember && r.arn && merged[d.arnMember] === undefined) merged[d.arnMember] = r.arn;
  if (op.arnInput) {
    const arn = (d.arnMember ? merged[d.arnMember] : undefined) ?? r.arn;
    if (arn !== undefined) merged[op.arnInput] = arn;
  }
  for (const [from, to] of Object.entries(op.renames ?? {})) {
    if (from in merged && from !== to) {
      merged[to] = merged[from];
      delete merged[from];
    }
  }
  const inputMembers = op.input ? shapes[op.input] : undefined;
  const packed = packAttributes(d, merged, inputMembers && new Set(inputMembers.map((m) => m.sdk)));
  let input: SdkObject = packed;
  if (inputMembers) {
    input = {};
    for (const m of inputMembers) if (packed[m.sdk] !== undefined) input[m.sdk] = packed[m.sdk];
  }
  const filters = (op as ReadManyBinding).filterMembers;
  if (filters) {
    for (const [filterMember, fromMember] of Object.entries(filters)) {
      const v = merged[fromMember];
      if (v === undefined) continue;
      // A list filter (ResourceIds) takes [identifier]; a prefix filter (LogGroupNamePrefix) the identifier.
      const type = inputMembers?.find((m) => m.sdk === filterMember)?.type;
      const scalar = typeof type === 'string';
      input[filterMember] = scalar ? v : [v];
    }
  }
  return { ...input, ...(op.overrideValues ?? {}) };
}

/**
 * The wrapped structure, with the output's other members beside it: a read may report a field next to
 * the wrapper (Lambda's GetFunction: `Tags` beside `Configuration`). The wrapper's members win.
 */
function withSiblings(op: OperationBinding, output: SdkObject): SdkObject {
  const inner = unwrap(op, output);
  if (!op.outputWrapper) return output;
  const siblings: SdkObject = { ...output };
  delete siblings[op.outputWrapper.split('.')[0]!];
  return { ...siblings, ...(inner ?? {}) };
}

function unwrap(op: OperationBinding, output: SdkObject): SdkObject | undefined {
  if (!op.outputWrapper) return output;
  const inner = getPath(output, op.outputWrapper);
  return isObject(inner) ? (inner as SdkObject) : undefined;
}

/** Reads spec, status and ARN from one output (or one item of a ReadMany list). */
export function observe(d: ResourceDescriptor, shapes: ShapeTable, output: SdkObject): Observed {
  const item = unpackAttributes(d, output);
  const arn = d.arnMember ? item[d.arnMember] : undefined;
  return {
    spec: fromSdkStruct(item, d.specShape, shapes),
    status: fromSdkStruct(item, d.statusShape, shapes),
    ...(typeof arn === 'string' ? { arn } : {}),
  };
}

export function observeOutput(op: OperationBinding, d: ResourceDescriptor, shapes: ShapeTable, output: SdkObject): Observed {
  const observed = withoutReadIgnored(d, observe(d, shapes, withSiblings(op, output)));
  const outputMembers = op.output && !op.outputWrapper ? shapes[op.output] : undefined;
  if (!outputMembers) return observed;
  const sdkNames = new Set(outputMembers.map((m) => m.sdk));
  for (const f of shapes[d.specShape] ?? []) if (d.readIgnored?.includes(f.json)) sdkNames.delete(f.sdk);
  // An attribute map reports every attribute: one AWS leaves out is unset there.
  if (d.attributes && sdkNames.has(d.attributes.member)) for (const f of d.attributes.fields) sdkNames.add(f);
  const reported = new Set((shapes[d.specShape] ?? []).filter((f) => sdkNames.has(f.sdk)).map((f) => f.json));
  return { ...observed, reported };
}

/**
 * Fields the read reports in another shape (ACK `set: ReadOne ignore`: a Lambda function's code
 * location for its code) are not read at all: judged against the spec last applied instead.
 */
function withoutReadIgnored(d: ResourceDescriptor, o: Observed): Observed {
  if (!d.readIgnored?.length) return o;
  const spec = { ...o.spec };
  for (const f of d.readIgnored) delete spec[f];
  return { ...o, spec };
}

/**
 * Picks this resource out of a ReadMany output: the item whose identifiers (primary-key spec and
 * status fields, or the ARN) all equal ours. Undefined when none matches (not found), or when an
 * identifier is unknown yet: a list filtered by prefix may hold other resources.
 */
export function pickFromMany(
  op: ReadManyBinding,
  d: ResourceDescriptor,
  shapes: ShapeTable,
  output: SdkObject,
  desiredSpec: JsonObject,
  known: { readonly status?: JsonObject; readonly arn?: string | undefined } = {},
): SdkObject | undefined {
  const items = (unwrap(op, output) ?? {})[op.itemsMember];
  if (!Array.isArray(items)) return undefined;
  const ours = (path: string): unknown =>
    path === 'status.ackResourceMetadata.arn'
      ? known.arn
      : path.startsWith('spec.')
        ? getPath(desiredSpec, path.slice(5))
        : getPath(known.status ?? {}, path.slice(7));
  if (d.primaryKey.some((p) => ours(p) === undefined)) return undefined;
  return items.find((item) => {
    if (!isObject(item)) return false;
    const spec = fromSdkStruct(item, d.specShape, shapes);
    const status = fromSdkStruct(item, d.statusShape, shapes);
    const theirs = (path: string): unknown =>
      path === 'status.ackResourceMetadata.arn'
        ? d.arnMember && item[d.arnMember]
        : path.startsWith('spec.')
          ? getPath(spec, path.slice(5))
          : getPath(status, path.slice(7));
    return d.primaryKey.every((p) => theirs(p) === ours(p));
  }) as SdkObject | undefined;
}
