// Podman as the image tests use it: its own storage under a temp dir (nothing shared with other
// users of podman on the machine), runc as the OCI runtime, and resource limits this machine
// accepts. See README "Images" for why each setting is there.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The README's set-up command; a missing tool names it (README.md carries the same line). */
export const README_INSTALL = "apt-get update && apt-get install -y golang python3-venv podman runc";

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Fails (never skips) when a tool the image test needs is absent, naming the README's command. */
export function requireImageTools(tools: readonly string[] = ["podman", "runc"]): void {
  for (const tool of tools) {
    const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
    if (r.error || r.status !== 0) throw new Error(`${tool} not found: the image test runs the controller image with podman and runc; install them with README.md's set-up command: ${README_INSTALL}`);
  }
}

/**
 * `--ulimit` values this machine accepts. Podman's defaults ask for more open files and processes
 * than the VM's hard limits, and the VM refuses to raise them even for root, so ask for the
 * current hard limit of open files and at most kernel.pid_max processes.
 */
export function ulimitArgs(limits = readFileSync("/proc/self/limits", "utf8"), pidMax = Number(readFileSync("/proc/sys/kernel/pid_max", "utf8"))): string[] {
  const hard = (name: string): number => {
    const m = new RegExp(`^${name}\\s+\\S+\\s+(\\S+)`, "m").exec(limits);
    const v = m?.[1];
    return !v || v === "unlimited" ? Number.POSITIVE_INFINITY : Number(v);
  };
  const nofile = Math.min(hard("Max open files"), 1_048_576);
  const nproc = Math.min(hard("Max processes"), pidMax);
  return ["--ulimit", `nofile=${nofile}:${nofile}`, "--ulimit", `nproc=${nproc}:${nproc}`];
}

export interface Podman {
  readonly root: string;
  run(args: readonly string[], o?: { timeoutMs?: number }): CommandResult;
  /** Like run, but throws with podman's stderr on a non-zero exit. */
  ok(args: readonly string[], o?: { timeoutMs?: number }): string;
  /** Removes every container and image in this storage, then the storage itself. */
  destroy(): void;
}

export function isolatedPodman(): Podman {
  const root = mkdtempSync(join(tmpdir(), "ack-ts-podman-"));
  const base = ["--root", join(root, "storage"), "--runroot", join(root, "run"), "--tmpdir", join(root, "tmp"), "--runtime", "runc", "--cgroup-manager", "cgroupfs", "--events-backend", "file"];
  const run = (args: readonly string[], o: { timeoutMs?: number } = {}): CommandResult => {
    const r = spawnSync("podman", [...base, ...args], { encoding: "utf8", timeout: o.timeoutMs ?? 120_000, maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    root,
    run,
    ok: (args, o) => {
      const r = run(args, o);
      if (r.status !== 0) throw new Error(`podman ${args.join(" ")} failed (${r.status}): ${r.stderr.trim()}`);
      return r.stdout;
    },
    destroy: () => {
      run(["rm", "--all", "--force", "--time", "0"]);
      run(["rmi", "--all", "--force"]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
