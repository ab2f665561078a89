export type Progress = (line: string) => void;

/** How often a long step says it is still going. */
export const PROGRESS_EVERY_MS = 15_000;

/**
 * Runs `work`, printing `[image] <label>: still running, <elapsed>` every `everyMs` until it
 * settles. The work must yield to the event loop (async I/O, child processes, zlib's thread pool).
 */
export async function withProgress<T>(label: string, progress: Progress, work: () => Promise<T>, everyMs = PROGRESS_EVERY_MS): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => progress(`[image] ${label}: still running, ${seconds(Date.now() - started)}`), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
