/** The AWS half of the test environment: moto in server mode behind the scenario proxy. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureMotoVenv } from "./moto-install";
import { startMoto, type MotoServer } from "./moto-server";
import { sleep, spawnGroup, stopGroup } from "./process-group";
import { startScenarioProxy } from "./proxy-server";
import { runSmoke, formatSmokeReport } from "./smoke";

export { MissingToolError } from "./moto-install";
export { ProxyControl, CONTROL_URL_ENV } from "./control-client";

export interface AwsEnv {
  /** Proxy URL: what AWS_ENDPOINT_URL gets. */
  endpoint: string;
  motoEndpoint: string;
  /** Proxy control API base URL (ProxyControl's argument). */
  controlUrl: string;
  region: string;
  /** Process-group leaders this env started (moto; the proxy too when detached). */
  pids: number[];
  stop(): Promise<void>;
}

export interface StartAwsOptions {
  region?: string;
  /** Processes outlive the calling node process; the proxy then runs as its own node process. */
  detached?: boolean;
  stateDir: string;
  /** Run the smoke check against moto before returning; throws if moto's behaviour changed. */
  smoke?: boolean;
}

const STATE_FILE = "aws-env.json";
const REPO_ROOT = resolve(__dirname, "..", "..", "..");

export async function startAws(opts: StartAwsOptions): Promise<AwsEnv> {
  const region = opts.region ?? "us-east-1";
  const detached = opts.detached ?? false;
  mkdirSync(opts.stateDir, { recursive: true });
  const venv = await ensureMotoVenv();
  const moto = await startMoto({ venv, stateDir: opts.stateDir, detached, region });
  let proxy: { url: string; controlUrl: string; pid?: number; stop(): Promise<void> };
  try {
    proxy = detached ? await startDetachedProxy(moto, opts.stateDir) : await startInProcessProxy(moto);
  } catch (err) {
    await moto.stop();
    throw err;
  }
  const pids = [moto.pid, ...(proxy.pid !== undefined ? [proxy.pid] : [])];
  const env: AwsEnv = {
    endpoint: proxy.url,
    motoEndpoint: moto.endpoint,
    controlUrl: proxy.controlUrl,
    region,
    pids,
    stop: once(async () => {
      await proxy.stop();
      await moto.stop();
      rmSync(join(opts.stateDir, STATE_FILE), { force: true });
    }),
  };
  writeFileSync(join(opts.stateDir, STATE_FILE), JSON.stringify({ ...env, stop: undefined }, null, 2));
  if (opts.smoke) {
    const report = await runSmoke({ endpoint: moto.endpoint, region });
    if (!report.ok) {
      await env.stop();
      throw new Error(`moto smoke check failed:\n${formatSmokeReport(report)}`);
    }
  }
  return env;
}

/** Stops an environment started (typically detached) by another process, from its state dir. */
export async function stopAwsFromState(stateDir: string): Promise<void> {
  const file = join(stateDir, STATE_FILE);
  if (!existsSync(file)) return;
  const { pids } = JSON.parse(readFileSync(file, "utf8")) as { pids: number[] };
  for (const pid of [...pids].reverse()) await stopGroup(pid);
  rmSync(file, { force: true });
}

async function startInProcessProxy(moto: MotoServer) {
  const proxy = await startScenarioProxy({ upstream: moto.endpoint });
  return { url: proxy.url, controlUrl: proxy.controlUrl, stop: proxy.close };
}

async function startDetachedProxy(moto: MotoServer, stateDir: string) {
  const readyFile = join(stateDir, "proxy-ready.json");
  rmSync(readyFile, { force: true });
  const proc = spawnGroup({
    command: process.execPath,
    args: ["--import", "tsx", join(__dirname, "proxy-main.ts"), "--upstream", moto.endpoint, "--ready-file", readyFile],
    cwd: REPO_ROOT,
    logFile: join(stateDir, "proxy.log"),
    detached: true,
  });
  let exited = false;
  void proc.exited.then(() => (exited = true));
  const deadline = Date.now() + 30_000;
  while (!existsSync(readyFile)) {
    if (exited || Date.now() > deadline) {
      await proc.stop();
      throw new Error(`scenario proxy did not start; see ${join(stateDir, "proxy.log")}`);
    }
    await sleep(50);
  }
  const ready = JSON.parse(readFileSync(readyFile, "utf8")) as { url: string; controlUrl: string };
  return { ...ready, pid: proc.pid, stop: proc.stop };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
