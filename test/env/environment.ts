import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type AwsEnv, startAws } from "./aws";
import { ensureHelm, planHelm } from "./helm/build";
import type { Progress } from "./kube/build";
import { startKube, stopKube } from "./kube/cluster";
import { descendants, isAlive, killAllNow, recordPid, recordedPids, signalGroup, startReaper, stopGroup } from "./kube/process";
import { type EnvState, STATE_ENV, writeEnvState } from "./state";

export const DEFAULT_REGION = "us-east-1";

/** Variables a shell or a test process needs to use the environment. PATH is handled apart. */
export function envVars(s: EnvState, stateFile: string): Record<string, string> {
  const vars: Record<string, string> = {
    KUBECONFIG: s.kube.adminKubeconfig,
    // kubectl's discovery cache is keyed by host:port; keep it with the environment, not in ~/.kube.
    KUBECACHEDIR: path.join(s.root, "kubectl-cache"),
    [STATE_ENV]: stateFile,
    AWS_REGION: s.region,
    AWS_DEFAULT_REGION: s.region,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
  };
  if (s.aws) vars.AWS_ENDPOINT_URL = s.aws.endpoint;
  return vars;
}

/** What to put first on PATH, so `kubectl` is the one built for this cluster (then the built `helm`). */
export function binDir(s: EnvState): string {
  return `${path.dirname(s.kube.binaries.kubectl)}:${path.dirname(planHelm().path)}`;
}

export function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/** `export` lines for `eval "$(npm run -s testenv -- up)"`. */
export function exportLines(s: EnvState, stateFile: string): string {
  const lines = Object.entries(envVars(s, stateFile)).map(([k, v]) => `export ${k}=${shellQuote(v)}`);
  lines.push(`export PATH=${shellQuote(binDir(s))}:"$PATH"`);
  return lines.join("\n") + "\n";
}

export interface StartedEnv {
  state: EnvState;
  stateFile: string;
  /** Present when AWS was started in this process. */
  aws?: AwsEnv;
}

export interface StartOptions {
  /** Processes outlive this one (the CLI). Otherwise they die with it, even on SIGKILL. */
  detached: boolean;
  /** Where to write the state; defaults to <root>/state.json. */
  stateFile?: string;
  withAws?: boolean;
  region?: string;
  progress?: Progress;
}

export async function startEnv(o: StartOptions): Promise<StartedEnv> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ack-ts-testenv-"));
  const pidDir = path.join(root, "pids");
  const region = o.region ?? DEFAULT_REGION;
  // Detached, the processes must outlive us once `up` is done, but not an `up` interrupted or killed
  // half way: until then the reaper is armed (SIGKILL) and signals undo what was started.
  const starting = path.join(root, ".starting");
  if (o.detached) fs.writeFileSync(starting, "");
  startReaper(process.pid, root, pidDir, o.detached ? starting : root);
  const unguard = o.detached ? undoOnSignal(root, pidDir, o.progress) : () => undefined;
  let aws: AwsEnv | undefined;
  try {
    const kube = await startKube({ root, progress: o.progress });
    await ensureHelm({ progress: o.progress });
    if (o.withAws !== false) {
      // The smoke check runs at every start, so a moto upgrade that changes behaviour shows at once.
      aws = await startAws({ region, detached: o.detached, stateDir: path.join(root, "aws"), smoke: true });
      aws.pids.forEach((pid, i) => recordPid(pidDir, `aws-${i}`, pid));
    }
    const state: EnvState = {
      version: 1,
      root,
      detached: o.detached,
      region,
      kube,
      aws: aws ? { endpoint: aws.endpoint, motoEndpoint: aws.motoEndpoint, controlUrl: aws.controlUrl, region: aws.region, pids: aws.pids } : null,
    };
    const stateFile = o.stateFile ?? path.join(root, "state.json");
    writeEnvState(stateFile, state);
    unguard();
    fs.rmSync(starting, { force: true });
    return { state, stateFile, aws };
  } catch (e) {
    unguard();
    await aws?.stop().catch(() => undefined);
    await stopAll(root, pidDir);
    throw e;
  }
}

/** True when every process the state records is still running. */
export function isRunning(s: EnvState): boolean {
  const pids = recordedPids(s.kube.pidDir);
  return pids.size > 0 && [...pids.values()].every(isAlive);
}

/** Stops everything `s` started and removes its temp dir. Safe to call twice. */
export async function stopEnv(s: EnvState, aws?: AwsEnv): Promise<void> {
  await stopKube(s.kube).catch(() => undefined);
  await aws?.stop().catch(() => undefined);
  await stopAll(s.root, s.kube.pidDir);
}

async function stopAll(root: string, pidDir: string): Promise<void> {
  await Promise.all([...recordedPids(pidDir).values()].map((pid) => stopGroup(pid)));
  killAllNow(pidDir);
  fs.rmSync(root, { recursive: true, force: true });
}

/**
 * While a detached environment starts: on SIGINT/SIGTERM/SIGHUP, kill everything this process
 * started (recorded daemons, and unrecorded children such as a Go build, pip or a moto still
 * starting), remove the temp dir and exit as the signal would. Returns a function that removes the handlers.
 */
function undoOnSignal(root: string, pidDir: string, progress?: Progress): () => void {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const onSignal = (sig: NodeJS.Signals) => {
    try {
      const pids = [...descendants(process.pid), ...recordedPids(pidDir).values()];
      for (const pid of pids) signalGroup(pid, "SIGKILL");
      // Synchronously (the start goes on meanwhile otherwise): a dying etcd may still write into root.
      waitSync(() => pids.every((pid) => !isAlive(pid)), 5_000);
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      progress?.(`[testenv] ${sig}: stopped what had been started and removed ${root}`);
    } finally {
      process.exit(128 + (os.constants.signals[sig] ?? 0));
    }
  };
  for (const sig of signals) process.on(sig, onSignal);
  return () => signals.forEach((sig) => process.off(sig, onSignal));
}

function waitSync(done: () => boolean, timeoutMs: number): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + timeoutMs; !done() && Date.now() < deadline; ) Atomics.wait(cell, 0, 0, 20);
}

/**
 * For a non-detached environment: on SIGINT/SIGTERM or exit, kill everything at once and remove
 * the temp dir. (The reaper covers SIGKILL.) Returns a function that removes the handlers.
 */
export function cleanupOnExit(s: EnvState): () => void {
  const now = () => {
    killAllNow(s.kube.pidDir);
    fs.rmSync(s.root, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    now();
    process.exit(sig === "SIGINT" ? 130 : 143);
  };
  process.on("exit", now);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("exit", now);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
