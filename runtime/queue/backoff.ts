/** Per-key exponential backoff, as client-go's ItemExponentialFailureRateLimiter: base·2^(n-1), capped. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5, maxMs: 1_000_000 };

/** Delay before the `failures`-th retry (1-based). */
export function backoffDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  // 2^60 overflows nothing in float but is far past any cap; clamp the exponent first.
  const exp = Math.min(failures - 1, 60);
  return Math.min(policy.baseMs * 2 ** exp, policy.maxMs);
}

/** Spreads retries of many keys so they do not return together: uniform in [d/2, d]. */
export function withJitter(delayMs: number, random: () => number = Math.random): number {
  return delayMs / 2 + random() * (delayMs / 2);
}

export class PerKeyBackoff {
  private readonly failures = new Map<string, number>();
  constructor(private readonly policy: BackoffPolicy = DEFAULT_BACKOFF) {}

  /** Records one more failure of `key` and returns the delay before its retry. */
  next(key: string): number {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    return backoffDelayMs(n, this.policy);
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}
