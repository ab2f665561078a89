import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A benchmarked process's memory: RSS from /proc, live heap from V8 heap snapshots. */

/** Peak and current RSS of a process, in MiB, from /proc. */
export function rss(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

/** Starts the peak RSS afresh (a heap snapshot's own peak is not the process's). */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

export interface HeapSnapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: string[]; readonly node_types: [string[], ...unknown[]] } };
  readonly nodes: number[];
}
export interface HeapSizes {
  readonly total: number;
  /** Everything but compiled code. */
  readonly data: number;
}

export function heapSizes(h: HeapSnapshot): HeapSizes {
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

export const mib = (bytes: number) => (bytes / 1048576).toFixed(1);

/**
 * Live heap of the controller (started with --heapsnapshot-signal), in bytes: a snapshot (taken
 * after a full GC) summed over its objects' own sizes, then deleted.
 */
export class HeapProbe {
  private readonly dir = mkdtempSync(join(tmpdir(), 'bench-heap-'));

  /** Node options that make a process write a snapshot on SIGUSR2 into this probe's directory. */
  get nodeOptions(): string {
    return `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${this.dir}`;
  }

  live(pid: number): Promise<HeapSizes> {
    return liveHeap(pid, this.dir);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function liveHeap(pid: number, dir: string): Promise<HeapSizes> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 240; i++) {
    await sleep(1000);
    const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (!file) continue;
    const path = join(dir, file);
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
