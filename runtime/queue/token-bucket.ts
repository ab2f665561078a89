/**
 * A token bucket (client-go's BucketRateLimiter: 10 qps, burst 100 by default).
 * `reserve()` always takes a token, possibly from the future, and says how long to wait for it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    if (ratePerSecond <= 0 || burst < 1) throw new Error(`invalid token bucket: rate ${ratePerSecond}, burst ${burst}`);
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; returns the wait in ms before it may be used (0 when one was available). */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }

  private refill(): void {
    const t = this.now();
    const elapsed = Math.max(0, t - this.last);
    this.last = t;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.ratePerSecond);
  }
}
