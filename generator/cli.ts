import { Command, Option } from 'commander';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { loadGeneratorConfig } from './config';
import { GeneratorError, isGeneratorError } from './errors';
import { generateService, sdkNames, type ServiceOutput } from './pipeline';
import type { PackageLinks } from './emit/npm-package';
import { parseSdkVersions } from './sources/sdk-versions';
import { skippedPatterns } from './model/pattern-report';
import { locateModel, readLock, readModel, resolveModelsDir } from './sources';
import { diffTree, ownedDirs, type TreeDiff } from './output';
import { API_MODELS_DIR, REPO_ROOT } from './paths';
import { userCwd, userPath } from '../runtime/user-path';

/** The only module that touches the file system for generation: read inputs, run the pipeline, write or check. */


interface Options {
  all?: boolean;
  apiModels: string;
  out: string;
  modelsDir?: string;
  check?: boolean;
  summary?: string;
}

function servicesToGenerate(args: readonly string[], opts: Options, lockServices: readonly string[]): string[] {
  if (opts.all) {
    const dirs = readdirSync(opts.apiModels, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(opts.apiModels, d.name, 'generator.yaml')))
      .map((d) => d.name);
    return [...new Set([...lockServices, ...dirs, ...args])].sort();
  }
  if (args.length === 0) {
    throw new GeneratorError({ file: 'command line' }, 'no service given', 'name one or more services, e.g. `npm run generate -- sagemaker`, or pass --all');
  }
  return [...args];
}

async function run(args: string[], opts: Options): Promise<number> {
  const lockFile = join(opts.apiModels, 'models.lock.json');
  const lock = existsSync(lockFile) ? readLock(lockFile) : { repository: 'aws/api-models-aws', ref: 'main', services: {} };
  const services = servicesToGenerate(args, opts, Object.keys(lock.services));
  const runStarted = performance.now();
  // Progress: one line up front, one per service as it finishes (each takes seconds), one at the end.
  if (services.length > 1) log(`${opts.check ? 'checking' : 'generating'} ${services.length} services: ${services.join(', ')}`);
  const modelsDir = await resolveModelsDir({
    ...(opts.modelsDir !== undefined ? { flag: opts.modelsDir } : {}),
    env: process.env,
    cacheDir: join(homedir(), '.cache', 'ack-ts', 'api-models'),
    lock,
    onDownload: (url) => log(`downloading ${url}`),
  });
  const outRoot = opts.out;
  const sdkVersions = readSdkVersions(join(opts.apiModels, 'sdk-versions.json'));
  const diffs: { service: string; diff: TreeDiff }[] = [];
  const summary: unknown[] = [];
  for (const service of services) {
    const started = performance.now();
    const configFile = join(opts.apiModels, service, 'generator.yaml');
    const config = existsSync(configFile) ? loadGeneratorConfig(readFileSync(configFile, 'utf8'), rel(configFile)) : {};
    const index = readModel(locateModel(modelsDir, service, lock));
    const hooks = existsSync(join(opts.apiModels, service, 'hooks', 'index.ts'));
    const dir = join(outRoot, service);
    const output = generateService({
      service,
      index,
      config,
      configFile: rel(configFile),
      typescript: { hooks, links: packageLinks(dir, opts.apiModels), sdkVersions: sdkVersions.versions },
    });
    const sdk = sdkNames(index).package;
    if (output.model.resources.length > 0 && !sdkVersions.versions[sdk]) {
      log(`${service}: warning: ${rel(sdkVersions.file)} pins no version of ${sdk}, so ${rel(join(dir, 'package.json'))} leaves it out; add it (\`npm view ${sdk} version\`) before \`npm install\``);
    }
    const ms = Math.round(performance.now() - started);
    summary.push(summarize(service, output));
    if (opts.check) {
      const diff = diffTree(dir, output.files, ownedDirs);
      diffs.push({ service, diff });
      const n = diff.added.length + diff.changed.length + diff.removed.length;
      log(`${service}: ${n === 0 ? 'up to date' : `${n} file(s) differ`} (${kinds(output.model.resources.length)}, ${ms} ms)`);
    } else {
      writeTree(dir, output.files);
      log(`${service}: ${kinds(output.model.resources.length)} → ${rel(dir)} (${ms} ms)`);
    }
  }
  if (services.length > 1) log(`${services.length} services in ${((performance.now() - runStarted) / 1000).toFixed(1)} s`);
  if (opts.summary) {
    mkdirSync(dirname(opts.summary), { recursive: true });
    writeFileSync(opts.summary, JSON.stringify(summary, null, 2) + '\n');
  }
  if (opts.check) {
    const stale = diffs.filter((d) => d.diff.added.length + d.diff.changed.length + d.diff.removed.length > 0);
    for (const { service, diff } of stale) {
      for (const f of diff.added) log(`  missing  ${service}/${f}`);
      for (const f of diff.changed) log(`  differs  ${service}/${f}`);
      for (const f of diff.removed) log(`  stale    ${service}/${f}`);
    }
    if (stale.length > 0) {
      log(`generated/ is out of date for ${stale.map((d) => d.service).join(', ')}: run \`npm run generate -- ${stale.map((d) => d.service).join(' ')}\``);
      return 1;
    }
  }
  return 0;
}

/** Path options as given are relative to the user's directory (INIT_CWD under `npm run`); from here on they are absolute. */
function absolutePaths(o: Options): Options {
  return {
    ...o,
    apiModels: userPath(o.apiModels),
    out: userPath(o.out),
    ...(o.modelsDir ? { modelsDir: userPath(o.modelsDir) } : {}),
    ...(o.summary ? { summary: userPath(o.summary) } : {}),
  };
}

function summarize(service: string, output: ServiceOutput) {
  return {
    service,
    group: output.model.group,
    kinds: output.model.resources.map((r) => r.kind),
    skipped: output.model.skipped,
    skippedPatterns: skippedPatterns(output.model),
  };
}

/** `file:` specs from <out>/<service>/ to the runtime and api-models packages of this repository. */
function packageLinks(serviceDir: string, apiModels: string): PackageLinks {
  const from = (to: string) => relative(serviceDir, to).split(sep).join('/');
  return { runtime: from(join(REPO_ROOT, 'runtime')), apiModels: from(resolve(apiModels)) };
}

function readSdkVersions(file: string): { file: string; versions: Readonly<Record<string, string>> } {
  if (!existsSync(file)) return { file, versions: {} };
  return { file, versions: parseSdkVersions(readFileSync(file, 'utf8'), rel(file)) };
}

function writeTree(dir: string, files: ReadonlyMap<string, string>): void {
  const diff = diffTree(dir, files, ownedDirs);
  for (const f of diff.removed) rmSync(join(dir, f));
  for (const f of [...diff.added, ...diff.changed]) {
    const path = join(dir, f);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, files.get(f)!);
  }
}

const kinds = (n: number) => `${n} ${n === 1 ? 'kind' : 'kinds'}`;
const rel = (p: string) => relative(userCwd(), p) || '.';
const log = (line: string) => process.stdout.write(line + '\n');

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('npm run generate --')
    .description('Generate Kubernetes controllers (CRDs, TypeScript, Helm) from AWS Smithy models')
    .argument('[services...]', 'services as named in api-models/ (or any upstream model folder name)')
    .addOption(new Option('--all', 'every service in api-models/').default(false))
    .addOption(new Option('--out <dir>', 'output root; files land in <out>/<service>/').default(join(REPO_ROOT, 'generated'), "the repository's generated/"))
    // Commander prints no default for an undefined value, so these say theirs in the description.
    .option('--models-dir <dir>', 'a local copy of github.com/aws/api-models-aws (default: $ACK_TS_MODELS_DIR, else ~/.cache/ack-ts/api-models, filled from the internet)')
    .addOption(new Option('--check', 'exit 1 if <out> differs from what the models and config produce; write nothing').default(false))
    .option('--summary <file>', 'write a JSON summary of kinds and skipped resources per service (default: none)')
    .addOption(new Option('--api-models <dir>', 'where generator.yaml files and models.lock.json live').default(API_MODELS_DIR, "the repository's api-models/"))
    .addHelpText('after', '\nRelative paths, in options and in ACK_TS_MODELS_DIR, are relative to the directory you run the command in.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  try {
    return await run(program.args, absolutePaths(program.opts<Options>()));
  } catch (e) {
    if (isGeneratorError(e)) {
      process.stderr.write(`error: ${e.format()}\n`);
      return 2;
    }
    if (process.env['ACK_TS_DEBUG']) throw e;
    process.stderr.write(`internal error: ${(e as Error).message} (set ACK_TS_DEBUG=1 for a stack trace)\n`);
    return 70;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
