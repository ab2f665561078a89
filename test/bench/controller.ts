import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import type { KubeClient } from '../../runtime/k8s/client';
import type { KubeObject } from '../../runtime/k8s/types';
import { endpointConfigManifest, modelManifest, trainingJobManifest } from '../support/manifests';
import { isSynced, sleep, withBenchEnv } from './harness';
import { formatIdleCost, idleCost, type BenchKind } from './idle-resync';

/**
 * `npm run bench:controller [-- flags]`: the generated SageMaker controller, as its own process
 * (with the memory flags `npm run controller` uses), against the test environment:
 *  - `--batch` TrainingJobs applied at once: time until all are Synced, AWS calls per resource;
 *  - as many again, half Models and half EndpointConfigs (each naming its Model): 2 × batch held;
 *  - idle resyncs of all of them: reads and writes per resync, per kind (target 1 read, 0 writes);
 *  - RSS holding them (target ≤ 128 MiB at 1,000 resources, ACK's chart limit) and per resource.
 * Flags: --batch N (500; or $BENCH_BATCH), --resync S (20, every kind), --tag-resync S (the
 * controller's --reconcile-tag-resync-seconds; its default unless given), --heap (live heap per
 * resource from two V8 heap snapshots; the RSS peak is then counted from after the first).
 */
const { values: opts } = parseArgs({
  options: {
    batch: { type: 'string', default: process.env['BENCH_BATCH'] ?? '500' },
    resync: { type: 'string', default: '20' },
    'tag-resync': { type: 'string' },
    /** Live heap (V8 heap snapshots, idle and holding everything): what each resource really keeps. */
    heap: { type: 'boolean', default: false },
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

/** Peak and current RSS of a process, in MiB, from /proc. */
function rss(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
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

const SNAPSHOT_DIR = opts.heap ? mkdtempSync(join(tmpdir(), 'bench-heap-')) : '';
interface HeapSnapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: string[]; readonly node_types: [string[], ...unknown[]] } };
  readonly nodes: number[];
}
interface HeapSizes {
  readonly total: number;
  /** Everything but compiled code. */
  readonly data: number;
}

function heapSizes(h: HeapSnapshot): HeapSizes {
  const fields = h.snapshot.meta.node_fields;
  const [self, type] = [fields.indexOf('self_size'), fields.indexOf('type')];
  const code = h.snapshot.meta.node_types[0].indexOf('code');
  let total = 0;
  let data = 0;
  for (let n = 0; n < h.nodes.length; n += fields.length) {
    total += h.nodes[n + self]!;
    if (h.nodes[n + type] !== code) data += h.nodes[n + self]!;
  }
  return { total, data };
}

const mib = (bytes: number) => (bytes / 1048576).toFixed(1);

/**
 * Live heap of the controller (started with --heapsnapshot-signal), in bytes: a snapshot (taken
 * after a full GC) summed over its objects' own sizes, then deleted.
 */
async function liveHeap(pid: number): Promise<HeapSizes> {
  const before = new Set(readdirSync(SNAPSHOT_DIR));
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 240; i++) {
    await sleep(1000);
    const file = readdirSync(SNAPSHOT_DIR).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (!file) continue;
    const path = join(SNAPSHOT_DIR, file);
    for (;;) {
      try {
        const snapshot = JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshot;
        rmSync(path);
        return heapSizes(snapshot);
      } catch {
        await sleep(1000); // still being written
      }
    }
  }
  throw new Error('no heap snapshot after 240 s');
}

const perResource = (counts: Record<string, number>, names: string[]) => {
  const values = names.map((n) => counts[n] ?? 0);
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values) };
};

async function main(): Promise<void> {
  if (opts.heap) process.env['NODE_OPTIONS'] = `${process.env['NODE_OPTIONS'] ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${SNAPSHOT_DIR}`.trim();
  await withBenchEnv(['sagemaker'], async (env) => {
    const { kube, control } = env;
    const ns = env.namespace('bench');
    // Per kind: a kind's own period (TrainingJob's 300 s, as ACK) wins over the default flag.
    const flags = KINDS.flatMap((k) => ['--reconcile-resource-resync-seconds', `${k.kind}=${RESYNC_SECONDS}`]);
    if (opts['tag-resync'] !== undefined) flags.push('--reconcile-tag-resync-seconds', opts['tag-resync']);
    const controller = env.controller('sagemaker', ns, flags);
    const pid = controller.pid!;
    await sleep(3000);
    const idleHeap = opts.heap ? await liveHeap(pid) : undefined;
    // The snapshot's own peak is not the controller's: start the high-water mark afresh.
    if (opts.heap) writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const idle = rss(pid);

    // 1. BATCH TrainingJobs at once.
    const jobs: Manifest[] = Array.from({ length: BATCH }, (_, i) => ({ kind: TRAINING, body: trainingJobManifest(ns, `${TRAINING.namePrefix}${i}`) }));
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
      body: endpointConfigManifest(ns, `${CONFIG.namePrefix}${i}`, `${MODEL.namePrefix}${i % Math.max(half, 1)}`),
    }));
    await createAll(kube, ns, [...models, ...configs]);
    await untilAllSynced(kube, ns, [...jobs, ...models, ...configs], 15 * 60_000);

    // 3. Idle resyncs: a window of one period and a half, charged per kind (see idle-resync.ts).
    await sleep(5000);
    const mark1 = await control.mark();
    await sleep(RESYNC_SECONDS * 1500);
    const costs = idleCost(await control.calls({ since: mark1 }), KINDS);
    const loadAtResync = load();
    const held = rss(pid);
    const total = jobs.length + models.length + configs.length;

    const lines = [
      `${BATCH} TrainingJobs applied at once (${(applyMs / 1000).toFixed(1)} s to create them): all Synced after ${(syncedMs / 1000).toFixed(1)} s; load average (1/5/15 min) ${loadAtCreate}`,
      `AWS calls per resource during creation: mean ${creation.mean.toFixed(2)}, max ${creation.max} (CreateTrainingJob: mean ${creationWrites.mean.toFixed(2)}, max ${creationWrites.max})`,
      `idle resyncs over ${total} resources (${RESYNC_SECONDS} s resync, tag resync ${opts['tag-resync'] ?? 'default'}), per kind — target 1 read, 0 writes; load average ${loadAtResync}`,
      ...costs.map((c) => `  ${formatIdleCost(c)}`),
      `controller RSS: idle ${idle.now.toFixed(0)} MiB; holding ${total} resources ${held.now.toFixed(0)} MiB, peak ${held.peak.toFixed(0)} MiB — target ≤ 128 MiB; ${(((held.now - idle.now) * 1024) / total).toFixed(1)} KiB per resource over idle`,
    ];
    for (const l of lines) console.log(l);
    if (idleHeap !== undefined) {
      const heldHeap = await liveHeap(pid);
      const per = (k: keyof HeapSizes) => ((heldHeap[k] - idleHeap[k]) / total).toFixed(0);
      console.log(`live heap (after a full GC): idle ${mib(idleHeap.total)} MiB; holding ${total} resources ${mib(heldHeap.total)} MiB: ${per('total')} bytes per resource, ${per('data')} of them data (the rest compiled code, which stops growing once warm)`);
      console.log('  (RSS above counts the heap snapshots themselves: measure RSS in a run without --heap)');
    }
    const oneRead = costs.every((c) => c.resyncs > 0 && c.readsPerResync === 1 && c.writesPerResync === 0);
    process.exitCode = oneRead && (opts.heap || held.peak <= 128) ? 0 : 1;
  });
}

main()
  .finally(() => SNAPSHOT_DIR && rmSync(SNAPSHOT_DIR, { recursive: true, force: true }))
  .catch((err) => {
  console.error(`bench:controller failed: ${(err as Error).message}`);
  process.exit(1);
});
