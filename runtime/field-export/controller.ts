import type { ServiceDescriptor } from '../descriptor';
import { KubeResourceStore } from '../k8s/resource-store';
import { isNotFound, type KubeClient } from '../k8s/client';
import type { EventSink } from '../k8s/events';
import { Informer, isMeaningfulChange } from '../k8s/informer';
import { objectKey, splitKey, type KubeObject } from '../k8s/types';
import type { Logger } from '../ops/logger';
import type { ControllerMetrics } from '../ops/metrics';
import { applyAction, errorPolicy, type Action } from '../reconcile/error-policy';
import { runWorkers, WorkQueue } from '../queue/work-queue';
import { reconcileFieldExport, type FieldExportEnv, type FieldExportOutcome, type TargetPort } from './reconcile';
import { SourceIndex } from './source-index';
import { FIELD_EXPORT, FIELD_EXPORT_REF, sourceGroup } from './spec';
import { TARGET_REFS } from './target';

/**
 * The FieldExport controller every generated controller runs (ACK's fieldExportReconciler plus its
 * per-kind source reconcilers): one informer on FieldExports, whose objects of this service's group
 * it reconciles, and `sourceChanged`, which the kinds' own informers call so an export follows its
 * source (any change, status included) without polling.
 */

export interface FieldExportControllerOptions {
  readonly service: ServiceDescriptor;
  readonly kube: KubeClient;
  readonly events: EventSink;
  readonly log: Logger;
  readonly metrics: ControllerMetrics;
  readonly namespaces: readonly string[];
  readonly labelSelector?: string;
  readonly enableCrossNamespace: boolean;
  readonly concurrency: number;
  /** Re-check after a success at this period (a hand edit of the target is put right). */
  readonly resyncMs: number;
  readonly informer?: { readonly watchTimeoutSeconds?: number; readonly silenceMs?: number };
}

export class FieldExportController {
  readonly queue = new WorkQueue();
  readonly informer: Informer;
  private readonly index = new SourceIndex();
  /** Keys of the FieldExports of this service's group. */
  private readonly ours = new Set<string>();
  private readonly env: FieldExportEnv;
  private workers: Promise<void> | undefined;

  constructor(private readonly o: FieldExportControllerOptions) {
    const { service, kube } = o;
    this.env = {
      group: service.group,
      version: service.version,
      kinds: new Map(service.resources.map((r) => [r.kind.toLowerCase(), { kind: r.kind, plural: r.plural }])),
      sources: kube,
      targets: targetPort(kube),
      store: new KubeResourceStore(kube, FIELD_EXPORT_REF),
      events: o.events,
      log: o.log,
      enableCrossNamespace: o.enableCrossNamespace,
      createdLabels: { 'app.kubernetes.io/managed-by': `ack-${service.service}-controller` },
    };
    this.informer = new Informer({
      client: kube,
      ref: FIELD_EXPORT_REF,
      namespaces: o.namespaces,
      ...(o.labelSelector ? { labelSelector: o.labelSelector } : {}),
      log: o.log,
      ...(o.informer?.watchTimeoutSeconds ? { watchTimeoutSeconds: o.informer.watchTimeoutSeconds } : {}),
      ...(o.informer?.silenceMs ? { silenceMs: o.informer.silenceMs } : {}),
      // The FieldExport's spec decides whose it is and what it reads; onObject sees it before onEvent.
      onObject: (obj) => {
        const key = objectKey(obj);
        if (sourceGroup(obj) === service.group) {
          this.ours.add(key);
          this.index.set(key, obj);
        } else {
          this.ours.delete(key);
          this.index.remove(key);
        }
      },
      onEvent: (event, key, before, after) => {
        if (event === 'deleted') {
          this.ours.delete(key);
          this.index.remove(key);
        } else if (this.ours.has(key) && isMeaningfulChange(before, after)) {
          this.queue.add(key);
        }
      },
    });
  }

  /** ACK starts the FieldExport reconciler only when its CRD is served; so do we (checked at start). */
  static async crdServed(kube: KubeClient): Promise<boolean> {
    try {
      const list = await kube.http.request<{ resources?: { name: string }[] }>('GET', `/apis/${FIELD_EXPORT.group}/${FIELD_EXPORT.version}`, { timeoutMs: 30_000 });
      return (list.resources ?? []).some((r) => r.name === FIELD_EXPORT.plural);
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  start(): void {
    const { metrics } = this.o;
    const labels = { kind: FIELD_EXPORT.kind };
    metrics.queueDepth.track(labels, () => this.queue.depth);
    metrics.queueDelayed.track(labels, () => this.queue.delayed);
    metrics.inFlight.track(labels, () => this.queue.inFlight);
    metrics.watchRestarts.track(labels, () => this.informer.stats.relistsOnGone + this.informer.stats.watchdogRestarts + this.informer.stats.errors);
    this.informer.start();
    this.workers = runWorkers(this.queue, this.o.concurrency, (key) => this.handle(key), (key, err) => this.o.log.error('worker error', { key, error: String(err) }));
  }

  /** A source object changed (or appeared, or went): re-export every FieldExport reading it. */
  sourceChanged(kind: string, key: string): void {
    for (const fe of this.index.readersOf(kind, key)) this.queue.add(fe);
  }

  async stop(): Promise<void> {
    this.queue.shutDown();
    await this.informer.stop();
    await this.workers;
  }

  private async handle(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const started = process.hrtime.bigint();
    let outcome: FieldExportOutcome['kind'] | 'error' = 'error';
    try {
      const fe = await this.o.kube.get<KubeObject>(FIELD_EXPORT_REF, namespace, name);
      if (!fe) {
        this.queue.forget(key);
        outcome = 'deleted';
        return;
      }
      const result = await reconcileFieldExport(fe, { ...this.env, log: this.o.log.with({ namespace, name }) });
      outcome = result.kind;
      applyAction(this.queue, key, fieldExportAction(result, this.o.resyncMs));
      this.o.log.debug('field export reconciled', { namespace, name, outcome: result.kind, ...('reason' in result ? { reason: result.reason } : {}) });
    } catch (err) {
      this.o.log.error('field export reconcile failed', { namespace, name, error: String((err as Error)?.message ?? err) });
      applyAction(this.queue, key, errorPolicy(err));
    } finally {
      if (outcome !== 'ignored') {
        this.o.metrics.reconciles.inc({ kind: FIELD_EXPORT.kind, outcome });
        this.o.metrics.reconcileSeconds.observe({ kind: FIELD_EXPORT.kind, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    }
  }
}

/** The requeue decision: waiting and terminal exports are woken by a change, target failures back off. */
export function fieldExportAction(outcome: FieldExportOutcome, resyncMs: number): Action {
  switch (outcome.kind) {
    case 'exported':
      return { kind: 'requeueAfter', ms: resyncMs };
    case 'retry':
      return { kind: 'backoff' };
    case 'waiting':
    case 'terminal':
    case 'ignored':
    case 'deleted':
      return { kind: 'awaitChange' };
  }
}

function targetPort(kube: KubeClient): TargetPort {
  return {
    get: (kind, namespace, name) => kube.get(TARGET_REFS[kind], namespace, name),
    create: async (kind, namespace, body) => {
      await kube.create(TARGET_REFS[kind], namespace, body);
    },
    patch: async (kind, namespace, name, patch) => {
      await kube.mergePatch(TARGET_REFS[kind], namespace, name, patch);
    },
  };
}
