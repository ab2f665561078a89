import { heartbeat } from '../heartbeat';

export type Progress = (line: string) => void;

/**
 * Runs `work`, printing `[image] <label>: still running, <elapsed>` every 15 s (the test
 * environment's heartbeat, so every long step of the project reports alike) until it settles.
 * The work must yield to the event loop (async I/O, child processes, zlib's thread pool).
 */
export async function withProgress<T>(label: string, progress: Progress, work: () => Promise<T>, everyMs?: number): Promise<T> {
  const stop = heartbeat((elapsed) => progress(`[image] ${label}: still running, ${elapsed}`), everyMs);
  try {
    return await work();
  } finally {
    stop();
  }
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
