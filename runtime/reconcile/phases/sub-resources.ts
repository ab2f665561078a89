import type { FieldSpec, OperationBinding, SdkObject, ShapeTable, SubResourceBinding } from '../../descriptor';
import { errorCode } from '../../aws/errors';
import { buildInput, latestSpec, type Observed } from '../../convert/operations';
import { getPath, type JsonObject } from '../../convert/paths';
import { toSdkValue } from '../../convert/shapes';
import { sameJsonText } from '../delta';
import type { Outcome } from '../outcome';
import type { RunState } from '../run-state';
import {
  SUB_RESOURCES_ANNOTATION,
  formatParts,
  keyedItem,
  keyedPlan,
  meansUnset,
  observedPart,
  partMatches,
  partField,
  planParts,
  putValue,
  recordedParts,
  unsetFromRead,
  withDefaultPartTags,
} from '../sub-resources';
import { failure } from './failures';
import { APPLIED_SPEC_ANNOTATION, changedSinceApplied, parseAppliedSpec } from '../applied-spec';
import { recordApplied, updateBlocked, updatePending } from './update';

export type SubResourcesResult = { readonly kind: 'synced'; readonly fields: string[] } | { readonly kind: 'outcome'; readonly outcome: Outcome };

/** A failed call, with whether it was a read (retried) or a write (an invalid one is terminal). */
class PartCallFailed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly call: 'read' | 'write',
    readonly field: string,
  ) {
    super('sub-resource call failed');
  }

  /** The AWS error with the part named in its message, so the condition says which part failed. */
  named(): unknown {
    const e = this.cause as { message?: unknown };
    if (typeof e !== 'object' || e === null) return this.cause;
    return { ...e, name: errorCode(this.cause), message: `spec.${this.field}: ${typeof e.message === 'string' ? e.message : ''}` };
  }
}

/**
 * Brings each sub-resource to the spec: one read per part the spec sets (a put only when it differs),
 * a delete (or an unset put) per part the spec dropped. The record of written parts is stored
 * before the first write, so a crash cannot forget a part this controller must later remove.
 */
export async function syncSubResources(s: RunState, desired: JsonObject, latest?: Observed): Promise<SubResourcesResult> {
  const parts = s.d.subResources ?? [];
  if (!parts.length) return { kind: 'synced', fields: [] };
  const recorded = recordedParts(s.annotations[SUB_RESOURCES_ANNOTATION]);
  const plan = planParts(parts, desired, recorded);
  await record(s, plan.recordBefore);
  const fields: string[] = [];
  let unreadPut = false;
  try {
    for (const p of plan.sync) {
      const answer = await syncPart(s, p, desired, latest);
      if (answer === 'blocked') return { kind: 'outcome', outcome: await updatePending(s, updateBlocked(s, desired, latest!)!, latest!) };
      if (answer === 'unchanged') continue;
      fields.push(`spec.${p.field}`);
      if (answer === 'put-unread') unreadPut = true;
    }
    for (const p of plan.remove) {
      await removePart(s, p, desired);
      fields.push(`spec.${p.field}`);
    }
  } catch (err) {
    if (!(err instanceof PartCallFailed)) throw err;
    s.env.log.warn('sub-resource call failed', { field: err.field, call: err.call });
    return { kind: 'outcome', outcome: await failure(s, err.named(), err.call) };
  }
  await record(s, plan.recordAfter);
  // A part no read reports is judged against the spec last applied: record what was just put.
  if (unreadPut) await recordApplied(s, desired);
  if (fields.length) s.env.log.info('updated sub-resources', { fields });
  return { kind: 'synced', fields };
}

async function record(s: RunState, to: ReadonlySet<string>): Promise<void> {
  const next = formatParts(to);
  if ((s.annotations[SUB_RESOURCES_ANNOTATION] ?? null) === next) return;
  await s.patchObject(() => ({ metadata: { annotations: { [SUB_RESOURCES_ANNOTATION]: next } } }));
}

async function call(s: RunState, p: SubResourceBinding, kind: 'read' | 'write', op: OperationBinding, input: SdkObject): Promise<SdkObject> {
  try {
    return await s.env.aws.call(kind === 'read' ? 'READ_ONE' : 'UPDATE', op.name, input);
  } catch (err) {
    throw new PartCallFailed(err, kind, p.field);
  }
}

/** The operation's input with the resource's identifiers (the bucket name, an ARN, …) filled in. */
function identity(s: RunState, op: OperationBinding, desired: JsonObject): SdkObject {
  return buildInput(op, s.d, s.shapes, { spec: desired, status: s.status, arn: s.arn });
}

/** The part as AWS has it; undefined when AWS says it is not set. */
async function readPart(s: RunState, p: SubResourceBinding, desired: JsonObject): Promise<SdkObject | undefined> {
  if (!p.read) throw new Error(`${s.d.kind} ${p.field}: read by the kind's own read`);
  try {
    return await call(s, p, 'read', p.read, identity(s, p.read, desired));
  } catch (err) {
    const cause = err instanceof PartCallFailed ? err.cause : err;
    if (meansUnset(cause, p, s.d.notFound)) return undefined;
    throw err;
  }
}

/** What syncing one part did: nothing, a put (of a part no read reports), or nothing yet because an update is in flight. */
type PartAnswer = 'unchanged' | 'put' | 'put-unread' | 'blocked';

async function syncPart(s: RunState, p: SubResourceBinding, desired: JsonObject, latest: Observed | undefined): Promise<PartAnswer> {
  const f = partField(s.shapes, s.d.specShape, p);
  let observed: unknown;
  let unread = false;
  if (!p.read) {
    observed = latest ? getPath(latestSpec(desired, latest), p.field) : undefined;
    // Not reported by any read (ACK `set: ReadOne ignore`: a function's code): changed only if the user changed it.
    unread = s.d.readIgnored?.includes(p.field) === true || (latest?.reported !== undefined && !latest.reported.has(p.field));
    if (unread && !changedSinceApplied(desired, p.field, parseAppliedSpec(s.annotations[APPLIED_SPEC_ANNOTATION]))) return 'unchanged';
  } else {
    const output = await readPart(s, p, desired);
    observed = output ? observedPart(p, f, output, s.shapes) : undefined;
  }
  if (p.key) return (await syncKeyed(s, p, desired, observed)) ? 'put' : 'unchanged';
  const id = identity(s, p.put, desired);
  const want = withoutIdentity(p, f, withDefaultPartTags(p, f, desired[p.field], s.shapes, s.env.defaultTags), id, s.shapes);
  if (!unread && (f.jsonDocument ? sameJsonText(want, observed) : partMatches(want, observed, f.type, s.shapes))) return 'unchanged';
  if (latest && updateBlocked(s, desired, latest)) return 'blocked';
  await call(s, p, 'write', p.put, putInput(p, id, putValue(p, f, want, s.shapes)));
  return unread ? 'put-unread' : 'put';
}

/** The put's input: the value in its member, or (member `.`) the value's members spread beside the identifiers. */
function putInput(p: SubResourceBinding, id: SdkObject, value: unknown): SdkObject {
  if (p.put.member !== '.') return { ...id, [p.put.member]: value };
  return { ...(typeof value === 'object' && value !== null ? (value as SdkObject) : {}), ...id };
}

/**
 * A part that is a whole input (`.`: PutFunctionEventInvokeConfig's FunctionName, Qualifier, …): its
 * identifier members are the resource's, filled from it, so they are neither compared nor taken from the value.
 */
function withoutIdentity(p: SubResourceBinding, f: FieldSpec, want: unknown, id: SdkObject, shapes: ShapeTable): unknown {
  if (p.put.member !== '.' || typeof want !== 'object' || want === null || typeof f.type !== 'object' || !('struct' in f.type)) return want;
  const out = { ...(want as JsonObject) };
  for (const m of shapes[f.type.struct] ?? []) if (m.sdk in id) delete out[m.json];
  return out;
}

async function syncKeyed(s: RunState, p: SubResourceBinding, desired: JsonObject, observed: unknown): Promise<boolean> {
  const f = partField(s.shapes, s.d.specShape, p);
  const { itemType, keyJson } = keyedItem(f, p.key!, s.shapes);
  const plan = keyedPlan(desired[p.field], observed, itemType, keyJson, s.shapes);
  for (const item of plan.put) {
    const input = { ...identity(s, p.put, desired), [p.key!]: getPath(item, keyJson), [p.put.member]: toSdkValue(item, itemType, s.shapes) };
    await call(s, p, 'write', p.put, input);
  }
  for (const key of plan.delete) await deleteItem(s, p, desired, key);
  return plan.put.length + plan.delete.length > 0;
}

async function deleteItem(s: RunState, p: SubResourceBinding, desired: JsonObject, key: string): Promise<void> {
  if (!p.delete) throw new Error(`${s.d.kind} ${p.field}: no operation removes one item`);
  await call(s, p, 'write', p.delete, { ...identity(s, p.delete, desired), [p.key!]: key });
}

/** The spec dropped the part: Delete (gone already is fine), or put the unset value. */
async function removePart(s: RunState, p: SubResourceBinding, desired: JsonObject): Promise<void> {
  if (p.key) {
    await syncKeyed(s, p, desired, await readKeyedForRemoval(s, p, desired));
    return;
  }
  if (p.delete) {
    try {
      await call(s, p, 'write', p.delete, identity(s, p.delete, desired));
    } catch (err) {
      const cause = err instanceof PartCallFailed ? err.cause : err;
      if (!meansUnset(cause, p, s.d.notFound)) throw err;
    }
    return;
  }
  if (p.unsetFromRead?.length && p.read) {
    const value = unsetFromRead(p, await readPart(s, p, desired));
    if (value) await call(s, p, 'write', p.put, putInput(p, identity(s, p.put, desired), value));
    return;
  }
  const f = partField(s.shapes, s.d.specShape, p);
  await call(s, p, 'write', p.put, putInput(p, identity(s, p.put, desired), putValue(p, f, undefined, s.shapes)));
}

async function readKeyedForRemoval(s: RunState, p: SubResourceBinding, desired: JsonObject): Promise<unknown> {
  const output = await readPart(s, p, desired);
  return output ? observedPart(p, partField(s.shapes, s.d.specShape, p), output, s.shapes) : undefined;
}

export type ObservedParts = { readonly kind: 'read'; readonly spec: JsonObject } | { readonly kind: 'outcome'; readonly outcome: Outcome };

/**
 * Every part AWS has set, as spec fields: what a resource adopted with policy `adopt` takes into its
 * spec (ACK reads them all on every reconcile; here once, at adoption). Unset and empty parts are left out.
 */
export async function observedParts(s: RunState, desired: JsonObject): Promise<ObservedParts> {
  const spec: JsonObject = {};
  try {
    for (const p of s.d.subResources ?? []) {
      if (!p.read) continue; // the kind's own read reports it
      const output = await readPart(s, p, desired);
      const value = output ? observedPart(p, partField(s.shapes, s.d.specShape, p), output, s.shapes) : undefined;
      if (value !== undefined && !isEmpty(value)) spec[p.field] = value;
    }
  } catch (err) {
    if (!(err instanceof PartCallFailed)) throw err;
    return { kind: 'outcome', outcome: await failure(s, err.named(), err.call) };
  }
  return { kind: 'read', spec };
}

function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}
