import { readFileSync } from 'node:fs';
import type { KubeClient } from '../../runtime/k8s/client';
import type { KubeObject } from '../../runtime/k8s/types';
import { trainingJobManifest } from '../support/manifests';
import { isSynced, sleep, withBenchEnv } from './harness';

/**
 * `npm run bench:controller`: the generated SageMaker controller, as its own process (with
 * the memory flags `npm run controller` uses), against the test environment:
 *  - 500 TrainingJobs applied at once: time until all are Synced, AWS calls per resource;
 *  - one idle resync: AWS calls per resource (target: 1 read, 0 writes);
 *  - 1,000 resources held: peak RSS (target ≤ 128 Mi, ACK's chart limit).
 */
const TRAINING = { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1', plural: 'trainingjobs' };
const BATCH = Number(process.env['BENCH_BATCH'] ?? 500);
const RESYNC_SECONDS = 20;

/** Peak and current RSS of a process, in MiB, from /proc. */
function rss(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

async function createAll(kube: KubeClient, ns: string, names: string[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < names.length) {
        const name = names[next++]!;
        await kube.create(TRAINING, ns, trainingJobManifest(ns, name));
      }
    }),
  );
}

async function untilAllSynced(kube: KubeClient, ns: string, count: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const list = await kube.list<KubeObject>(TRAINING, ns);
    const synced = list.items.filter(isSynced).length;
    if (synced >= count) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`only ${synced}/${count} TrainingJobs synced after ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

const perResource = (counts: Record<string, number>, names: string[]) => {
  const values = names.map((n) => counts[n] ?? 0);
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values) };
};

async function main(): Promise<void> {
  await withBenchEnv(['sagemaker'], async (env) => {
    const { kube, control } = env;
    const ns = env.namespace('bench');
    const controller = env.controller('sagemaker', ns, ['--reconcile-resource-resync-seconds', `TrainingJob=${RESYNC_SECONDS}`]);
    const pid = controller.pid!;
    await sleep(3000);
    const idle = rss(pid);

    // 1. BATCH TrainingJobs at once.
    const first = Array.from({ length: BATCH }, (_, i) => `bench-a-${i}`);
    const mark0 = await control.mark();
    const t0 = Date.now();
    await createAll(kube, ns, first);
    const applyMs = Date.now() - t0;
    const syncedMs = await untilAllSynced(kube, ns, BATCH, 15 * 60_000);
    const creation = perResource(await control.countCalls({ since: mark0, by: 'resource' }), first);
    const creationWrites = perResource(await control.countCalls({ since: mark0, by: 'resource', operation: 'CreateTrainingJob' }), first);

    // 2. One idle resync: a window of exactly one period holds one resync of each resource.
    await sleep(5000);
    const mark1 = await control.mark();
    await sleep(RESYNC_SECONDS * 1000);
    const resyncCalls = await control.calls({ since: mark1 });
    const resync = perResource(await control.countCalls({ since: mark1, by: 'resource' }), first);
    const resyncWrites = resyncCalls.filter((c) => !/^(Describe|List|Get)/.test(c.operation)).length;
    // Per operation too: a tag read (ListTags) is keyed by ARN, so the per-resource count above misses it.
    const byOperation = new Map<string, number>();
    for (const c of resyncCalls) byOperation.set(c.operation, (byOperation.get(c.operation) ?? 0) + 1);
    const perOperation = [...byOperation].map(([op, n]) => `${op} ${(n / BATCH).toFixed(2)}`).join(', ');

    // 3. Up to 1,000 resources held.
    const second = Array.from({ length: BATCH }, (_, i) => `bench-b-${i}`);
    await createAll(kube, ns, second);
    await untilAllSynced(kube, ns, 2 * BATCH, 15 * 60_000);
    await sleep((RESYNC_SECONDS + 5) * 1000); // a resync over everything, at rest
    const held = rss(pid);

    const lines = [
      `${BATCH} TrainingJobs applied at once (${(applyMs / 1000).toFixed(1)} s to create them): all Synced after ${(syncedMs / 1000).toFixed(1)} s`,
      `AWS calls per resource during creation: mean ${creation.mean.toFixed(2)}, max ${creation.max} (CreateTrainingJob: mean ${creationWrites.mean.toFixed(2)}, max ${creationWrites.max})`,
      `AWS calls per resource during one idle resync: mean ${resync.mean.toFixed(2)}, max ${resync.max}; writes: ${resyncWrites} — target 1 read, 0 writes`,
      `  by operation, per resource: ${perOperation || 'none'}`,
      `controller RSS: idle ${idle.now.toFixed(0)} MiB; holding ${2 * BATCH} resources ${held.now.toFixed(0)} MiB, peak ${held.peak.toFixed(0)} MiB — target ≤ 128 MiB`,
    ];
    for (const l of lines) console.log(l);
    process.exitCode = resyncWrites === 0 && held.peak <= 128 ? 0 : 1;
  });
}

main().catch((err) => {
  console.error(`bench:controller failed: ${(err as Error).message}`);
  process.exit(1);
});
