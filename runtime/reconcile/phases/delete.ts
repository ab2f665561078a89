import type { RequeueRequest, SdkObject } from '../../descriptor';
import { describeError } from '../../aws/errors';
import { buildInput, type Observed } from '../../convert/operations';
import { CONDITION } from '../conditions';
import type { Outcome } from '../outcome';
import { isReadOnly } from '../policy';
import { overStatus, type RunState } from '../run-state';
import { rethrowInterruption } from './failures';
import { isRequeue, isSkipDelete } from './hook-answers';
import { read } from './read';
import { emptyCollections } from './collections';
import { guardWait } from '../guards';
import { resolveReferences } from './references';
import { applyResolved } from '../references';
import type { JsonObject } from '../../convert/paths';

/**
 * The object is being deleted: delete the AWS resource (unless retained or read-only), then remove
 * the finalizer. A failure keeps the finalizer and retries; it is never terminal, so no deletion wedges.
 */
export async function deleteResource(s: RunState): Promise<Outcome> {
  const { d, shapes, env } = s;
  if (!s.managed) return { kind: 'done' };
  if (env.deletionPolicy === 'retain' || isReadOnly(s.annotations)) {
    await removeFinalizer(s);
    const why = isReadOnly(s.annotations) ? 'resource is read-only' : 'deletion policy is retain';
    env.log.info('AWS resource will not be deleted', { reason: why });
    env.events.emit(s.cur, 'Normal', 'Retained', `AWS resource kept: ${why}`);
    return { kind: 'done' };
  }
  // Identifiers filled from references (a Grant's KeyId from its keyRef) key the read and the delete
  // too. An unresolvable reference does not stop the delete: the calls go without its value.
  await resolveReferences(s, true);
  const spec = applyResolved({ ...(s.cur.spec ?? {}) }, s.resolved);
  let latest: Observed | undefined;
  try {
    latest = await read(s, spec);
  } catch (err) {
    return deleteFailure(s, err);
  }
  if (!latest) {
    await removeFinalizer(s);
    env.events.emit(s.cur, 'Normal', 'Deleted', 'AWS resource is gone');
    return { kind: 'done' };
  }
  s.setObserved(latest);
  const wait = guardWait(d.deletable, { spec: s.cur.spec ?? {}, status: s.status }, 'delete');
  if (wait) return deletePending(s, wait);
  const op = d.operations.delete;
  const hooks = env.hooks;
  try {
    const before = await hooks?.beforeDelete?.(s.view(), s.hookContext());
    if (isRequeue(before)) return deletePending(s, before);
    if (isSkipDelete(before)) {
      await removeFinalizer(s);
      env.log.info('nothing to delete in AWS', { reason: before.reason });
      env.events.emit(s.cur, 'Normal', 'Deleted', `nothing to delete in AWS: ${before.reason}`);
      return { kind: 'done' };
    }
    let output: SdkObject | undefined;
    if (op) {
      await emptyCollections(s, spec);
      const input = buildInput(op, d, shapes, { spec, status: s.status, arn: s.arn });
      output = await env.aws.call('DELETE', op.name, hooks?.deleteInput ? hooks.deleteInput(input, s.view()) : input);
    }
    const after = await hooks?.afterDelete?.(s.view(), s.hookContext(), output);
    // As ACK, read again right after the delete: what AWS removes at once is done now, not a requeue later.
    if (isRequeue(after) && (await stillThere(s, spec))) return deletePending(s, after);
  } catch (err) {
    if (s.classify(err).class !== 'notFound') return deleteFailure(s, err);
  }
  await removeFinalizer(s);
  if (op) env.events.emit(s.cur, 'Normal', 'Deleted', 'deleted in AWS');
  else env.events.emit(s.cur, 'Warning', 'DeleteNotSupported', `${d.kind} has no delete operation; the AWS resource was left in place`);
  env.log.info('deleted resource');
  return { kind: 'done' };
}

async function deletePending(s: RunState, r: RequeueRequest): Promise<Outcome> {
  if (r.status) s.status = overStatus(s.status, r.status);
  await s.finish({ synced: { status: 'False', reason: 'Deleting', message: r.reason } }, { kind: 'done' }, false);
  return { kind: 'requeueAfter', ms: deletePollMs(s, r.requeueAfterMs), reason: r.reason };
}

/** The read after a delete call: false once AWS reports the resource gone. A failed read says nothing: still there. */
async function stillThere(s: RunState, spec: JsonObject): Promise<boolean> {
  try {
    const latest = await read(s, spec);
    if (!latest) return false;
    s.setObserved(latest);
  } catch (err) {
    s.env.log.debug('read after delete failed; looking again later', { code: s.classify(err).code });
  }
  return true;
}

const DELETE_POLL_MIN_MS = 1_000;

/**
 * When to look again at a resource being deleted: soon at first (many deletes finish in seconds),
 * then backing off to the hook's period. Half the time since the object was marked for deletion,
 * between 1 s and what the hook asked for (ACK's fixed 30 s): 1 s, …, 5 s after 10 s, 30 s after a minute.
 */
export function deletePollMs(s: RunState, requestedMs: number): number {
  const since = Date.parse(s.cur.metadata.deletionTimestamp ?? '');
  const now = (s.env.now?.() ?? new Date()).getTime();
  const elapsed = Number.isNaN(since) ? 0 : Math.max(0, now - since);
  return Math.min(requestedMs, Math.max(DELETE_POLL_MIN_MS, Math.round(elapsed / 2)));
}

/** AWS refused or failed the delete: say why, keep the finalizer, retry with backoff. Never terminal. */
async function deleteFailure(s: RunState, err: unknown): Promise<Outcome> {
  rethrowInterruption(err);
  const c = s.classify(err);
  const message = `delete failed, will retry: ${s.scrubbed(describeError(c))}`;
  s.env.log.warn('delete failed', { code: c.code, class: c.class });
  const before = s.previousConditions.find((p) => p.type === CONDITION.recoverable);
  if (before?.message !== message) s.env.events.emit(s.cur, 'Warning', 'DeleteFailed', message);
  await s.finish({ synced: { status: 'False', reason: 'DeleteFailed', message }, recoverable: { reason: c.code, message } }, { kind: 'done' }, false);
  return { kind: 'recoverable', error: { code: c.code, message }, throttled: c.class === 'throttled' };
}

async function removeFinalizer(s: RunState): Promise<void> {
  const next = await s.env.store.patch(s.cur, (c) =>
    (c.metadata.finalizers ?? []).includes(s.fin)
      ? { metadata: { resourceVersion: c.metadata.resourceVersion, finalizers: (c.metadata.finalizers ?? []).filter((f) => f !== s.fin) } }
      : undefined,
  );
  if (next) s.cur = next;
}
