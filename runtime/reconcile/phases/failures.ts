import { describeError } from '../../aws/errors';
import { SYNCED_FALSE } from '../conditions';
import type { Outcome } from '../outcome';
import { CallRefused } from '../ports';
import { ObjectGone, type RunState } from '../run-state';

/**
 * A failed AWS call, as conditions and an outcome. A write AWS rejects as invalid will be rejected
 * again for the same spec: Terminal until the spec changes, instead of ACK's endless retries.
 * Reads keep retrying.
 */
export async function failure(s: RunState, err: unknown, call: 'read' | 'write' = 'read'): Promise<Outcome> {
  rethrowInterruption(err);
  const c = s.classify(err);
  const message = s.scrubbed(describeError(c));
  if (c.class === 'terminal' || (c.class === 'validation' && call === 'write')) return terminal(s, c.code, message);
  return recoverable(s, c.code, message, c.class === 'throttled');
}

/**
 * Will not succeed until the spec changes: the verdict records the generation it judged, and later
 * reconciles of that generation call nothing (sync's first check). `byAnnotation`: an annotation is
 * at fault (adoption policy, region), so the verdict is reconsidered whenever the object changes.
 */
export async function terminal(s: RunState, reason: string, message: string, o: { byAnnotation?: boolean } = {}): Promise<Outcome> {
  s.env.log.warn('terminal error', { reason, message });
  const generation = o.byAnnotation ? {} : { observedGeneration: s.cur.metadata.generation ?? 0 };
  return s.finish({ synced: SYNCED_FALSE, terminal: { reason, message, ...generation } }, { kind: 'terminal', error: { code: reason, message } });
}

/** May succeed later: retried with backoff. */
export async function recoverable(s: RunState, reason: string, message: string, throttled = false): Promise<Outcome> {
  s.env.log.warn('recoverable error', { reason, message, throttled });
  return s.finish(
    { synced: { status: 'Unknown', reason, message: 'Unable to determine if desired resource state matches latest observed state' }, recoverable: { reason, message } },
    { kind: 'recoverable', error: { code: reason, message }, throttled },
  );
}

/** Not AWS's answer (the object went away, or the controller is stopping): the reconcile just ends. */
export function rethrowInterruption(err: unknown): void {
  if (err instanceof ObjectGone || err instanceof CallRefused) throw err;
}
