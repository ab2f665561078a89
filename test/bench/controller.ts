import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { KubeClient } from '../../runtime/k8s/client';
import type { KubeObject } from '../../runtime/k8s/types';
import { endpointConfigManifest, modelManifest, trainingJobManifest } from '../support/manifests';
import { isSynced, sleep, withBenchEnv, type BenchEnv } from './harness';

type BenchControl = BenchEnv['control'];
import { formatIdleCost, idleCost, type BenchKind } from './idle-resync';
import { HeapProbe, mib, resetPeak, rss, type HeapSizes } from './memory';
import { exportAll } from './field-exports';

/**
 * `npm run bench:controller [-- flags]`: the generated SageMaker controller, as its own process
 * (with the memory flags `npm run controller` uses), against the test environment:
 *  - `--batch` TrainingJobs applied at once: time until all are Synced, AWS calls per resource;
 *  - as many again, half Models and half EndpointConfigs (each naming its Model): 2 × batch held;
 *  - idle resyncs of all of them: reads and writes per resync, per kind (target 1 read, 0 writes);
 *  - RSS holding them (target ≤ 128 MiB at 1,000 resources, ACK's chart limit) and per resource.
 * Flags: --batch N (500; or $BENCH_BATCH), --resync S (20, every kind), --tag-resync S (the
 * controller's --reconcile-tag-resync-seconds; its default unless given), --heap (live heap per
 * resource from two V8 heap snapshots; the RSS peak is then counted from after the first),
 * --references (TrainingJobs name one of ROLES iam Roles by roleRef, made by the iam controller
 * running beside; each EndpointConfig names its Model by productionVariants[].modelRef),
 * --field-exports (one FieldExport per resource, into 10 ConfigMaps the exports create, held
 * through the idle resyncs: time until all are exported, and the RSS with them).
 */
const { values: opts } = parseArgs({
  options: {
    batch: { type: 'string', default: process.env['BENCH_BATCH'] ?? '500' },
    resync: { type: 'string', default: '20' },
    'tag-resync': { type: 'string' },
    /** Live heap (V8 heap snapshots, idle and holding everything): what each resource really keeps. */
    heap: { type: 'boolean', default: false },
    /** TrainingJobs name their Role by roleRef (iam Roles made by the iam controller), EndpointConfigs their Model by modelRef. */
    references: { type: 'boolean', default: false },
    'field-exports': { type: 'boolean', default: false },
  },
});
const BATCH = positive('batch');
const RESYNC_SECONDS = positive('resync');
if (opts['tag-resync'] !== undefined && !/^\d+$/.test(opts['tag-resync'])) {
  throw new Error(`bench:controller: --tag-resync must be a whole number of seconds ≥ 0, got "${opts['tag-resync']}"`);
}

function positive(name: 'batch' | 'resync'): number {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bench:controller: --${name} must be a whole number ≥ 1, got "${opts[name]}"`);
  return n;
}

const SM = { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1' };
interface Kind extends BenchKind {
  readonly plural: string;
}
const TRAINING: Kind = { kind: 'TrainingJob', plural: 'trainingjobs', readOp: 'DescribeTrainingJob', namePrefix: 'bench-tj-' };
const MODEL: Kind = { kind: 'Model', plural: 'models', readOp: 'DescribeModel', namePrefix: 'bench-model-' };
const CONFIG: Kind = { kind: 'EndpointConfig', plural: 'endpointconfigs', readOp: 'DescribeEndpointConfig', namePrefix: 'bench-epc-' };
const KINDS = [TRAINING, MODEL, CONFIG];
/** What --field-exports exports of each kind: a status field AWS fills, the ARN, a spec field. */
const EXPORTED: Record<string, string> = {
  TrainingJob: '.status.modelArtifacts.s3ModelArtifacts',
  Model: '.status.ackResourceMetadata.arn',
  // Present with modelName or modelRef (--references) alike.
  EndpointConfig: '.spec.productionVariants[0].instanceType',
};
const heap = opts.heap ? new HeapProbe() : undefined;
const IAM = { group: 'iam.services.k8s.aws', version: 'v1alpha1', plural: 'roles' };
/** Roles the TrainingJobs share under --references: a few roles, many jobs. */
const ROLES = 10;
const roleName = (i: number) => `bench-role-${i}`;

function jobManifest(ns: string, i: number) {
  const body = trainingJobManifest(ns, `${TRAINING.namePrefix}${i}`);
  if (!opts.references) return body;
  const { roleARN: _arn, ...spec } = body.spec;
  return { ...body, spec: { ...spec, roleRef: { from: { name: roleName(i % ROLES) } } } };
}

function configManifest(ns: string, i: number, model: string) {
  const body = endpointConfigManifest(ns, `${CONFIG.namePrefix}${i}`, model);
  if (!opts.references) return body;
  const variants = body.spec.productionVariants.map(({ modelName: _m, ...v }) => ({ ...v, modelRef: { from: { name: model } } }));
  return { ...body, spec: { ...body.spec, productionVariants: variants } };
}

/** The iam Roles the TrainingJobs' roleRefs name, made by the iam controller; resolves once all are Synced. */
async function makeRoles(kube: KubeClient, ns: string): Promise<void> {
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  for (let i = 0; i < ROLES; i++) {
    await kube.create(IAM, ns, { apiVersion: `${IAM.group}/${IAM.version}`, kind: 'Role', metadata: { name: roleName(i), namespace: ns }, spec: { name: roleName(i), assumeRolePolicyDocument: trust } });
  }
  for (const started = Date.now(); ; await sleep(500)) {
    const synced = (await kube.list<KubeObject>(IAM, ns)).items.filter(isSynced).length;
    if (synced >= ROLES) return;
    if (Date.now() - started > 120_000) throw new Error(`only ${synced}/${ROLES} iam Roles synced after 120 s`);
  }
}

/** How many creates carried what the references resolved to (the bench's roles; each config's model). */
async function referencesInUse(control: BenchControl, since: number): Promise<{ jobs: number; configs: number }> {
  const jobs = await control.calls({ since, operation: 'CreateTrainingJob' });
  const configs = await control.calls({ since, operation: 'CreateEndpointConfig' });
  const variants = (c: { input: Record<string, unknown> }) => (c.input['ProductionVariants'] ?? []) as { ModelName?: string }[];
  return {
    jobs: jobs.filter((c) => /:role\/bench-role-\d+$/.test(String(c.input['RoleArn']))).length,
    configs: configs.filter((c) => variants(c).length > 0 && variants(c).every((v) => v.ModelName?.startsWith(MODEL.namePrefix))).length,
  };
}


const load = () => loadavg().map((n) => n.toFixed(1)).join(' / ');

interface Manifest {
  readonly kind: Kind;
  readonly body: { metadata: { name: string } };
}

async function createAll(kube: KubeClient, ns: string, manifests: readonly Manifest[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < manifests.length) {
        const m = manifests[next++]!;
        await kube.create({ ...SM, plural: m.kind.plural }, ns, m.body);
      }
    }),
  );
}

async function untilAllSynced(kube: KubeClient, ns: string, manifests: readonly Manifest[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  const kinds = [...new Set(manifests.map((m) => m.kind))];
  for (;;) {
    let synced = 0;
    for (const k of kinds) synced += (await kube.list<KubeObject>({ ...SM, plural: k.plural }, ns)).items.filter(isSynced).length;
    if (synced >= manifests.length) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`only ${synced}/${manifests.length} resources synced after ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}


const perResource = (counts: Record<string, number>, names: string[]) => {
  const values = names.map((n) => counts[n] ?? 0);
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values) };
};

async function main(): Promise<void> {
  if (heap) process.env['NODE_OPTIONS'] = `${process.env['NODE_OPTIONS'] ?? ''} ${heap.nodeOptions}`.trim();
  await withBenchEnv(opts.references ? ['sagemaker', 'iam'] : ['sagemaker'], async (env) => {
    const { kube, control } = env;
    const ns = env.namespace('bench');
    // Per kind: a kind's own period (TrainingJob's 300 s, as ACK) wins over the default flag.
    const flags = KINDS.flatMap((k) => ['--reconcile-resource-resync-seconds', `${k.kind}=${RESYNC_SECONDS}`]);
    if (opts['tag-resync'] !== undefined) flags.push('--reconcile-tag-resync-seconds', opts['tag-resync']);
    const controller = env.controller('sagemaker', ns, flags);
    const pid = controller.pid!;
    await sleep(3000);
    const idleHeap = heap ? await heap.live(pid) : undefined;
    // The snapshot's own peak is not the controller's: start the high-water mark afresh.
    if (heap) resetPeak(pid);
    const idle = rss(pid);

    // 1. BATCH TrainingJobs at once.
    if (opts.references) {
      env.controller('iam', ns, []);
      await makeRoles(kube, ns);
    }
    const jobs: Manifest[] = Array.from({ length: BATCH }, (_, i) => ({ kind: TRAINING, body: jobManifest(ns, i) }));
    const jobNames = jobs.map((m) => m.body.metadata.name);
    const mark0 = await control.mark();
    const t0 = Date.now();
    await createAll(kube, ns, jobs);
    const applyMs = Date.now() - t0;
    const syncedMs = await untilAllSynced(kube, ns, jobs, 15 * 60_000);
    const loadAtCreate = load();
    const creation = perResource(await control.countCalls({ since: mark0, by: 'resource' }), jobNames);
    const creationWrites = perResource(await control.countCalls({ since: mark0, by: 'resource', operation: 'CreateTrainingJob' }), jobNames);

    // 2. As many again, in two more kinds: 2 × BATCH held.
    const half = Math.floor(BATCH / 2);
    const models: Manifest[] = Array.from({ length: half }, (_, i) => ({ kind: MODEL, body: modelManifest(ns, `${MODEL.namePrefix}${i}`) }));
    const configs: Manifest[] = Array.from({ length: BATCH - half }, (_, i) => ({
      kind: CONFIG,
      body: configManifest(ns, i, `${MODEL.namePrefix}${i % Math.max(half, 1)}`),
    }));
    await createAll(kube, ns, [...models, ...configs]);
    await untilAllSynced(kube, ns, [...jobs, ...models, ...configs], 15 * 60_000);
    const exportMs = opts['field-exports']
      ? await exportAll(kube, ns, [...jobs, ...models, ...configs].map((m) => ({ group: SM.group, kind: m.kind.kind, name: m.body.metadata.name, path: EXPORTED[m.kind.kind]! })), 15 * 60_000)
      : undefined;
    const loadAtExport = load();

    // 3. Idle resyncs: a window of one period and a half, charged per kind (see idle-resync.ts).
    await sleep(5000);
    const mark1 = await control.mark();
    await sleep(RESYNC_SECONDS * 1500);
    const costs = idleCost(await control.calls({ since: mark1 }), KINDS);
    const loadAtResync = load();
    const inUse = opts.references ? await referencesInUse(control, mark0) : undefined;
    const held = rss(pid);
    const total = jobs.length + models.length + configs.length;

    const lines = [
      `${BATCH} TrainingJobs applied at once (${(applyMs / 1000).toFixed(1)} s to create them): all Synced after ${(syncedMs / 1000).toFixed(1)} s; load average (1/5/15 min) ${loadAtCreate}`,
      `AWS calls per resource during creation: mean ${creation.mean.toFixed(2)}, max ${creation.max} (CreateTrainingJob: mean ${creationWrites.mean.toFixed(2)}, max ${creationWrites.max})`,
      ...(exportMs !== undefined ? [`${total} FieldExports (one per resource, 10 ConfigMaps) all exported after ${(exportMs / 1000).toFixed(1)} s; load average ${loadAtExport}`] : []),
      `idle resyncs over ${total} resources (${RESYNC_SECONDS} s resync, tag resync ${opts['tag-resync'] ?? 'default'}), per kind — target 1 read, 0 writes; load average ${loadAtResync}`,
      ...costs.map((c) => `  ${formatIdleCost(c)}`),
      `controller RSS: idle ${idle.now.toFixed(0)} MiB; holding ${total} resources${exportMs !== undefined ? ` and ${total} FieldExports` : ''} ${held.now.toFixed(0)} MiB, peak ${held.peak.toFixed(0)} MiB — target ≤ 128 MiB; ${(((held.now - idle.now) * 1024) / total).toFixed(1)} KiB per resource over idle`,
    ];
    if (inUse) lines.push(`references in use: ${inUse.jobs}/${jobs.length} CreateTrainingJob calls carried a bench Role's ARN from roleRef, ${inUse.configs}/${configs.length} CreateEndpointConfig calls a bench Model from modelRef`);
    for (const l of lines) console.log(l);
    if (heap && idleHeap) {
      const heldHeap = await heap.live(pid);
      const per = (k: keyof HeapSizes) => ((heldHeap[k] - idleHeap[k]) / total).toFixed(0);
      console.log(`live heap (after a full GC): idle ${mib(idleHeap.total)} MiB; holding ${total} resources ${mib(heldHeap.total)} MiB: ${per('total')} bytes per resource, ${per('data')} of them data (the rest compiled code, which stops growing once warm)`);
      console.log('  (RSS above counts the heap snapshots themselves: measure RSS in a run without --heap)');
    }
    const oneRead = costs.every((c) => c.resyncs > 0 && c.readsPerResync === 1 && c.writesPerResync === 0);
    process.exitCode = oneRead && (opts.heap || held.peak <= 128) ? 0 : 1;
  });
}

main()
  .finally(() => heap?.dispose())
  .catch((err) => {
  console.error(`bench:controller failed: ${(err as Error).message}`);
  process.exit(1);
});
