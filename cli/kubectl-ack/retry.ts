import { isThrottled } from './errors';

export type Sleep = (ms: number) => Promise<void>;

export interface RetryOptions {
  readonly sleep: Sleep;
  /** Tries in all, the first included. */
  readonly attempts?: number;
  readonly baseMs?: number;
  readonly maxMs?: number;
  readonly random?: () => number;
}

/** Exponential backoff with jitter, capped: 250 ms, 500 ms, 1 s… up to 10 s. Pure. */
export function backoffMs(attempt: number, baseMs = 250, maxMs = 10_000, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retries `fn` while AWS says it is throttled; any other error goes straight to the caller. */
export async function retryThrottled<T>(fn: () => Promise<T>, o: RetryOptions): Promise<T> {
  const attempts = o.attempts ?? 8;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isThrottled(err) || attempt + 1 >= attempts) throw err;
      await o.sleep(backoffMs(attempt, o.baseMs, o.maxMs, o.random));
    }
  }
}
