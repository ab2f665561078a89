import { CORE, type KubeClient } from './client';
import { isConflict } from './http';
import { sleep } from '../sleep';

export interface LeaderElectionOptions {
  readonly client: KubeClient;
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly leaseDurationMs?: number; // 15 s, as controller-runtime
  readonly renewDeadlineMs?: number; // 10 s
  readonly retryPeriodMs?: number; // 2 s
  readonly log: { info(msg: string, f?: Record<string, unknown>): void; warn(msg: string, f?: Record<string, unknown>): void };
}

interface Lease {
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

const microTime = (d = new Date()) => d.toISOString().replace('Z', '000Z');

/**
 * coordination.k8s.io Lease leader election, client-go's algorithm: expiry is judged by when *we*
 * last saw the record change (observedAt), not by the holder's clock.
 */
export class LeaderElector {
  private observed: { record: string; at: number } | undefined;
  private stopped = false;
  /** The renewal hold() has in flight: release() waits for it, so a late renewal cannot re-take the lease it gives up. */
  private renewing: Promise<unknown> = Promise.resolve();
  private readonly duration: number;
  private readonly retry: number;
  private readonly deadline: number;

  constructor(private readonly o: LeaderElectionOptions) {
    this.duration = o.leaseDurationMs ?? 15_000;
    this.retry = o.retryPeriodMs ?? 2000;
    this.deadline = o.renewDeadlineMs ?? 10_000;
  }

  /** Resolves once this process holds the lease. */
  async acquire(): Promise<void> {
    for (;;) {
      if (this.stopped) throw new Error('leader election stopped');
      try {
        if (await this.tryAcquireOrRenew()) {
          this.o.log.info('became leader', { lease: `${this.o.namespace}/${this.o.name}`, identity: this.o.identity });
          return;
        }
      } catch (err) {
        this.o.log.warn('leader election attempt failed', { error: String((err as Error).message) });
      }
      await sleep(this.retry * (1 + Math.random() * 0.2));
    }
  }

  /** Renews until stopped; calls `onLost` once if a renewal cannot succeed within the renew deadline. */
  async hold(onLost: () => void): Promise<void> {
    let lastRenew = Date.now();
    while (!this.stopped) {
      await sleep(this.retry);
      if (this.stopped) break;
      try {
        const attempt = this.tryAcquireOrRenew();
        this.renewing = attempt.catch(() => undefined);
        if (await attempt) lastRenew = Date.now();
      } catch (err) {
        this.o.log.warn('lease renewal failed', { error: String((err as Error).message) });
      }
      if (Date.now() - lastRenew > this.deadline) {
        this.o.log.warn('lost leadership', { lease: `${this.o.namespace}/${this.o.name}` });
        onLost();
        return;
      }
    }
  }

  /** Stops renewing and gives the lease up so a successor need not wait for expiry. */
  async release(): Promise<void> {
    this.stopped = true;
    await this.renewing;
    try {
      const lease = await this.o.client.get<Lease>(CORE.leases, this.o.namespace, this.o.name);
      if (lease?.spec.holderIdentity !== this.o.identity) return;
      await this.o.client.replace(CORE.leases, this.o.namespace, this.o.name, {
        ...lease,
        spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime() },
      });
    } catch {
      // best effort: the lease expires anyway
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, namespace, name, identity } = this.o;
    const now = new Date();
    const lease = await client.get<Lease>(CORE.leases, namespace, name);
    const spec = { holderIdentity: identity, leaseDurationSeconds: Math.max(1, Math.round(this.duration / 1000)), renewTime: microTime(now) };
    if (!lease) {
      await client.create(CORE.leases, namespace, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace },
        spec: { ...spec, acquireTime: microTime(now), leaseTransitions: 0 },
      });
      return true;
    }
    const record = JSON.stringify(lease.spec);
    if (this.observed?.record !== record) this.observed = { record, at: Date.now() };
    const holder = lease.spec.holderIdentity;
    const held = holder && holder !== identity;
    const expired = Date.now() - this.observed.at > (lease.spec.leaseDurationSeconds ?? 15) * 1000;
    if (held && !expired) return false;
    try {
      await client.replace(CORE.leases, namespace, name, {
        ...lease,
        spec: {
          ...lease.spec,
          ...spec,
          acquireTime: holder === identity ? lease.spec.acquireTime : microTime(now),
          leaseTransitions: (lease.spec.leaseTransitions ?? 0) + (holder === identity ? 0 : 1),
        },
      });
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
    return true;
  }
}
