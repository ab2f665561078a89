import { createHash } from 'node:crypto';
import { isGone, KubeApiError } from './http';
import type { KubeClient, ResourceRef, WatchEvent } from './client';
import { objectKey, type KubeObject } from './types';
import { sleepUnlessAborted } from '../sleep';

/**
 * What the informer remembers per object: enough to tell a meaningful change from a status write,
 * without holding whole objects (1,000 SageMaker specs would cost megabytes for nothing; reconciles
 * read the object fresh anyway).
 */
export interface Fingerprint {
  readonly resourceVersion: string;
  readonly generation: number;
  readonly annotations: string;
  readonly labels: string;
  readonly deleting: boolean;
}

export type InformerEvent = 'added' | 'updated' | 'deleted';

export interface InformerLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface InformerOptions {
  readonly client: KubeClient;
  readonly ref: ResourceRef;
  /** Namespaces to watch; empty means all. */
  readonly namespaces: readonly string[];
  readonly labelSelector?: string;
  readonly onEvent: (event: InformerEvent, key: string, before: Fingerprint | undefined, after: Fingerprint | undefined) => void;
  /** For small kinds whose content matters (IAMRoleSelectors): each added or changed object, before its onEvent. */
  readonly onObject?: (obj: KubeObject) => void;
  readonly log: InformerLog;
  /** Server-side watch timeout; the watch is then resumed from the last resourceVersion. */
  readonly watchTimeoutSeconds?: number;
  /** Watchdog: a watch silent (no event, no bookmark) for this long is torn down and restarted. */
  readonly silenceMs?: number;
  readonly retryMaxMs?: number;
}

export function fingerprint(o: KubeObject): Fingerprint {
  return {
    resourceVersion: o.metadata.resourceVersion ?? '',
    generation: o.metadata.generation ?? 0,
    annotations: mapDigest(o.metadata.annotations),
    labels: mapDigest(o.metadata.labels),
    deleting: Boolean(o.metadata.deletionTimestamp),
  };
}

/**
 * A digest, not the text: annotations hold the applied-spec record (hundreds of bytes per object),
 * and only whether they changed matters here.
 */
function mapDigest(m: Readonly<Record<string, string>> | undefined): string {
  if (!m || Object.keys(m).length === 0) return '';
  return createHash('sha1').update(JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k]]))).digest().toString('base64', 0, 15);
}

/**
 * List+watch for one kind, one loop per watched namespace (or one cluster-wide):
 * resourceVersion tracking, relist on 410 Gone, retry with backoff on errors, and a watchdog that
 * restarts a watch that went silent (@kubernetes/client-node's informer stops on errors and is known
 * to go silent: kubernetes-client/javascript#364, #596).
 */
export class Informer {
  private readonly known = new Map<string, Fingerprint>();
  private readonly syncedScopes = new Set<string>();
  private readonly lastActivity = new Map<string, number>();
  /** Scopes between (re)connecting and their watch opening: when that attempt began. */
  private readonly connecting = new Map<string, number>();
  /** Scopes whose last list or watch failed and that have not been reconnected since (API server unreachable). */
  private readonly down = new Set<string>();
  private readonly aborts = new Map<string, AbortController>();
  private stopped = false;
  /** Aborted by stop(): cuts a retry backoff short, so stopping never waits up to retryMaxMs. */
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  private watchdog: NodeJS.Timeout | undefined;
  /** Counters for metrics and tests. */
  readonly stats = { lists: 0, watches: 0, relistsOnGone: 0, watchdogRestarts: 0, errors: 0 };

  constructor(private readonly o: InformerOptions) {}

  private get scopes(): (string | undefined)[] {
    return this.o.namespaces.length ? [...this.o.namespaces] : [undefined];
  }

  /** Every scope has completed its first list. */
  get synced(): boolean {
    return this.scopes.every((s) => this.syncedScopes.has(s ?? ''));
  }

  /**
   * Every scope is connected: its last list or watch did not fail (a failure marks it down until a
   * watch opens again), and its watch is open or a reconnect began less than the silence window ago.
   * A quiet open watch is healthy: silence is the watchdog's cue to reconnect, not a fault, so
   * readiness does not drop between a watch going quiet and the watchdog's next look at it; a
   * reconnect that hangs (opens neither nor fails) is unhealthy once it outlasts the window.
   */
  get healthy(): boolean {
    const now = Date.now();
    const limit = this.o.silenceMs ?? 120_000;
    const connected = (s: string | undefined) => {
      const since = this.connecting.get(s ?? '');
      return since === undefined || now - since < limit;
    };
    return this.synced && this.down.size === 0 && this.scopes.every(connected);
  }

  get size(): number {
    return this.known.size;
  }

  keys(): IterableIterator<string> {
    return this.known.keys();
  }

  start(): void {
    this.loops = this.scopes.map((s) => this.run(s));
    const silence = this.o.silenceMs ?? 120_000;
    this.watchdog = setInterval(() => this.checkSilence(silence), Math.min(silence / 4, 5_000));
    this.watchdog.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    if (this.watchdog) clearInterval(this.watchdog);
    for (const a of this.aborts.values()) a.abort();
    await Promise.allSettled(this.loops);
  }

  private checkSilence(silence: number): void {
    const now = Date.now();
    for (const [scope, ctrl] of this.aborts) {
      if (now - (this.lastActivity.get(scope) ?? now) > silence) {
        this.stats.watchdogRestarts++;
        this.o.log.warn('watch silent, restarting', { resource: this.o.ref.plural, namespace: scope || '*' });
        ctrl.abort();
      }
    }
  }

  private async run(namespace: string | undefined): Promise<void> {
    const scope = namespace ?? '';
    let rv: string | undefined;
    let failures = 0;
    const timeout = this.o.watchTimeoutSeconds ?? 300;
    while (!this.stopped) {
      try {
        this.connecting.set(scope, Date.now());
        if (rv === undefined) rv = await this.relist(namespace);
        const ctrl = new AbortController();
        this.aborts.set(scope, ctrl);
        this.lastActivity.set(scope, Date.now());
        this.stats.watches++;
        // Jitter the server timeout so many informers do not reconnect together.
        const timeoutSeconds = Math.round(timeout * (1 + Math.random() * 0.2));
        for await (const ev of this.o.client.watch(this.o.ref, namespace, {
          resourceVersion: rv,
          timeoutSeconds,
          signal: ctrl.signal,
          onOpen: () => {
            this.down.delete(scope);
            this.connecting.delete(scope);
          },
          ...(this.o.labelSelector ? { labelSelector: this.o.labelSelector } : {}),
        })) {
          this.lastActivity.set(scope, Date.now());
          rv = this.apply(ev, rv);
        }
        failures = 0;
      } catch (err) {
        if (this.stopped) break;
        if (isGone(err)) {
          this.stats.relistsOnGone++;
          this.o.log.info('watch expired (410 Gone), relisting', { resource: this.o.ref.plural, namespace: scope || '*' });
          rv = undefined;
          continue;
        }
        if (isAbort(err)) continue; // watchdog restart: resume from rv
        this.down.add(scope);
        this.stats.errors++;
        failures++;
        const wait = Math.min(500 * 2 ** Math.min(failures - 1, 10), this.o.retryMaxMs ?? 30_000);
        this.o.log.warn('list/watch failed, retrying', { resource: this.o.ref.plural, namespace: scope || '*', error: String((err as Error).message ?? err), retryInMs: wait });
        await sleepUnlessAborted(wait * (0.8 + Math.random() * 0.4), this.stopping.signal);
      } finally {
        this.aborts.delete(scope);
      }
    }
  }

  /** Applies one watch event; returns the resourceVersion to resume from. Throws on 410 in-stream. */
  private apply(ev: WatchEvent, rv: string): string {
    if (ev.type === 'ERROR') {
      const status = ev.object as unknown as { code?: number; reason?: string; message?: string };
      if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') throw new KubeApiError(410, 'Expired', status.message ?? 'Gone');
      throw new Error(`watch error: ${status.message ?? JSON.stringify(status)}`);
    }
    const next = ev.object.metadata?.resourceVersion ?? rv;
    if (ev.type === 'BOOKMARK') return next;
    const key = objectKey(ev.object);
    const before = this.known.get(key);
    if (ev.type === 'DELETED') {
      this.known.delete(key);
      this.o.onEvent('deleted', key, before, undefined);
    } else {
      const after = fingerprint(ev.object);
      this.known.set(key, after);
      this.o.onObject?.(ev.object);
      this.o.onEvent(before ? 'updated' : 'added', key, before, after);
    }
    return next;
  }

  /** Lists and reconciles the remembered set: adds, changes, and deletions missed while away. */
  private async relist(namespace: string | undefined): Promise<string> {
    this.stats.lists++;
    const list = await this.o.client.list(this.o.ref, namespace, this.o.labelSelector ? { labelSelector: this.o.labelSelector } : {});
    const seen = new Set<string>();
    for (const item of list.items) {
      const key = objectKey(item);
      seen.add(key);
      const before = this.known.get(key);
      const after = fingerprint(item);
      if (before?.resourceVersion === after.resourceVersion) continue;
      this.known.set(key, after);
      this.o.onObject?.(item);
      this.o.onEvent(before ? 'updated' : 'added', key, before, after);
    }
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    for (const [key, before] of [...this.known]) {
      if (seen.has(key) || (prefix !== undefined && !key.startsWith(prefix))) continue;
      this.known.delete(key);
      this.o.onEvent('deleted', key, before, undefined);
    }
    this.syncedScopes.add(namespace ?? '');
    this.down.delete(namespace ?? '');
    return list.resourceVersion;
  }
}

/** The changes that warrant a reconcile: not status writes, but spec, annotations, labels, deletion. */
export function isMeaningfulChange(before: Fingerprint | undefined, after: Fingerprint | undefined): boolean {
  if (!before || !after) return true;
  return before.generation !== after.generation || before.annotations !== after.annotations || before.labels !== after.labels || before.deleting !== after.deleting;
}

function isAbort(err: unknown): boolean {
  return (err as { name?: string })?.name === 'AbortError' || (err as { code?: string })?.code === 'ABORT_ERR';
}
