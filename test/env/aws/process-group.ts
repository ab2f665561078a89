import { spawn, type ChildProcess } from "node:child_process";
import { openSync, closeSync } from "node:fs";
import { isAlive, sleep } from "../kube/process";

export interface GroupProcess {
  pid: number;
  /** Resolves with the exit code once the process has exited (never rejects). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface SpawnGroupOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdout+stderr go here (appended). */
  logFile: string;
  /** Outlive the calling node process: no exit hook, unref'd. */
  detached: boolean;
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous last resort so a crashed or interrupted test run leaves no server behind.
  const killAll = (): void => {
    for (const pid of liveGroups) killGroup(pid, "SIGKILL");
  };
  process.on("exit", killAll);
  // A signal's default action skips "exit" handlers. Clean up, then let the signal do what it would have done,
  // unless someone else (jest, the kube half) handles it.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

// One definition of liveness (zombies count as gone) and of sleep for the whole test environment.
export { isAlive, sleep };

/** Spawns a process as the leader of its own process group, so stop() takes its children with it. */
export function spawnGroup(opts: SpawnGroupOptions): GroupProcess {
  const out = openSync(opts.logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(opts.command, opts.args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: ["ignore", out, out],
    });
  } finally {
    closeSync(out);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${opts.command}`);
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => {
      liveGroups.delete(pid);
      resolve(code);
    });
    child.on("error", () => resolve(null));
  });
  if (opts.detached) {
    child.unref();
  } else {
    installExitHook();
    liveGroups.add(pid);
  }
  return { pid, exited, stop: () => stopGroup(pid, exited) };
}

/** SIGTERM the group, SIGKILL after a grace period. Works for groups this process did not spawn too. */
export async function stopGroup(pid: number, exited?: Promise<unknown>, graceMs = 5000): Promise<void> {
  liveGroups.delete(pid);
  if (!killGroup(pid, "SIGTERM")) return;
  const gone = exited ?? waitUntil(() => !isAlive(pid), graceMs);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    gone.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
  ]);
  clearTimeout(timer);
  if (timedOut) killGroup(pid, "SIGKILL");
  killGroup(pid, "SIGKILL"); // stragglers in the group (e.g. werkzeug threads' helpers)
}


async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !check()) await sleep(50);
}
