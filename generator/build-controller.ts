// npm run build -- <service>...
// Bundles a generated controller (its src/, the @ack-ts/runtime package and the service's hooks
// from @ack-ts/api-models) with esbuild into generated/<service>/dist/main.js, the file the image
// runs. npm packages (the AWS SDK client, yaml, …) stay external: node_modules provides them.
// Type checking is `npm run typecheck`'s job.
import { build as esbuild, type BuildOptions, type Plugin } from "esbuild";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

/** Our own packages (workspaces, TypeScript sources) are bundled; every other bare import is left to node_modules. */
export const OWN_PACKAGES = /^@ack-ts\//;

const npmExternal: Plugin = {
  name: "npm-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => (OWN_PACKAGES.test(a.path) ? undefined : { path: a.path, external: true }));
  },
};

/** What every bundle of a controller shares: generated/<service>/src/main.ts, CommonJS for Node. */
export function controllerBundle(service: string, repo = REPO_ROOT): BuildOptions {
  const main = join(repo, "generated", service, "src", "main.ts");
  if (!existsSync(main)) throw new Error(`${main}: missing; run \`npm run generate -- ${service}\` first`);
  return { entryPoints: [main], bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "error", absWorkingDir: repo };
}

/** `dist` defaults to generated/<service>/dist; tests build elsewhere (inside the repository, for node_modules). */
export async function build(service: string, repo = REPO_ROOT, dist = join(repo, "generated", service, "dist")): Promise<string> {
  const options = controllerBundle(service, repo);
  rmSync(dist, { recursive: true, force: true });
  const outfile = join(dist, "main.js");
  await esbuild({ ...options, outfile, plugins: [npmExternal] });
  return outfile;
}

async function cli(services: string[]): Promise<number> {
  if (services.length === 0) {
    process.stderr.write("usage: npm run build -- <service>...\n");
    return 2;
  }
  try {
    for (const s of services) {
      const started = Date.now();
      await build(s);
      process.stdout.write(`${s}: generated/${s}/dist/main.js (${Date.now() - started} ms)\n`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  cli(process.argv.slice(2)).then((code) => process.exit(code));
}
