import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { userPath } from "../../../runtime/user-path";
import { HEARTBEAT_MS, heartbeat } from "../../../generator/heartbeat";
import { cacheRoot } from "../kube/paths";
import { isAlive, sleep } from "./process-group";

export const REQUIREMENTS_FILE = join(__dirname, "requirements.txt");
const INSTALL_HINT = "see README.md, 'Testing against AWS': apt-get install -y python3 python3-venv python3-pip";

/** The failure a test shows when a tool is missing: one line, what and how to install it. */
export class MissingToolError extends Error {}

export interface MotoVenv {
  version: string;
  dir: string;
  python: string;
}

/** Pure: the pinned moto version, read from the lock file. */
export function motoVersionOf(requirements: string): string {
  const match = /^moto(?:\[[^\]]*\])?==([^\s;#]+)/m.exec(requirements);
  if (!match?.[1]) throw new Error("test/env/aws/requirements.txt has no exact moto==<version> pin");
  return match[1];
}

/** Pure: the cache directory name; the Python minor version is part of the key because a venv is bound to it. */
export function venvDirName(requirements: string, pythonVersion: string): string {
  const hash = createHash("sha256").update(requirements).update(`\0${pythonVersion}`).digest("hex").slice(0, 12);
  return `moto-${motoVersionOf(requirements)}-${hash}`;
}

/** $ACK_TS_PYTHON (a command on PATH, or a path relative to the user's directory), else python3. */
export function pythonCommand(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.ACK_TS_PYTHON;
  if (!given) return "python3";
  return given.includes("/") ? userPath(given, env) : given;
}

function hostPython(): { command: string; version: string } {
  const command = pythonCommand();
  const probe = spawnSync(command, ["-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new MissingToolError(`${command} with the venv module is missing (${INSTALL_HINT})`);
  }
  return { command, version: probe.stdout.trim() };
}

/**
 * Returns the cached virtualenv with moto, creating it on first use (a progress line every
 * `heartbeatMs` while pip runs). Concurrent callers wait for one installer.
 */
export async function ensureMotoVenv(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`), heartbeatMs = HEARTBEAT_MS): Promise<MotoVenv> {
  const requirements = readFileSync(REQUIREMENTS_FILE, "utf8");
  const version = motoVersionOf(requirements);
  const host = hostPython();
  const dir = join(cacheRoot(), venvDirName(requirements, host.version));
  const venv: MotoVenv = { version, dir, python: join(dir, "bin", "python") };
  const marker = join(dir, ".ack-ts-complete");
  if (existsSync(marker)) return venv;

  mkdirSync(cacheRoot(), { recursive: true });
  const lock = `${dir}.lock`;
  await acquireLock(lock, log, heartbeatMs);
  try {
    if (existsSync(marker)) return venv;
    rmSync(dir, { recursive: true, force: true });
    const started = Date.now();
    log(`[aws-env] installing moto ${version} into ${dir} (cold cache, about a minute)`);
    await run(host.command, ["-m", "venv", dir], log);
    if (!existsSync(venv.python)) throw new MissingToolError(`python3 -m venv did not create ${venv.python} (${INSTALL_HINT})`);
    let collected = 0;
    const counting = (line: string) => {
      if (/^\[aws-env\]\s+Collecting /.test(line)) collected++;
      log(line);
    };
    const stopHeartbeat = heartbeat((t) => log(`[aws-env] installing moto ${version}: ${collected} packages collected, ${t}`), heartbeatMs);
    try {
      await run(venv.python, ["-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off", "-r", REQUIREMENTS_FILE], counting);
    } finally {
      stopHeartbeat();
    }
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    log(`[aws-env] moto ${version} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return venv;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function acquireLock(lock: string, log: (line: string) => void, heartbeatMs: number): Promise<void> {
  let stopHeartbeat: (() => void) | undefined;
  try {
    for (;;) {
      try {
        mkdirSync(lock);
        writeFileSync(join(lock, "pid"), String(process.pid));
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const holder = Number(readFileOr(join(lock, "pid"), "0"));
      if (holder && !isAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!stopHeartbeat) {
        log(`[aws-env] waiting for another process (pid ${holder}) installing moto`);
        stopHeartbeat = heartbeat((t) => log(`[aws-env] still waiting for the moto install of pid ${holder}, ${t}`), heartbeatMs);
      }
      await sleep(500);
    }
  } finally {
    stopHeartbeat?.();
  }
}

function readFileOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

function run(command: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const tail: string[] = [];
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        log(`[aws-env]   ${line}`);
        tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (err) => reject(new MissingToolError(`${command} could not run: ${err.message} (${INSTALL_HINT})`)));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${tail.join("\n")}`)),
    );
  });
}
