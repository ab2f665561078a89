/** What one reconcile concluded; the controller turns it into a requeue decision. */
export interface ReconcileError {
  readonly code: string;
  readonly message: string;
}

export type Outcome =
  /** In sync with AWS: look again at the resync period. */
  | { readonly kind: 'synced' }
  /** Not there yet (not synced, late-init pending, async work): look again after `ms`. */
  | { readonly kind: 'requeueAfter'; readonly ms: number; readonly reason: string }
  /** Will not succeed until the spec (generation) or annotations change: no requeue. */
  | { readonly kind: 'terminal'; readonly error: ReconcileError }
  /** May succeed later: per-key backoff; throttled errors add jitter. */
  | { readonly kind: 'recoverable'; readonly error: ReconcileError; readonly throttled: boolean }
  /** Nothing left to do: deleted, retained, or the object is gone. */
  | { readonly kind: 'done' };

export type OutcomeKind = Outcome['kind'];
