import { backoffDelayMs, PerKeyBackoff, withJitter } from './backoff';
import { TokenBucket } from './token-bucket';
import { runWorkers, WorkQueue } from './work-queue';

describe('backoff', () => {
  it('starts at 5 ms, doubles, and caps at 1000 s', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n))).toEqual([5, 10, 20, 40]);
    expect(backoffDelayMs(18)).toBe(655_360);
    expect(backoffDelayMs(19)).toBe(1_000_000);
    expect(backoffDelayMs(500)).toBe(1_000_000);
    expect(backoffDelayMs(0)).toBe(0);
  });

  it('is tracked per key and forgotten on success', () => {
    const b = new PerKeyBackoff();
    expect(b.next('a')).toBe(5);
    expect(b.next('a')).toBe(10);
    expect(b.next('b')).toBe(5);
    b.forget('a');
    expect(b.next('a')).toBe(5);
  });

  it('jitters within [d/2, d]', () => {
    expect(withJitter(100, () => 0)).toBe(50);
    expect(withJitter(100, () => 1)).toBe(100);
  });
});

describe('token bucket', () => {
  it('allows a burst, then spaces tokens at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 0]);
    expect(bucket.reserve()).toBe(100);
    expect(bucket.reserve()).toBe(200);
    now = 1000; // refills 10 tokens but only up to the burst, minus the 2 borrowed
    expect(bucket.reserve()).toBe(0);
  });
});

describe('work queue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('dedups a key that is already queued', async () => {
    const q = new WorkQueue();
    q.add('ns/a');
    q.add('ns/a');
    q.add('ns/b');
    expect(q.depth).toBe(2);
    expect(await q.get()).toBe('ns/a');
    expect(await q.get()).toBe('ns/b');
  });

  it('never gives a key in flight to a second worker, and requeues it when done', async () => {
    const q = new WorkQueue();
    q.add('k');
    const first = await q.get();
    q.add('k'); // changed while being reconciled
    expect(q.depth).toBe(0);
    let second: string | undefined;
    void q.get().then((k) => (second = k));
    await Promise.resolve();
    expect(second).toBeUndefined();
    q.done(first!);
    await Promise.resolve();
    expect(second).toBe('k');
  });

  it('adds after a delay, keeping the earliest due time', async () => {
    const q = new WorkQueue();
    q.addAfter('k', 1000);
    q.addAfter('k', 5000);
    jest.advanceTimersByTime(999);
    expect(q.depth).toBe(0);
    jest.advanceTimersByTime(1);
    expect(q.depth).toBe(1);
    expect(q.delayed).toBe(0);
  });

  it('drops a pending delay when the key starts processing', async () => {
    const q = new WorkQueue();
    q.addAfter('k', 1000);
    q.add('k');
    const k = await q.get();
    q.done(k!);
    jest.advanceTimersByTime(2000);
    expect(q.depth).toBe(0);
  });

  it('backs off per key on rate-limited adds and resets on forget', () => {
    const q = new WorkQueue();
    expect(q.addRateLimited('k')).toBe(5);
    expect(q.addRateLimited('k')).toBe(10);
    expect(q.addRateLimited('k')).toBe(20);
    q.forget('k');
    expect(q.addRateLimited('k')).toBe(5);
  });

  it('applies the global bucket across keys', () => {
    const q = new WorkQueue({ bucket: new TokenBucket(1, 2, () => 0) });
    expect(q.addRateLimited('a')).toBe(5);
    expect(q.addRateLimited('b')).toBe(5);
    expect(q.addRateLimited('c')).toBe(1000);
  });

  it('runs N workers, one per key at a time, and drains on shutdown', async () => {
    jest.useRealTimers();
    const q = new WorkQueue();
    let running = 0;
    let maxRunning = 0;
    const perKey = new Map<string, number>();
    const seen: string[] = [];
    const handler = async (key: string) => {
      running++;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      expect(perKey.get(key)).toBe(1);
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(key);
      perKey.set(key, (perKey.get(key) ?? 1) - 1);
      running--;
    };
    const done = runWorkers(q, 3, handler, () => undefined);
    for (let i = 0; i < 10; i++) q.add(`k${i % 5}`);
    q.add('k0');
    await new Promise((r) => setTimeout(r, 50));
    q.shutDown();
    await q.drained();
    await done;
    expect(maxRunning).toBe(3);
    expect(new Set(seen)).toEqual(new Set(['k0', 'k1', 'k2', 'k3', 'k4']));
  });

  it('ignores adds after shutdown', async () => {
    const q = new WorkQueue();
    q.shutDown();
    q.add('k');
    expect(q.depth).toBe(0);
    expect(await q.get()).toBeUndefined();
  });
});
