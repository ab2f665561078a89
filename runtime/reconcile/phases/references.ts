import type { Outcome } from '../outcome';
import { referencesCondition, resolveReferences as resolve } from '../references';
import type { RunState } from '../run-state';

/**
 * Resolves reference fields into `s.resolved` and records their conditions. A failure ends the
 * sync before any AWS call (an outcome to return) unless `proceedAnyway`; it is retried with
 * backoff as in ACK, and sooner when the controller can watch the object it waits for.
 */
export async function resolveReferences(s: RunState, proceedAnyway: boolean): Promise<Outcome | undefined> {
  const { env } = s;
  const bindings = s.d.references ?? [];
  if (bindings.length === 0) return undefined;
  const namespace = s.cur.metadata.namespace ?? '';
  const r = await resolve(s.cur.spec ?? {}, namespace, bindings, env.objects, env.enableCrossNamespace ?? true);
  if (r.kind === 'none') return undefined;
  for (const a of r.advisories) env.log.info('cross-namespace resource reference detected; this behavior will be disabled by default in a future release', { advisory: a.reason });
  s.referenceConditions = { referencesResolved: referencesCondition(r), ...(r.advisories.length ? { advisories: r.advisories } : {}) };
  if (r.kind === 'resolved') {
    s.resolved = r.fills;
    return undefined;
  }
  if (r.awaiting) env.awaitReferenced?.(r.awaiting);
  env.log.warn('references not resolved', { message: r.message, detail: r.detail });
  // Once per cause (the key), not on every retry.
  env.events.emit(s.cur, 'Warning', 'ReferenceNotResolved', r.detail, { key: `reference:${r.detail}` });
  if (proceedAnyway) return undefined;
  return s.finish(
    { synced: { status: 'False', reason: 'ReferencesNotResolved', message: `Resource not synced: ${r.detail}` } },
    { kind: 'recoverable', error: { code: 'ReferencesNotResolved', message: r.message }, throttled: false },
  );
}
