import type { UpdateEffects } from '../../descriptor';
import { latestSpec, type Observed } from '../../convert/operations';
import { getPath, setPath, type JsonObject } from '../../convert/paths';
import { SYNCED_FALSE, SYNCED_TRUE, type ConditionValue } from '../conditions';
import { lateInitialize } from '../delta';
import type { Outcome } from '../outcome';
import { NOT_SYNCED_REQUEUE_MS } from '../policy';
import { applyResolved } from '../references';
import type { RunState } from '../run-state';
import { evaluateSynced } from '../synced';

export const LATE_INIT_REQUEUE_MS = 5_000;

export interface SettleInput {
  readonly readOnly: boolean;
  /** Spec fields this sync wrote to AWS, for the Updated event. */
  readonly updatedFields: readonly string[];
  readonly effects?: UpdateEffects;
}

/**
 * After AWS and the spec agree (or could not be made to): late initialization, the synced verdict,
 * the conditions and what to do next.
 */
export async function settle(s: RunState, desired: JsonObject, latest: Observed, o: SettleInput): Promise<Outcome> {
  const { readOnly, updatedFields, effects } = o;
  const { env, d } = s;
  const hookVerdict = env.hooks?.isSynced?.(s.view());
  const verdict = hookVerdict ?? evaluateSynced(d.synced, { spec: s.cur.spec, status: s.status });
  let lateInit: ConditionValue | undefined;
  let lateInitPending = false;
  if (!readOnly && d.lateInitialize.length) {
    // A field filled from its reference is not unset: late initialization must not store it.
    const li = lateInitialize(applyResolved(s.cur.spec ?? {}, s.resolved), latestSpec(desired, latest), d.lateInitialize);
    if (li.filled.length) {
      let patch: JsonObject = {};
      for (const p of li.filled) patch = setPath(patch, p, getPath(li.spec, p));
      await s.patchObject(() => ({ spec: patch }));
    }
    // Server defaults arrive while a resource settles. A field AWS still leaves out once the
    // resource is settled has no default to copy; waiting for it would requeue forever.
    lateInitPending = li.pending.length > 0 && !verdict.synced;
    lateInit = lateInitPending
      ? { status: 'False', reason: 'Delayed Late Initialization', message: `Late initialization did not complete, requeuing with delay of 5 seconds (waiting for ${li.pending.join(', ')})` }
      : { status: 'True', reason: 'Late initialization successful', message: li.pending.length ? `Late initialization successful (AWS reports no value for ${li.pending.join(', ')})` : 'Late initialization successful' };
  }

  const synced: ConditionValue = verdict.synced
    ? { ...SYNCED_TRUE, ...(hookVerdict?.message ? { message: hookVerdict.message } : {}) }
    : { ...SYNCED_FALSE, message: !verdict.message ? SYNCED_FALSE.message : hookVerdict ? verdict.message : `Resource not synced: ${verdict.message}` };
  if (updatedFields.length) env.events.emit(s.cur, 'Normal', 'Updated', `updated in AWS: ${updatedFields.join(', ')}`);
  const lateInitCondition = lateInit ? { lateInitialized: lateInit } : {};
  if (hookVerdict?.terminal) {
    // The AWS resource itself failed (ACK's SetTerminalState): Terminal, with ResourceSynced as judged.
    const message = s.scrubbed(hookVerdict.terminal);
    env.log.warn('resource is in a terminal state in AWS', { message });
    return s.finish(
      { synced, terminal: { reason: 'ResourceTerminal', message, keepsSynced: true, observedGeneration: s.cur.metadata.generation ?? 0 }, ...lateInitCondition },
      { kind: 'terminal', error: { code: 'ResourceTerminal', message } },
    );
  }
  const outcome: Outcome = effects?.requeue
    ? { kind: 'requeueAfter', ms: effects.requeue.requeueAfterMs, reason: effects.requeue.reason }
    : lateInitPending
      ? { kind: 'requeueAfter', ms: LATE_INIT_REQUEUE_MS, reason: 'late initialization pending' }
      : verdict.synced
        ? { kind: 'synced' }
        : { kind: 'requeueAfter', ms: NOT_SYNCED_REQUEUE_MS, reason: 'not synced' };
  return s.finish({ synced, ...lateInitCondition }, outcome);
}

/**
 * The events hook's Events, emitted before the status that records them is written: if that write
 * fails, the next reconcile emits them again and the keys keep them from being recorded twice.
 */
export function emitHookEvents(s: RunState): void {
  const events = s.env.hooks?.events?.(s.view(), s.view(undefined, s.previousStatus)) ?? [];
  for (const e of events) s.env.events.emit(s.cur, e.type, e.reason, s.scrubbed(e.message), { key: e.key });
}
