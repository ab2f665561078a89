/**
 * The scenario proxy as its own process, for environments that outlive their starter (`npm run testenv -- up`).
 * Usage: node --import tsx test/env/aws/proxy-main.ts --upstream http://127.0.0.1:PORT --ready-file FILE
 * Writes {"url","controlUrl","pid"} to the ready file once listening.
 */
import { renameSync, writeFileSync } from "node:fs";
import { startScenarioProxy } from "./proxy-server";

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (!value) {
    process.stderr.write(`proxy-main: --${name} is required\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const upstream = arg("upstream");
  const readyFile = arg("ready-file");
  const proxy = await startScenarioProxy({ upstream });
  const tmp = `${readyFile}.tmp`;
  writeFileSync(tmp, JSON.stringify({ url: proxy.url, controlUrl: proxy.controlUrl, pid: process.pid }));
  renameSync(tmp, readyFile);
  process.stdout.write(`scenario proxy ${proxy.url} -> ${upstream}\n`);
  const shutdown = (): void => void proxy.close().then(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((err: Error) => {
  process.stderr.write(`proxy-main: ${err.message}\n`);
  process.exit(1);
});
