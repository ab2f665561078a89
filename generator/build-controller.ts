// npm run build -- <service>...
// Compiles a generated controller (its src/, the runtime and the service's hooks) with tsc into
// generated/<service>/dist/, and writes the entry point the image runs: generated/<service>/dist/main.js.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

const REPO = REPO_ROOT;

/** The entry point: tsc mirrors the repository under dist/ (rootDir is the repository root). */
export function entryPoint(service: string): string {
  return `"use strict";\nrequire("./generated/${service}/src/main.js");\n`;
}

export function build(service: string, repo = REPO): void {
  const dir = join(repo, "generated", service);
  const tsconfig = join(dir, "tsconfig.build.json");
  if (!existsSync(tsconfig)) throw new Error(`${tsconfig}: missing; run \`npm run generate -- ${service}\` first`);
  const dist = join(dir, "dist");
  rmSync(dist, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", tsconfig], { cwd: repo, stdio: "inherit" });
  if (tsc.status !== 0) throw new Error(`${tsconfig}: tsc failed (exit ${tsc.status})`);
  writeFileSync(join(dist, "main.js"), entryPoint(service));
}

if (require.main === module) {
  const services = process.argv.slice(2);
  if (services.length === 0) {
    process.stderr.write("usage: npm run build -- <service>...\n");
    process.exit(2);
  }
  try {
    for (const s of services) {
      const started = Date.now();
      build(s);
      process.stdout.write(`${s}: generated/${s}/dist/main.js (${Date.now() - started} ms)\n`);
    }
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
