import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { modelsDirForTests } from '../support/models-dir';

/**
 * `npm run bench:generate`: wall time and peak RSS of the generator as users run
 * it, each run a new process. Targets (issue 12): a service ≤ 2 s and ≤ 400 MB; all models ≤ 10 s.
 */
const REPO = resolve(__dirname, '../..');
const modelsDir = modelsDirForTests();

interface Run { ms: number; rssMb: number }

function generate(services: string[], out: string): Run {
  const rssFile = join(out, 'rss.txt');
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    // What `npm run generate` runs (generator/run.cjs), minus npm's own start-up.
    ['--require', join(REPO, 'test/bench/report-rss.cjs'), join(REPO, 'generator/run.cjs'), ...services, '--out', out, '--models-dir', modelsDir],
    { cwd: REPO, env: { ...process.env, ACK_TS_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`generate ${services.length === 1 ? services[0] : `${services.length} services`} failed (${r.status}): ${r.stderr.trim()}`);
  const rssMb = Number(readFileSync(rssFile, 'utf8').trim()) / 1024;
  return { ms, rssMb };
}

function report(name: string, runs: Run[], targetMs: number, targetMb?: number): boolean {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  const worst = ms[ms.length - 1]!;
  const rss = Math.max(...runs.map((r) => r.rssMb));
  const ok = worst <= targetMs && (targetMb === undefined || rss <= targetMb);
  console.log(
    `${name}: median ${(median / 1000).toFixed(2)} s, worst ${(worst / 1000).toFixed(2)} s over ${runs.length} run(s); peak RSS ${rss.toFixed(0)} MB` +
      ` — target ≤ ${targetMs / 1000} s${targetMb ? `, ≤ ${targetMb} MB` : ''}: ${ok ? 'met' : 'MISSED'}`,
  );
  return ok;
}

const work = mkdtempSync(join(tmpdir(), 'ack-ts-bench-'));
try {
  generate(['application-auto-scaling'], mkdtempSync(join(work, 'warm-'))); // builds the bundle if sources changed
  // Every configured service (api-models/models.lock.json), each a cold process: 5 runs for sagemaker, 3 for the rest.
  const configured = Object.keys((JSON.parse(readFileSync(join(REPO, 'api-models/models.lock.json'), 'utf8')) as { services: Record<string, unknown> }).services).sort();
  const perService = configured.map((svc) => {
    const runs = Array.from({ length: svc === 'sagemaker' ? 5 : 3 }, (_, i) => generate([svc], mkdtempSync(join(work, `${svc}${i}-`))));
    return report(`${svc}, cold process`, runs, 2000, 400);
  });
  const all = readdirSync(modelsDir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  const everything = [generate(all, mkdtempSync(join(work, 'all-')))];
  const ok = [...perService, report(`all ${all.length} models, one process`, everything, 10_000)];
  process.exitCode = ok.every(Boolean) ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
