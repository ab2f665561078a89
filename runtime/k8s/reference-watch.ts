import type { ResourceRef } from './client';
import type { InformerEvent } from './informer';

/** An object a reference waits for (missing, not synced, or without the value yet). */
export interface WatchedObject extends ResourceRef {
  readonly namespace: string;
  readonly name: string;
}

/** A resource of this controller to wake: its kind's queue and its key. */
export interface Waiter {
  readonly kind: string;
  readonly key: string;
}

/** The part of an Informer this needs: started once, stopped with the controller. */
export interface Watcher {
  start(): void;
  stop(): Promise<void>;
}

export interface ReferenceWatchOptions {
  /** Starts a watch on a kind this controller does not already watch; its events go to `changed`. */
  readonly watch: (ref: ResourceRef, onEvent: (event: InformerEvent, key: string) => void) => Watcher;
  /** Wakes a waiting resource now (its queue's add). */
  readonly wake: (w: Waiter) => void;
  /** Namespaces this controller may watch; empty means all. An object elsewhere is left to backoff. */
  readonly namespaces: readonly string[];
}

const kindKey = (r: ResourceRef) => `${r.plural}.${r.group}`;

/**
 * ACK picks up a referenced resource becoming Synced only at the referrer's next backoff step or
 * resync. Here a referrer that waits is woken as soon as the referenced object changes: the
 * controller's own informers report their kinds, and a kind of another group gets a watch, started
 * the first time something waits for it. The watch keeps only fingerprints (the Informer), and no
 * readiness depends on it, so a chart installed without the other group's CRDs still runs.
 */
export class ReferenceWatch {
  /** `<plural>.<group>` → `<namespace>/<name>` → waiters. */
  private readonly waiting = new Map<string, Map<string, Map<string, Waiter>>>();
  private readonly own = new Set<string>();
  private readonly watchers = new Map<string, Watcher>();
  private stopped = false;

  constructor(private readonly o: ReferenceWatchOptions) {}

  /** A kind this controller's own informer watches: it calls `changed` itself. */
  covers(ref: ResourceRef): void {
    this.own.add(kindKey(ref));
  }

  /** `waiter` waits for `obj`; it is woken once, at its next change. */
  await(obj: WatchedObject, waiter: Waiter): void {
    if (this.stopped) return;
    if (this.o.namespaces.length && !this.o.namespaces.includes(obj.namespace)) return;
    const kk = kindKey(obj);
    const byObject = this.waiting.get(kk) ?? new Map<string, Map<string, Waiter>>();
    this.waiting.set(kk, byObject);
    const objKey = `${obj.namespace}/${obj.name}`;
    const waiters = byObject.get(objKey) ?? new Map<string, Waiter>();
    byObject.set(objKey, waiters);
    waiters.set(`${waiter.kind}/${waiter.key}`, waiter);
    if (this.own.has(kk) || this.watchers.has(kk)) return;
    const w = this.o.watch({ group: obj.group, version: obj.version, plural: obj.plural }, (event, key) => this.changed(obj, key, event));
    this.watchers.set(kk, w);
    w.start();
  }

  /** An object of `ref`'s kind changed: wake whoever waits for it. */
  changed(ref: ResourceRef, objKey: string, event: InformerEvent): void {
    if (event === 'deleted') return;
    const byObject = this.waiting.get(kindKey(ref));
    const waiters = byObject?.get(objKey);
    if (!byObject || !waiters) return;
    byObject.delete(objKey);
    for (const w of waiters.values()) this.o.wake(w);
  }

  /** How many resources wait, for tests and metrics. */
  get size(): number {
    let n = 0;
    for (const byObject of this.waiting.values()) for (const w of byObject.values()) n += w.size;
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
  }
}
