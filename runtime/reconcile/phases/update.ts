import type { DeltaEntry, RequeueRequest, UpdateEffects } from '../../descriptor';
import { buildInput, latestSpec, observeOutput, type Observed } from '../../convert/operations';
import type { JsonObject } from '../../convert/paths';
import { attributeWrites } from '../../convert/attributes';
import { toSdkStruct } from '../../convert/shapes';
import { APPLIED_SPEC_ANNOTATION, appliedSpec, formatAppliedSpec, keepRecorded, parseAppliedSpec, withoutUnreportedUnchanged } from '../applied-spec';
import { computeDelta, immutableViolations } from '../delta';
import type { Outcome } from '../outcome';
import { overStatus, type RunState } from '../run-state';
import { tagEntries, tagLayout } from '../tags';
import { guardWait, omitUnchanged } from '../guards';
import { failure, terminal } from './failures';
import { isRequeue, isTerminalRequest } from './hook-answers';
import { read } from './read';

export type UpdateResult =
  /** The sync ends here (refused, postponed or failed), with this outcome. */
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  /** `fields` were written (none when nothing differed); `latest` is the read after the write. */
  | { readonly kind: 'updated'; readonly fields: string[]; readonly latest?: Observed; readonly effects?: UpdateEffects };

/** Brings AWS to the spec when they differ: the delta, the hooks' and immutability's say, Update, a read-back. */
export async function update(s: RunState, desired: JsonObject, latest: Observed): Promise<UpdateResult> {
  const { d, shapes, env } = s;
  const delta = specDelta(s, desired, latest);
  if (!delta.length) return { kind: 'updated', fields: [] };
  const fields = delta.map((e) => `spec.${e.path}`);
  env.log.info('desired resource state has changed', { diff: fields });
  const check = env.hooks?.checkUpdate?.(delta, s.view(desired), s.view(latestSpec(desired, latest), { ...s.status, ...latest.status }));
  if (isTerminalRequest(check)) return { kind: 'outcome', outcome: await terminal(s, check.reason, s.scrubbed(check.message)) };
  if (isRequeue(check)) return { kind: 'outcome', outcome: await updatePending(s, check, latest) };
  const frozen = immutableViolations(delta, d.immutable);
  if (frozen.length) {
    return {
      kind: 'outcome',
      outcome: await terminal(s, 'ImmutableFieldChanged', `${frozen.map((p) => `spec.${p}`).join(', ')} cannot be changed after creation; revert the change or recreate the resource`),
    };
  }
  const op = d.operations.update;
  if (!op) {
    return { kind: 'outcome', outcome: await terminal(s, 'UpdateNotSupported', `${d.kind} cannot be updated in AWS; changed: ${fields.join(', ')}`) };
  }
  // A change the update cannot carry would be "updated" without effect, then sent again on every resync.
  const createOnly = immutableViolations(delta, d.createOnly ?? []);
  if (createOnly.length) {
    const them = createOnly.length === 1 ? 'it' : 'them';
    return {
      kind: 'outcome',
      outcome: await terminal(s, 'ImmutableFieldChanged', `${createOnly.map((p) => `spec.${p}`).join(', ')} cannot be changed after creation (${op.name} cannot carry ${them}); revert the change or recreate the resource`),
    };
  }
  const wait = guardWait(d.updateable, { spec: desired, status: { ...s.status, ...latest.status } }, 'update');
  if (wait) return { kind: 'outcome', outcome: await updatePending(s, wait, latest) };
  let input = buildInput(op, d, shapes, { spec: desired, status: s.status, arn: s.arn });
  if (d.omitUnchangedFields) input = omitUnchanged(input, d, shapes, op.renames, delta);
  try {
    if (env.hooks?.beforeUpdate) {
      const r = await env.hooks.beforeUpdate(input, delta, s.view(desired), s.view(latest.spec, { ...s.status, ...latest.status }), s.hookContext());
      if (isRequeue(r)) return { kind: 'outcome', outcome: await updatePending(s, r, latest) };
      input = r;
    }
    // Attribute maps send only the changed attributes, in one call or one call each.
    const writes = attributeWrites(d, shapes, input, toSdkStruct(desired, d.specShape, shapes), delta) ?? [input];
    for (const write of writes) {
      const output = await env.aws.call('UPDATE', op.name, write);
      s.setObserved(observeOutput(op, d, shapes, output));
    }
  } catch (err) {
    return { kind: 'outcome', outcome: await failure(s, err, 'write') };
  }
  env.log.info('updated resource', { fields });
  // Parts and collections are applied by their own phases: their record stays until those write them.
  await recordApplied(s, desired, [...(d.subResources ?? []).map((p) => p.field), ...(d.collections ?? []).map((c) => c.field)]);
  let after: Observed | undefined;
  try {
    after = await read(s, desired);
  } catch {
    after = undefined;
  }
  const afterLatest = after ?? latest;
  const effects = env.hooks?.afterUpdate?.(s.view(desired), s.view(latestSpec(desired, afterLatest), { ...s.status, ...afterLatest.status }), s.hookContext());
  return { kind: 'updated', fields, ...(after ? { latest: after } : {}), ...(effects ? { effects } : {}) };
}

/**
 * ACK's `updateable` for writes beside the update operation (sub-resources put by their own operations:
 * a Lambda function's UpdateFunctionCode is refused with ResourceConflictException while
 * LastUpdateStatus is InProgress, like UpdateFunctionConfiguration).
 */
export function updateBlocked(s: RunState, desired: JsonObject, latest: Observed): RequeueRequest | undefined {
  return guardWait(s.d.updateable, { spec: desired, status: { ...s.status, ...latest.status } }, 'update');
}

/** As ACK, the postponement records this read's status (and the hook's fields) with its reason. */
export function updatePending(s: RunState, r: RequeueRequest, latest: Observed): Promise<Outcome> {
  s.setObserved(latest);
  if (r.status) s.status = overStatus(s.status, r.status);
  s.env.log.info('update postponed', { reason: r.reason, requeueAfterMs: r.requeueAfterMs });
  return s.finish({ synced: { status: 'False', reason: 'UpdatePending', message: r.reason } }, { kind: 'requeueAfter', ms: r.requeueAfterMs, reason: r.reason });
}

/** Where the spec and AWS differ, as the kind and its hooks judge it. */
export function specDelta(s: RunState, desired: JsonObject, latest: Observed): readonly DeltaEntry[] {
  const { d, shapes, env } = s;
  const observedSpec = latestSpec(desired, latest);
  // Sub-resources and collections are compared by their own reads (phases/sub-resources.ts, collections.ts).
  const ignored = [...d.compareIgnored, ...(d.subResources ?? []).map((p) => p.field), ...(d.collections ?? []).map((c) => c.field)];
  const compared = computeDelta(desired, observedSpec, d.specShape, shapes, ignored);
  // A field the read leaves out is judged against the spec last applied, not against its absence.
  const delta = withoutUnreportedUnchanged(compared, desired, parseAppliedSpec(s.annotations[APPLIED_SPEC_ANNOTATION]));
  const tagsPath = d.tags?.path;
  // With a tagging API the tag phase owns the tags; otherwise they travel in the Update input.
  const filtered = tagsPath ? delta.filter((e) => (d.tagging ? e.path !== tagsPath : !onlySystemTagsDiffer(s, e, tagsPath))) : delta;
  return env.hooks?.customizeDelta?.(filtered, s.view(desired), s.view(observedSpec)) ?? filtered;
}

/** AWS adds `aws:*` and controller tags the user never wrote; they are not drift. */
function onlySystemTagsDiffer(s: RunState, e: DeltaEntry, tagsPath: string): boolean {
  if (e.path !== tagsPath) return false;
  const isSystem = (k: string) => k.startsWith('aws:') || k in (s.env.defaultTags ?? {});
  const norm = (v: unknown): string => {
    const entries = tagEntries(v, tagLayout(s.d, s.shapes)).filter(([k]) => !isSystem(k));
    return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  return norm(e.desired) === norm(e.latest);
}

/** afterUpdate's effects: annotations on the object, status fields over the observed status. */
export async function applyEffects(s: RunState, effects: UpdateEffects): Promise<void> {
  if (effects.status) s.status = overStatus(s.status, effects.status);
  const annotations = effects.annotations;
  if (annotations && Object.entries(annotations).some(([k, v]) => s.annotations[k] !== v)) {
    await s.patchObject(() => ({ metadata: { annotations: { ...annotations } } }));
  }
}

/** Records the spec just applied to AWS (see applied-spec.ts); no write when it is already recorded. */
export async function recordApplied(s: RunState, desired: JsonObject, notApplied: readonly string[] = []): Promise<void> {
  const value = formatAppliedSpec(keepRecorded(appliedSpec(desired), parseAppliedSpec(s.annotations[APPLIED_SPEC_ANNOTATION]), notApplied));
  if (s.annotations[APPLIED_SPEC_ANNOTATION] === value) return;
  await s.patchObject(() => ({ metadata: { annotations: { [APPLIED_SPEC_ANNOTATION]: value } } }));
}
