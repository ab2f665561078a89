import { DEFAULT_BACKOFF, PerKeyBackoff, withJitter, type BackoffPolicy } from './backoff';
import { TokenBucket } from './token-bucket';

export interface WorkQueueOptions {
  readonly backoff?: BackoffPolicy;
  /** Global limit on rate-limited requeues; client-go's default is 10 qps, burst 100. */
  readonly bucket?: TokenBucket;
  readonly random?: () => number;
}

/**
 * A keyed work queue with client-go's guarantees:
 * - a key waiting in the queue is never queued twice (dedup);
 * - a key being processed is never handed to a second worker; if it is added meanwhile,
 *   it is queued again when `done` is called;
 * - delayed adds keep the earliest due time; a key that starts processing drops its pending delay,
 *   because the reconcile about to run decides the next one.
 */
export class WorkQueue {
  private ready: string[] = [];
  private readyHead = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly waiting = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private readonly getters: Array<(key: string | undefined) => void> = [];
  private readonly drainers: Array<() => void> = [];
  private closed = false;
  private readonly backoff: PerKeyBackoff;
  private readonly bucket: TokenBucket;
  private readonly random: () => number;

  constructor(options: WorkQueueOptions = {}) {
    this.backoff = new PerKeyBackoff(options.backoff ?? DEFAULT_BACKOFF);
    this.bucket = options.bucket ?? new TokenBucket(10, 100);
    this.random = options.random ?? Math.random;
  }

  /** Keys ready to be processed now. */
  get depth(): number {
    return this.ready.length - this.readyHead;
  }

  /** Keys waiting for a delay to pass. */
  get delayed(): number {
    return this.waiting.size;
  }

  get inFlight(): number {
    return this.processing.size;
  }

  get isShutDown(): boolean {
    return this.closed;
  }

  add(key: string): void {
    if (this.closed || this.dirty.has(key)) return;
    this.dirty.add(key);
    this.waiting.delete(key);
    if (this.processing.has(key)) return;
    const getter = this.getters.shift();
    if (getter) {
      this.start(key);
      getter(key);
    } else {
      this.ready.push(key);
    }
  }

  addAfter(key: string, delayMs: number): void {
    if (this.closed) return;
    if (delayMs <= 0) return this.add(key);
    const due = Date.now() + delayMs;
    const current = this.waiting.get(key);
    if (current !== undefined && current <= due) return;
    this.waiting.set(key, due);
    this.arm();
  }

  /** Requeues after the key's backoff and the global bucket; returns the delay chosen. */
  addRateLimited(key: string, opts: { jitter?: boolean; minMs?: number } = {}): number {
    let delay = Math.max(this.backoff.next(key), this.bucket.reserve(), opts.minMs ?? 0);
    if (opts.jitter) delay = withJitter(delay, this.random);
    this.addAfter(key, delay);
    return delay;
  }

  failuresOf(key: string): number {
    return this.backoff.failuresOf(key);
  }

  /** Resets the key's backoff (after a success). */
  forget(key: string): void {
    this.backoff.forget(key);
  }

  /** Resolves with the next key, or undefined once the queue is shut down. */
  get(): Promise<string | undefined> {
    if (this.depth > 0) {
      const key = this.ready[this.readyHead++] as string;
      if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
        this.ready = this.ready.slice(this.readyHead);
        this.readyHead = 0;
      }
      this.start(key);
      return Promise.resolve(key);
    }
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.closed) {
      const getter = this.getters.shift();
      if (getter) {
        this.start(key);
        getter(key);
      } else {
        this.ready.push(key);
      }
    }
    if (this.processing.size === 0) for (const d of this.drainers.splice(0)) d();
  }

  /** Stops handing out keys; waiting getters receive undefined. In-flight keys may still call done. */
  shutDown(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
    for (const g of this.getters.splice(0)) g(undefined);
  }

  /** Resolves when no key is being processed. */
  drained(): Promise<void> {
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainers.push(resolve));
  }

  private start(key: string): void {
    this.dirty.delete(key);
    this.waiting.delete(key);
    this.processing.add(key);
  }

  private arm(): void {
    let next = Infinity;
    for (const due of this.waiting.values()) if (due < next) next = due;
    if (next === Infinity || next >= this.timerDue) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = next;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next - Date.now()));
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    const now = Date.now();
    for (const [key, due] of [...this.waiting]) {
      if (due <= now) {
        this.waiting.delete(key);
        this.add(key);
      }
    }
    this.arm();
  }
}

/**
 * Runs `concurrency` workers over the queue until it is shut down.
 * The handler's own errors are its business; a throw here is logged by `onError` and the key released.
 */
export async function runWorkers(
  queue: WorkQueue,
  concurrency: number,
  handle: (key: string) => Promise<void>,
  onError: (key: string, err: unknown) => void,
): Promise<void> {
  const worker = async (): Promise<void> => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        await handle(key);
      } catch (err) {
        onError(key, err);
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
