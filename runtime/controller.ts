import type { Server } from 'node:http';
import { hostname } from 'node:os';
import type { ResourceDescriptor, ServiceDescriptor, ServiceHooks } from './descriptor';
import { ACCOUNT_ROLE_MAP, CarmError, RoleMap, TEAM_ROLE_MAP } from './aws/carm';
import { callerIdentity, type CallerIdentity } from './aws/identity';
import { SelectorCache } from './aws/iam-role-selector-cache';
import { RoleAssumptionError, RoleCredentials, stsAssumeRole } from './aws/role-credentials';
import { RoleSelectionError } from './aws/role-resolution';
import { IdentityResolver } from './aws/resource-identity';
import { AwsClientCache, loadSdkModule, type SdkModule } from './aws/sdk-clients';
import { classifyAwsError } from './aws/errors';
import { scrub, sensitiveValues } from './convert/shapes';
import { KubeClient, type ResourceRef } from './k8s/client';
import { EventRecorder } from './k8s/events';
import { FieldExportController } from './field-export/controller';
import { KubeHttp } from './k8s/http';
import { Informer, isMeaningfulChange } from './k8s/informer';
import { loadConnection, type Connection } from './k8s/kubeconfig';
import { LeaderElector } from './k8s/leader-election';
import { NamespaceAnnotations } from './k8s/namespace-cache';
import { ReferenceWatch } from './k8s/reference-watch';
import { KubeResourceStore } from './k8s/resource-store';
import { splitKey, type KubeObject } from './k8s/types';
import { concurrencyFor, expandResourceTags, HelpRequested, parseFlags, type ControllerConfig } from './ops/flags';
import { serveHealth, serveMetrics } from './ops/http-servers';
import { createLogger, type Logger } from './ops/logger';
import { ControllerMetrics } from './ops/metrics';
import { ANNOTATION } from './reconcile/annotations';
import { deriveConditions, type Condition } from './reconcile/conditions';
import { applyAction, errorPolicy, nextVisit, RESYNC_JITTER } from './reconcile/error-policy';
import type { Outcome } from './reconcile/outcome';
import { TagReadSchedule } from './reconcile/tag-schedule';
import { deletionPolicy, effectiveRegion, resolveRegion, resyncSeconds } from './reconcile/policy';
import { CallRefused, type AwsTarget, type ReconcileEnv } from './reconcile/ports';
import { reconcile } from './reconcile/reconcile';
import { runWorkers, WorkQueue } from './queue/work-queue';
import { sleep } from './sleep';

export interface ControllerOptions {
  readonly hooks?: ServiceHooks;
  /** Controller version, for the default `services.k8s.aws/controller-version` tag. */
  readonly version?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Tests: a preloaded SDK module, a connection, and no signal handlers. */
  readonly sdk?: SdkModule;
  readonly connection?: Connection;
  readonly handleSignals?: boolean;
  readonly log?: Logger;
  /** Watch tuning (tests): server-side watch timeout and the silence watchdog. */
  readonly watch?: { readonly timeoutSeconds?: number; readonly silenceMs?: number };
  /** How long AWS calls in flight may take to finish after a stop begins (default 8 s). */
  readonly shutdownGraceMs?: number;
}

export interface RunningController {
  readonly config: ControllerConfig;
  readonly metrics: ControllerMetrics;
  readonly identity: CallerIdentity;
  /** Bound addresses (port 0 in tests picks a free one). */
  readonly metricsPort: number;
  readonly healthPort: number;
  isReady(): boolean;
  /** Informer counters per kind (lists, watches, relists on 410, watchdog restarts). */
  informerStats(): Record<string, Informer['stats']>;
  /** Graceful stop: no new work, in-flight reconciles finish, lease released. */
  stop(): Promise<void>;
  /** Resolves when the controller has stopped (signal, lost lease, or stop()). */
  readonly stopped: Promise<void>;
}

const CARM_REQUEUE_MS = 15_000;
const SHUTDOWN_GRACE_MS = 8_000;
/** After a signal: in-flight reconciles get SHUTDOWN_GRACE_MS, the rest (Lease release, closing) what is left. */
const SHUTDOWN_DEADLINE_MS = 15_000;

/** The one entry point a generated main.ts calls. */
export async function runController(service: ServiceDescriptor, argv: readonly string[] = process.argv.slice(2), opts: ControllerOptions = {}): Promise<RunningController> {
  const env = opts.env ?? process.env;
  const kinds = service.resources.map((r) => r.kind);
  const cfg = parseFlags(argv, kinds, `ack-${service.service}-controller`);
  const log = opts.log ?? createLogger(cfg.logLevel, { development: cfg.enableDevelopmentLogging, base: { controller: `ack-${service.service}` } });

  const conn = opts.connection ?? loadConnection(env);
  const http = new KubeHttp(conn);
  const kube = new KubeClient(http);
  const metrics = new ControllerMetrics();
  let credentialsResolved = false;
  let leading = !cfg.enableLeaderElection;
  let shuttingDown = false;
  const informers = new Map<string, Informer>();

  const servers: Server[] = [];
  servers.push(await serveMetrics(cfg.metricsAddr, () => metrics.render()));
  servers.push(
    await serveHealth(cfg.healthzAddr, {
      live: () => ({ ok: !shuttingDown, detail: shuttingDown ? 'shutting down' : 'running' }),
      ready: () => readiness(),
    }),
  );
  const readiness = (): { ok: boolean; detail: string } => {
    if (shuttingDown) return { ok: false, detail: 'shutting down' };
    if (!credentialsResolved) return { ok: false, detail: 'AWS credentials not resolved' };
    if (!leading) return { ok: true, detail: 'standby (not leader)' };
    const stale = [...informers].filter(([, i]) => !i.healthy).map(([k]) => k);
    return stale.length ? { ok: false, detail: `watches not established: ${stale.join(', ')}` } : { ok: true, detail: 'watches established, credentials resolved' };
  };

  let identity: CallerIdentity;
  try {
    identity = await callerIdentity(cfg.awsRegion, cfg.awsIdentityEndpointUrl || undefined);
  } catch (err) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    http.close();
    throw err;
  }
  credentialsResolved = true;
  log.info('AWS identity resolved', { account: identity.accountId, arn: identity.arn, partition: identity.partition, region: cfg.awsRegion });

  const systemNamespace = env.ACK_SYSTEM_NAMESPACE || env.K8S_NAMESPACE || conn.namespace || 'ack-system';
  const namespaces = new NamespaceAnnotations(kube, 10_000, () => log.warn('cannot read namespaces (RBAC); namespace annotations are ignored'));
  const accountMap = new RoleMap(kube, systemNamespace, ACCOUNT_ROLE_MAP);
  const teamMap = new RoleMap(kube, systemNamespace, TEAM_ROLE_MAP);
  const sdk = opts.sdk ?? loadSdkModule(service.sdk);
  const stsEndpoint = cfg.awsIdentityEndpointUrl || undefined;
  // One AssumeRole per role for the whole process: every SDK client of a role (any kind, any region) shares its keys.
  const sts = stsAssumeRole(cfg.awsRegion, stsEndpoint);
  const roles = new RoleCredentials({ assume: sts.assume });
  const selectors = cfg.featureGates.IAMRoleSelector
    ? new SelectorCache({
        client: kube,
        log: log.with({ component: 'iam-role-selector' }),
        ...(opts.watch?.silenceMs ? { silenceMs: opts.watch.silenceMs } : {}),
        // Roles may have moved: every resource is looked at again (ACK waits for the next resync).
        onChange: () => {
          for (const [kind, q] of queues) for (const key of informers.get(kind)?.keys() ?? []) q.add(key);
        },
      })
    : undefined;
  const aws = new AwsClientCache({
    service: service.service,
    binding: service.sdk,
    sdk,
    ...(cfg.awsEndpointUrl ? { endpoint: cfg.awsEndpointUrl } : {}),
    httpTimeoutMs: cfg.httpClientTimeoutMs,
    userAgent: `aws-controllers-k8s/${service.group}-${opts.version ?? 'unknown'}`,
    credentialsFor: (roleArn) => roles.provider(roleArn),
    onCall: (r) => {
      metrics.apiRequests.inc({ service: r.service, op_type: r.opType, op_id: r.operation });
      if (r.error !== undefined) {
        const c = classifyAwsError(r.error, { notFound: [], terminalCodes: [] });
        metrics.apiErrors.inc({ service: r.service, op_id: r.operation, status_code: String(c.httpStatus ?? -1), code: c.code });
      }
    },
  });
  const events = new EventRecorder(kube, `ack-${service.service}-controller`, (err) => log.debug('event not recorded', { error: String(err) }));

  let elector: LeaderElector | undefined;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  const queues = new Map<string, WorkQueue>();
  const workerLoops: Promise<void>[] = [];
  // A resource waiting for a referenced one is woken when that one changes (e.g. becomes Synced).
  const referenceWatch = new ReferenceWatch({
    namespaces: cfg.watchNamespaces,
    wake: (w) => {
      log.debug('referenced resource changed; reconciling the resource that waits for it', { kind: w.kind, key: w.key });
      queues.get(w.kind)?.add(w.key);
    },
    watch: (ref, onEvent) =>
      new Informer({ client: kube, ref, namespaces: cfg.watchNamespaces, log: log.with({ referenced: `${ref.plural}.${ref.group}` }), onEvent: (event, key) => onEvent(event, key) }),
  });

  /** Resolves when shutdown begins: waits inside a reconcile (read-after-create) end early. */
  let signalShutdown!: () => void;
  const shutdownBegun = new Promise<void>((r) => (signalShutdown = r));
  const shutdownGraceMs = opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;

  /**
   * Graceful stop: at once no new reconcile starts and no new AWS call is sent (a reconcile that
   * asks ends without writing a status); calls in flight get `shutdownGraceMs` to finish, then are
   * cut off, so nothing reaches AWS after the bound.
   */
  const stop = async (): Promise<void> => {
    if (shuttingDown) return stopped;
    shuttingDown = true;
    log.info('shutting down: no new work; in-flight AWS calls may finish', { graceMs: shutdownGraceMs });
    for (const q of queues.values()) q.shutDown();
    aws.refuseNewCalls();
    signalShutdown();
    const informersStopped = Promise.all([...[...informers.values()].map((i) => i.stop()), referenceWatch.stop()]);
    const fieldExportsStopped = fieldExports?.stop();
    const drained = Promise.all([...queues.values()].map((q) => q.drained()));
    const timedOut = await Promise.race([drained.then(() => false), sleep(shutdownGraceMs).then(() => true)]);
    if (timedOut) {
      log.warn('shutdown grace period elapsed: cutting off AWS calls still in flight');
      aws.abortInFlight();
      await Promise.race([drained, sleep(1_000)]);
    }
    await Promise.race([Promise.all([informersStopped, fieldExportsStopped, ...workerLoops]), sleep(100)]);
    await elector?.release();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await selectors?.stop();
    aws.destroy();
    sts.destroy();
    http.close();
    log.info('stopped');
    resolveStopped();
  };

  if (opts.handleSignals !== false) {
    // Ctrl-C reaches every process of the terminal's group, and `npm run controller`'s launcher
    // forwards what it gets: the same stop may be asked for twice, and must still release the Lease.
    const onSignal = (sig: NodeJS.Signals) => {
      if (shuttingDown) return log.debug('signal received while shutting down', { signal: sig });
      log.info('signal received', { signal: sig });
      // A stop that hangs (an API call that never answers) must still end the process.
      setTimeout(() => {
        log.error('shutdown did not finish in time; exiting', { afterMs: SHUTDOWN_DEADLINE_MS });
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      void stop().then(() => process.exit(0));
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  let fieldExports: FieldExportController | undefined;
  const startKinds = async () => {
    const active = service.resources.filter((r) => !cfg.reconcileResources.length || cfg.reconcileResources.includes(r.kind));
    fieldExports = await startFieldExports();
    for (const d of active) startKind(d);
  };

  /** ACK's --enable-field-export-reconciler: on, and the FieldExport CRD served, at startup. */
  const startFieldExports = async (): Promise<FieldExportController | undefined> => {
    if (!cfg.enableFieldExportReconciler) return undefined;
    if (!(await FieldExportController.crdServed(kube))) {
      log.info('FieldExport CRD not installed; FieldExports are not reconciled', { crd: 'fieldexports.services.k8s.aws' });
      return undefined;
    }
    const fe = new FieldExportController({
      service,
      kube,
      events,
      log: log.with({ kind: 'FieldExport' }),
      metrics,
      namespaces: cfg.watchNamespaces,
      ...(cfg.watchSelectors ? { labelSelector: cfg.watchSelectors } : {}),
      enableCrossNamespace: cfg.enableCrossNamespace,
      concurrency: cfg.defaultMaxConcurrentSyncs,
      resyncMs: resyncSeconds('FieldExport', {}, undefined, cfg.defaultResyncSeconds) * 1000,
      ...(opts.watch ? { informer: opts.watch } : {}),
    });
    queues.set('FieldExport', fe.queue);
    informers.set('FieldExport', fe.informer);
    fe.start();
    return fe;
  };

  const startKind = (d: ResourceDescriptor) => {
    const ref: ResourceRef = { group: service.group, version: service.version, plural: d.plural };
    const queue = new WorkQueue();
    queues.set(d.kind, queue);
    const store = new KubeResourceStore(kube, ref);
    const resyncMs = resyncSeconds(d.kind, cfg.resourceResyncSeconds, d.requeueOnSuccessSeconds, cfg.defaultResyncSeconds) * 1000;
    // The longest gap between two resyncs: the resync is jittered by up to 5 % (error-policy.ts).
    const tagReads = new TagReadSchedule({ periodMs: cfg.tagResyncSeconds * 1000, resyncMs: resyncMs * (1 + RESYNC_JITTER) });
    const kindLog = log.with({ kind: d.kind });
    const informer = new Informer({
      client: kube,
      ref,
      namespaces: cfg.watchNamespaces,
      ...(cfg.watchSelectors ? { labelSelector: cfg.watchSelectors } : {}),
      log: kindLog,
      ...(opts.watch?.timeoutSeconds ? { watchTimeoutSeconds: opts.watch.timeoutSeconds } : {}),
      ...(opts.watch?.silenceMs ? { silenceMs: opts.watch.silenceMs } : {}),
      onEvent: (event, key, before, after) => {
        if (event === 'deleted') tagReads.forget(key);
        else if (isMeaningfulChange(before, after)) queue.add(key);
        referenceWatch.changed(ref, key, event);
        // Any change, status included, may change an exported field (ACK: ResourceVersionChangedPredicate).
        if (before?.resourceVersion !== after?.resourceVersion) fieldExports?.sourceChanged(d.kind, key);
      },
    });
    referenceWatch.covers(ref);
    informers.set(d.kind, informer);
    metrics.queueDepth.track({ kind: d.kind }, () => queue.depth);
    metrics.queueDelayed.track({ kind: d.kind }, () => queue.delayed);
    metrics.inFlight.track({ kind: d.kind }, () => queue.inFlight);
    metrics.watchRestarts.track({ kind: d.kind }, () => informer.stats.relistsOnGone + informer.stats.watchdogRestarts + informer.stats.errors);
    informer.start();

    const handle = async (key: string): Promise<void> => {
      const { namespace, name } = splitKey(key);
      const started = process.hrtime.bigint();
      let outcome: Outcome | 'error' = 'error';
      let secrets: string[] = [];
      try {
        const fetched = await kube.get<KubeObject>(ref, namespace, name);
        if (!fetched) {
          queue.forget(key);
          tagReads.forget(key);
          outcome = { kind: 'done' };
          return;
        }
        const obj = applyFeatureGates(fetched, cfg.featureGates);
        secrets = sensitiveValues(obj.spec, { struct: d.specShape }, service.shapes);
        const rlog = kindLog.with({ namespace, name, generation: obj.metadata.generation });
        const nsMeta = await namespaces.meta(namespace);
        const nsAnnotations = nsMeta.annotations;
        let target: AwsTarget & { roleArn?: string };
        try {
          target = await resolveTarget(obj, d, nsMeta);
        } catch (err) {
          if (!(err instanceof CarmError || err instanceof RoleSelectionError || err instanceof RoleAssumptionError)) throw err;
          rlog.warn('IAM role not available', { error: err.message });
          await writeRoleCondition(store, obj, err.message);
          events.emit(obj, 'Warning', 'IAMRoleNotAvailable', err.message, { key: `iam-role:${err.message}` });
          queue.addAfter(key, CARM_REQUEUE_MS);
          outcome = { kind: 'requeueAfter', ms: CARM_REQUEUE_MS, reason: 'IAM Role is not available' };
          return;
        }
        const renv: ReconcileEnv = {
          service,
          descriptor: d,
          ...(opts.hooks?.[d.kind] ? { hooks: opts.hooks[d.kind] } : {}),
          aws: { call: (opType, op, input) => aws.call(target.region, target.roleArn, opType, op, input) },
          store,
          events,
          log: rlog,
          target,
          sleep: (ms) => Promise.race([sleep(ms), shutdownBegun]),
          deletionPolicy: deletionPolicy(service.service, obj.metadata.annotations, nsAnnotations, cfg.deletionPolicy),
          objects: kube,
          awaitReferenced: (awaited) => referenceWatch.await(awaited, { kind: d.kind, key }),
          enableCrossNamespace: cfg.enableCrossNamespace,
          tagReads: tagReads.clock(key),
          defaultTags: expandResourceTags(cfg.resourceTags, {
            service: service.service,
            version: opts.version ?? '',
            namespace,
            name,
            kind: d.kind,
            ...(obj.metadata.labels?.['app.kubernetes.io/managed-by'] ? { managedBy: obj.metadata.labels['app.kubernetes.io/managed-by'] } : {}),
          }),
        };
        outcome = await reconcile(obj, renv);
        applyAction(queue, key, nextVisit(outcome, resyncMs));
        rlog.debug('reconciled', { outcome: outcome.kind });
      } catch (err) {
        if (err instanceof CallRefused) {
          kindLog.info('reconcile interrupted by shutdown', { namespace, name, reason: err.message });
          return;
        }
        kindLog.error('reconcile failed', { namespace, name, error: scrub(String((err as Error)?.message ?? err), secrets) });
        applyAction(queue, key, errorPolicy(err));
      } finally {
        const kind = outcome === 'error' ? 'error' : outcome.kind;
        metrics.reconciles.inc({ kind: d.kind, outcome: kind });
        metrics.reconcileSeconds.observe({ kind: d.kind, outcome: kind }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    };
    workerLoops.push(runWorkers(queue, concurrencyFor(d.kind, cfg), handle, (key, err) => kindLog.error('worker error', { key, error: String(err) })));
    kindLog.info('controller started', { workers: concurrencyFor(d.kind, cfg), resyncSeconds: resyncMs / 1000, namespaces: cfg.watchNamespaces.length ? cfg.watchNamespaces : 'all' });
  };

  const identities = new IdentityResolver({
    ownAccountId: identity.accountId,
    service,
    enableCarm: cfg.enableCarm,
    gates: cfg.featureGates,
    ...(selectors ? { selectors } : {}),
    teamMap,
    accountMap,
    roles,
  });

  /** Region, account and role of one resource. */
  const resolveTarget = async (
    obj: KubeObject,
    d: ResourceDescriptor,
    ns: { readonly annotations: Readonly<Record<string, string>>; readonly labels: Readonly<Record<string, string>> },
  ): Promise<AwsTarget & { roleArn?: string }> => {
    const nsAnnotations = ns.annotations;
    const desiredRegion = resolveRegion(obj.metadata.annotations, nsAnnotations, cfg.awsRegion) ?? cfg.awsRegion;
    const region = effectiveRegion((obj.status?.ackResourceMetadata as { region?: unknown } | undefined)?.region, obj.metadata.annotations, nsAnnotations, desiredRegion) ?? desiredRegion;
    return { region, desiredRegion, partition: identity.partition, ...(await identities.resolve(obj, d.kind, ns)) };
  };

  const begin = async () => {
    if (cfg.enableLeaderElection) {
      const ns = cfg.leaderElectionNamespace || conn.namespace || systemNamespace;
      const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = cfg.leaderElection;
      elector = new LeaderElector({ client: kube, namespace: ns, name: `ack-${service.group}`, identity: `${hostname()}_${process.pid}`, log, leaseDurationMs, renewDeadlineMs, retryPeriodMs });
      log.info('waiting for leadership', { lease: `${ns}/ack-${service.group}` });
      await elector.acquire();
      leading = true;
      void elector.hold(() => {
        log.error('leadership lost; exiting so a new leader can take over');
        void stop().then(() => process.exit(1));
      });
    }
    if (selectors) {
      await selectors.start();
      informers.set('IAMRoleSelector', selectors.informer);
      // ACK does not wait (its first reconciles may see no selector and use the wrong identity); we do.
      while (!selectors.synced && !shuttingDown) await sleep(50);
    }
    if (!shuttingDown) await startKinds();
  };
  void begin().catch((err) => {
    log.error('controller failed to start', { error: String(err) });
    // As a process (not embedded in a test), a start that failed is an exit status, not a quiet exit 0.
    void stop().then(() => {
      if (opts.handleSignals !== false) process.exit(1);
    });
  });

  const addressPort = (s: Server | undefined) => {
    const a = s?.address();
    return typeof a === 'object' && a ? a.port : 0;
  };
  return {
    config: cfg,
    metrics,
    identity,
    metricsPort: addressPort(servers[0]),
    healthPort: addressPort(servers[1]),
    isReady: () => readiness().ok,
    informerStats: () => Object.fromEntries([...informers].map(([k, i]) => [k, { ...i.stats }])),
    stop,
    stopped,
  };
}

/** Annotations whose feature gate is off are ignored, as ACK does. */
function applyFeatureGates(obj: KubeObject, gates: Readonly<Record<string, boolean>>): KubeObject {
  const ann = obj.metadata.annotations;
  if (!ann) return obj;
  const drop: string[] = [];
  if (!gates.ReadOnlyResources) drop.push(ANNOTATION.readOnly);
  if (!gates.ResourceAdoption) drop.push(ANNOTATION.adoptionPolicy, ANNOTATION.adoptionFields);
  if (!drop.some((k) => k in ann)) return obj;
  const kept = Object.fromEntries(Object.entries(ann).filter(([k]) => !drop.includes(k)));
  return { ...obj, metadata: { ...obj.metadata, annotations: kept } };
}

async function writeRoleCondition(store: KubeResourceStore, obj: KubeObject, reason: string): Promise<void> {
  const previous = (Array.isArray(obj.status?.conditions) ? obj.status.conditions : []) as Condition[];
  const conditions = deriveConditions({ synced: { status: 'False', reason: 'IAMRoleNotAvailable', message: `IAM Role is not available: ${reason}` } }, previous, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
  await store.patchStatus(obj, { ...(obj.status ?? {}), conditions });
}


/** What a generated main.ts hands over besides the descriptor: its SDK client module (imported from the controller's own dependencies) and hooks. */
export interface ControllerParts {
  readonly sdk: SdkModule;
  readonly hooks?: ServiceHooks;
  readonly version?: string;
}

/**
 * For a generated main.ts: runs the controller, printing a startup failure as one line and exiting 1
 * (2 for bad flags).
 */
export function main(service: ServiceDescriptor, parts: ControllerParts): void {
  const { sdk, hooks, version } = parts;
  runController(service, process.argv.slice(2), { sdk, ...(hooks ? { hooks } : {}), ...(version ? { version } : {}) }).catch((err: Error & { code?: string }) => {
    if (err instanceof HelpRequested) {
      process.stdout.write(err.text);
      process.exit(0);
    }
    const isFlagError = typeof err.code === 'string' && err.code.startsWith('commander.');
    process.stderr.write(`ack-${service.service}-controller: ${err.message.replace(/^error: /, '')}\n`);
    process.exit(isFlagError ? 2 : 1);
  });
}
