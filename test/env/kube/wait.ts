import * as fs from "node:fs";
import { isAlive, sleep } from "./process";

export function logTail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Polls `ready` until it returns true. Fails early, with the end of the log, if the process dies;
 * fails with the same after `timeoutMs`.
 */
export async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  o: { timeoutMs: number; pid?: number; logFile?: string; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    if (await ready().catch(() => false)) return;
    const tail = () => (o.logFile ? `; last log lines (${o.logFile}):\n${logTail(o.logFile)}` : "");
    if (o.pid !== undefined && !isAlive(o.pid)) throw new Error(`${what} exited before it was ready${tail()}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${o.timeoutMs / 1000}s${tail()}`);
    await sleep(o.intervalMs ?? 200);
  }
}
