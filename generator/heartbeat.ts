/** How often a long step (image layers, the test environment's Go builds and moto install) says it is still working. */
export const HEARTBEAT_MS = 15_000;

/**
 * Calls `report` with the elapsed time ("45s") every `everyMs` until the returned function is
 * called. Unref'd: a forgotten heartbeat never keeps the process alive.
 */
export function heartbeat(report: (elapsed: string) => void, everyMs = HEARTBEAT_MS): () => void {
  const started = Date.now();
  const timer = setInterval(() => report(`${Math.round((Date.now() - started) / 1000)}s`), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
