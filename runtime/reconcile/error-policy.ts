import type { Outcome } from './outcome';

/**
 * What the work queue does with a key after a reconcile (kube-rs's `Action`): the reconcile's
 * Outcome, or a thrown error through `errorPolicy`, becomes one of these. Pure, so the policy is
 * tested without a queue.
 */
export type Action =
  /** Look again after `ms`, with the key's backoff reset. */
  | { readonly kind: 'requeueAfter'; readonly ms: number }
  /** Look again after the key's next backoff step (jittered and at least `minMs` when throttled). */
  | { readonly kind: 'backoff'; readonly jitter?: true; readonly minMs?: number }
  /** Look again only when the informer delivers a change. */
  | { readonly kind: 'awaitChange' };

/** The requeue decision for an Outcome. `random` is injectable for tests. */
/** How far a resync may fall from its period, either way (a fraction of it). */
export const RESYNC_JITTER = 0.05;

export function nextVisit(outcome: Outcome, resyncMs: number, random: () => number = Math.random): Action {
  switch (outcome.kind) {
    case 'synced':
      // ±5 % so a thousand resources created together do not resync together.
      return { kind: 'requeueAfter', ms: resyncMs * (1 - RESYNC_JITTER + random() * 2 * RESYNC_JITTER) };
    case 'requeueAfter':
      return { kind: 'requeueAfter', ms: outcome.ms };
    case 'recoverable':
      return outcome.throttled ? { kind: 'backoff', jitter: true, minMs: 1_000 } : { kind: 'backoff' };
    case 'terminal':
    case 'done':
      // Terminal waits for a spec or annotation change, which the informer delivers.
      return { kind: 'awaitChange' };
  }
}

/** kube-rs's `error_policy`: a reconcile that threw (a bug, or Kubernetes unreachable) backs off. */
export function errorPolicy(_err: unknown): Action {
  return { kind: 'backoff' };
}

/** The queue operations an Action needs. */
export interface RequeueTarget {
  addAfter(key: string, delayMs: number): void;
  addRateLimited(key: string, opts?: { jitter?: boolean; minMs?: number }): number;
  forget(key: string): void;
}

export function applyAction(queue: RequeueTarget, key: string, action: Action): void {
  switch (action.kind) {
    case 'requeueAfter':
      queue.forget(key);
      queue.addAfter(key, action.ms);
      return;
    case 'backoff':
      if (action.jitter) queue.addRateLimited(key, { jitter: true, ...(action.minMs !== undefined ? { minMs: action.minMs } : {}) });
      else queue.addRateLimited(key);
      return;
    case 'awaitChange':
      queue.forget(key);
      return;
  }
}
