import { createHash } from 'node:crypto';
import type { TagMap } from './tag-sync';

/**
 * When a kind whose read does not report its tags (SageMaker's Describe*, SQS, IAM, …) reads them
 * again with its list operation. ACK's generated code reads them on every resync, so lowering the
 * resync period to catch spec drift sooner multiplies the tag calls, which share the service's
 * throttling bucket with everything else. Here the tags are read:
 *  - on the first sync of a resource since the controller started (nothing is known yet);
 *  - whenever the desired tags (spec over the default tags) differ from those last made true;
 *  - otherwise when waiting for the next resync would let more than `periodMs` pass since they
 *    were last read, so tag drift made out of band is corrected within `max(periodMs, resyncMs)`.
 * A create that carried the tags counts as a read: AWS holds exactly the desired tags then.
 */

/** One resource's view of the schedule, handed to its reconcile. */
export interface TagReadClock {
  /** Whether this sync must read the tags, for the desired tags `digest` (see `tagDigest`). */
  due(digest: string): boolean;
  /** AWS now holds the desired tags `digest`: read and corrected, or just created with them. */
  done(digest: string): void;
}

interface LastRead {
  readonly digest: string;
  readonly at: number;
}

/** Pure rule: whether the tags must be read now. */
export function tagReadDue(last: LastRead | undefined, digest: string, now: number, periodMs: number, resyncMs: number): boolean {
  if (!last || last.digest !== digest) return true;
  return now + resyncMs > last.at + periodMs;
}

/** A short, stable digest of the desired tags (key order does not matter). */
export function tagDigest(desired: TagMap): string {
  const canonical = JSON.stringify(Object.keys(desired).sort().map((k) => [k, desired[k]]));
  // 12 bytes straight to base64: a slice of the full digest would keep the full digest alive too.
  return createHash('sha1').update(canonical).digest().toString('base64', 0, 12);
}

/** The schedule of one kind in one controller process: the last read per object key, in memory. */
export class TagReadSchedule {
  private readonly last = new Map<string, LastRead>();

  constructor(private readonly o: { readonly periodMs: number; readonly resyncMs: number; readonly now?: () => number }) {}

  clock(key: string): TagReadClock {
    const now = this.o.now ?? Date.now;
    return {
      due: (digest) => tagReadDue(this.last.get(key), digest, now(), this.o.periodMs, this.o.resyncMs),
      done: (digest) => void this.last.set(key, { digest, at: now() }),
    };
  }

  /** The object is gone: nothing to remember (a new one of the same name starts unknown). */
  forget(key: string): void {
    this.last.delete(key);
  }

  get size(): number {
    return this.last.size;
  }
}
