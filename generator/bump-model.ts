// npm run bump-model -- <service> [--allow-breaking] [--models-dir DIR]
// Pins <service> to the newest model file in the models dir (--models-dir, else $ACK_TS_MODELS_DIR):
// generates into a temp dir, prints the CRD compatibility report against generated/<service>/crds,
// and, unless a change breaks compatibility without --allow-breaking, updates
// api-models/models.lock.json and regenerates generated/<service>.
import { Command } from "commander";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { REPO_ROOT } from "./paths";
import { userCwd, userPath } from "../runtime/user-path";
import { parse } from "yaml";
import { main as generate } from "./cli";
import { breakingCount, compareCrds, crdSchema, formatReport } from "./compat/crd-compat";
import { GeneratorError, isGeneratorError } from "./errors";
import { formatLock, locateModel, readLock, sha256Hex, type ModelsLock } from "./sources";

const REPO = REPO_ROOT;

interface Options {
  allowBreaking?: boolean;
  modelsDir?: string;
  apiModels: string;
  out: string;
}

type Schema = { readonly [key: string]: unknown };

/** kind → openAPIV3Schema of every CRD file in `dir` (none when the dir does not exist). */
function readCrds(dir: string): Map<string, Schema> {
  const crds = new Map<string, Schema>();
  if (!existsSync(dir)) return crds;
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".yaml")).sort()) {
    const file = join(dir, f);
    try {
      const { kind, schema } = crdSchema(parse(readFileSync(file, "utf8")) as Schema);
      crds.set(kind, schema);
    } catch (e) {
      throw new GeneratorError({ file }, (e as Error).message);
    }
  }
  return crds;
}

/** The lock with `service` pinned to `file` (a path under `modelsDir`). */
export function pinned(lock: ModelsLock, service: string, modelsDir: string, file: string): ModelsLock {
  const path = relative(modelsDir, file).split("\\").join("/");
  return { ...lock, services: { ...lock.services, [service]: { path, sha256: sha256Hex(readFileSync(file)) } } };
}

async function run(service: string, o: Options): Promise<number> {
  const given = o.modelsDir ?? process.env.ACK_TS_MODELS_DIR;
  if (!given) throw new GeneratorError({ file: "command line" }, "no models dir", "pass --models-dir DIR or set ACK_TS_MODELS_DIR");
  const modelsDir = userPath(given);
  const lockFile = join(o.apiModels, "models.lock.json");
  const lock = readLock(lockFile);
  const next = pinned(lock, service, modelsDir, locateModel(modelsDir, service));
  const was = lock.services[service];
  const now = next.services[service]!;
  if (was && was.path === now.path && was.sha256 === now.sha256) {
    log(`${service}: already pinned to ${now.path} (${now.sha256.slice(0, 12)})`);
    return 0;
  }
  log(`${service}: ${was ? `${was.path} (${was.sha256.slice(0, 12)})` : "not pinned"} → ${now.path} (${now.sha256.slice(0, 12)})`);

  const oldText = readFileSync(lockFile, "utf8");
  writeFileSync(lockFile, formatLock(next));
  const scratch = mkdtempSync(join(tmpdir(), "ack-ts-bump-"));
  let keep = false;
  try {
    const common = [service, "--models-dir", modelsDir, "--api-models", o.apiModels];
    const code = await generate([...common, "--out", scratch]);
    if (code !== 0) return code;
    const report = compareCrds(readCrds(join(o.out, service, "crds")), readCrds(join(scratch, service, "crds")));
    log(`CRD compatibility (${rel(join(o.out, service, "crds"))} → new model):`);
    process.stdout.write(formatReport(report));
    const breaking = breakingCount(report);
    if (breaking > 0 && !o.allowBreaking) {
      log(`${service}: ${breaking} breaking change(s); nothing was changed. Rerun with --allow-breaking to accept them.`);
      return 1;
    }
    keep = true;
    return await generate([...common, "--out", o.out]);
  } finally {
    if (!keep) writeFileSync(lockFile, oldText);
    rmSync(scratch, { recursive: true, force: true });
  }
}

const rel = (p: string) => relative(userCwd(), p) || ".";
const log = (line: string) => process.stdout.write(line + "\n");

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("npm run bump-model --")
    .description("Pin a service to its newest model file, regenerate it, and report CRD compatibility")
    .argument("<service>", "service as named in api-models/")
    .option("--allow-breaking", "accept removed fields and changed types")
    .option("--models-dir <dir>", "a local copy of github.com/aws/api-models-aws (else $ACK_TS_MODELS_DIR)")
    .option("--api-models <dir>", "where models.lock.json and generator.yaml files live", join(REPO, "api-models"))
    .option("--out <dir>", "generated output root", join(REPO, "generated"))
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv as string[], { from: "user" });
  } catch (e) {
    return (e as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const o = program.opts<Options>();
  try {
    return await run(program.args[0]!, { ...o, apiModels: userPath(o.apiModels), out: userPath(o.out) });
  } catch (e) {
    if (isGeneratorError(e)) {
      process.stderr.write(`error: ${e.format()}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
