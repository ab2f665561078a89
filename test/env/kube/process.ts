import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Every process the environment starts leads its own process group, and its pid is written to
 * <pidDir>/<name>. That directory is the one list of what must be killed: stop, the CLI's `down`,
 * signal handlers and the reaper all read it, so a restarted apiserver is never forgotten.
 */
export function startDaemon(o: { name: string; bin: string; args: string[]; logFile: string; pidDir: string; cwd?: string }): number {
  const log = fs.openSync(o.logFile, "a");
  const child = spawn(o.bin, o.args, { detached: true, stdio: ["ignore", log, log], cwd: o.cwd });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${o.bin}`);
  child.on("error", () => undefined);
  child.unref();
  recordPid(o.pidDir, o.name, child.pid);
  return child.pid;
}

export function recordPid(pidDir: string, name: string, pid: number): void {
  fs.mkdirSync(pidDir, { recursive: true });
  fs.writeFileSync(path.join(pidDir, name), String(pid));
}

export function recordedPids(pidDir: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!fs.existsSync(pidDir)) return out;
  for (const name of fs.readdirSync(pidDir)) {
    const pid = Number(fs.readFileSync(path.join(pidDir, name), "utf8").trim());
    if (Number.isInteger(pid) && pid > 1) out.set(name, pid);
  }
  return out;
}

/** Running, and not a zombie: an orphan's zombie lingers until init reaps it, but holds no ports or files. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

/** Signals the process group led by `pid`, or the process alone if it leads none. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopGroup(pid: number, graceMs = 10_000): Promise<void> {
  if (!isAlive(pid)) return;
  signalGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) {
    signalGroup(pid, "SIGKILL");
    while (isAlive(pid) && Date.now() < deadline + 5_000) await sleep(50);
  }
  // SIGKILL the rest of the group too, in case a child outlived its leader.
  signalGroup(pid, "SIGKILL");
}

/** For exit paths that cannot wait: SIGKILL every recorded group now. */
export function killAllNow(pidDir: string): void {
  for (const pid of recordedPids(pidDir).values()) signalGroup(pid, "SIGKILL");
}

/**
 * The shell script the reaper runs: when `parentPid` dies (even by SIGKILL, where no handler runs)
 * it kills every recorded group and removes `root`. It exits by itself once `armedWhile` is gone.
 * Portable to dash: its kill takes neither `--` nor `-s NAME` before a negative pid.
 */
export function reaperScript(parentPid: number, root: string, pidDir: string, armedWhile: string = root): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    `while kill -0 ${parentPid} 2>/dev/null; do [ -e ${q(armedWhile)} ] || exit 0; sleep 1; done`,
    // Disarmed while we slept (a detached `up` that finished, then exited): stand down.
    `[ -e ${q(armedWhile)} ] || exit 0`,
    `[ -d ${q(pidDir)} ] && for f in ${q(pidDir)}/*; do [ -f "$f" ] && { p="$(cat "$f")"; kill -9 -"$p" 2>/dev/null || kill -9 "$p" 2>/dev/null; }; done`,
    `rm -rf ${q(root)}`,
  ].join("\n");
}

/** `armedWhile`: the reaper stands down (exits) once this path is gone; by default, `root`. */
export function startReaper(parentPid: number, root: string, pidDir: string, armedWhile: string = root): number | undefined {
  const child = spawn("sh", ["-c", reaperScript(parentPid, root, pidDir, armedWhile)], { detached: true, stdio: "ignore" });
  child.on("error", () => undefined);
  child.unref();
  return child.pid;
}

/** Every process below `pid` (children, theirs, ...), read from /proc: what a process started, detached or not. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  for (let queue = [pid]; queue.length; ) {
    const next = children.get(queue.shift()!) ?? [];
    out.push(...next);
    queue.push(...next);
  }
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
