// jest globalSetup for test/integration: starts the environment once per run (or reuses the one
// named by ACK_TS_TESTENV_STATE, e.g. after `eval "$(npm run -s testenv -- up)"`) and hands it to
// tests through process.env.
import { type StartedEnv, binDir, cleanupOnExit, envVars, isRunning, startEnv } from "./environment";
import { readEnvState, stateFileFromEnv } from "./state";

export interface Running {
  env?: StartedEnv;
  dispose?: () => void;
}

declare global {
  // eslint-disable-next-line no-var
  var __ACK_TS_TESTENV__: Running | undefined;
}

export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(line + "\n");
  const reuseFile = stateFileFromEnv();
  const reused = reuseFile ? readEnvState(reuseFile) : undefined;
  if (reuseFile && reused && isRunning(reused)) {
    log(`\n[testenv] reusing the running environment from ${reuseFile}`);
    publish(envVars(reused, reuseFile), binDir(reused));
    globalThis.__ACK_TS_TESTENV__ = {};
    return;
  }
  const started = Date.now();
  const env = await startEnv({ detached: false, progress: log });
  log(`\n[testenv] up in ${((Date.now() - started) / 1000).toFixed(1)}s: ${env.state.kube.server}`);
  publish(envVars(env.state, env.stateFile), binDir(env.state));
  globalThis.__ACK_TS_TESTENV__ = { env, dispose: cleanupOnExit(env.state) };
}

function publish(vars: Record<string, string>, bin: string): void {
  Object.assign(process.env, vars);
  process.env.PATH = `${bin}:${process.env.PATH ?? ""}`;
}
