// npm run testenv -- up|down|status
//   up      start etcd, kube-apiserver (and the AWS half), detached; print `export` lines
//   down    stop everything `up` started and remove its temp dirs
//   status  say whether it runs; print the export lines if it does
import * as fs from "node:fs";
import { exportLines, isRunning, startEnv, stopEnv } from "./environment";
import { MissingToolError } from "./kube/tools";
import { defaultStateFile, readEnvState } from "./state";

const log = (line: string) => process.stderr.write(line + "\n");

async function up(args: string[]): Promise<void> {
  const stateFile = defaultStateFile();
  const existing = safeRead(stateFile);
  if (existing && isRunning(existing)) {
    log(`[testenv] already running (state: ${stateFile})`);
    process.stdout.write(exportLines(existing, stateFile));
    return;
  }
  if (existing) {
    log("[testenv] cleaning up a stopped environment");
    await stopEnv(existing);
  }
  const started = Date.now();
  const env = await startEnv({ detached: true, stateFile, withAws: !args.includes("--no-aws"), progress: log });
  log(`[testenv] up in ${((Date.now() - started) / 1000).toFixed(1)}s: ${env.state.kube.server}; logs in ${env.state.root}/logs; stop with: npm run testenv -- down`);
  process.stdout.write(exportLines(env.state, stateFile));
}

async function down(): Promise<void> {
  const stateFile = defaultStateFile();
  const s = safeRead(stateFile);
  if (!s) {
    log("[testenv] nothing to stop");
  } else {
    await stopEnv(s);
    log(`[testenv] stopped; removed ${s.root}`);
  }
  fs.rmSync(stateFile, { force: true });
}

function status(): void {
  const stateFile = defaultStateFile();
  const s = safeRead(stateFile);
  if (s && isRunning(s)) {
    log(`[testenv] running: ${s.kube.server}`);
    process.stdout.write(exportLines(s, stateFile));
  } else {
    log("[testenv] not running");
    process.exitCode = 1;
  }
}

function safeRead(stateFile: string) {
  try {
    return readEnvState(stateFile);
  } catch (e) {
    log(`[testenv] ignoring unreadable ${stateFile}: ${(e as Error).message}`);
    return undefined;
  }
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd === "up") return up(rest);
  if (cmd === "down") return down();
  if (cmd === "status") return status();
  log("usage: npm run testenv -- up [--no-aws] | down | status");
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((e: unknown) => {
  log(e instanceof MissingToolError ? e.message : `[testenv] ${(e as Error).stack ?? String(e)}`);
  process.exitCode = e instanceof MissingToolError ? 3 : 1;
});
