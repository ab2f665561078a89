import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./free-port";
import type { MotoVenv } from "./moto-install";
import { sleep, spawnGroup, type GroupProcess } from "./process-group";

export interface MotoServer {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  venv: MotoVenv;
  stateDir: string;
  detached: boolean;
  region: string;
  readyTimeoutMs?: number;
}

/** Starts `python -m moto.server` on a free loopback port; retries if another process grabbed the port first. */
export async function startMoto(opts: StartMotoOptions): Promise<MotoServer> {
  const logFile = join(opts.stateDir, "moto.log");
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const proc = spawnGroup({
      // `python -m` rather than the moto_server script: a venv's scripts carry absolute shebangs.
      command: opts.venv.python,
      args: ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)],
      // No MOTO_ACCOUNT_ID: it would file every call under one account, and cross-account tests rely on
      // moto's own mapping of an AssumeRole key to the role's account.
      env: { ...withoutKey(process.env, "MOTO_ACCOUNT_ID"), AWS_DEFAULT_REGION: opts.region, PYTHONUNBUFFERED: "1" },
      logFile,
      detached: opts.detached,
    });
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitForMoto(endpoint, proc, opts.readyTimeoutMs ?? 60_000);
      return { endpoint, pid: proc.pid, stop: proc.stop };
    } catch (err) {
      lastError = err as Error;
      await proc.stop();
    }
  }
  throw new Error(`moto did not start: ${lastError?.message}\n${tailOf(logFile)}`);
}

async function waitForMoto(endpoint: string, proc: GroupProcess, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`moto exited with code ${exitCode}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`moto not ready at ${endpoint} after ${timeoutMs} ms`);
}

function tailOf(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "";
  }
}

function withoutKey(env: NodeJS.ProcessEnv, key: string): NodeJS.ProcessEnv {
  const { [key]: _dropped, ...rest } = env;
  return rest;
}
