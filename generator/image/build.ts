import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ServiceDescriptor } from '../../runtime/descriptor';
import { userCwd, userPath } from '../../runtime/user-path';
import { version as packageVersion } from '../../package.json';
import { cacheRoot, REPO_ROOT } from '../paths';
import { readBaseLock } from './base-lock';
import { baseLayers } from './base';
import { bundle } from './bundle';
import { image, layer, ociArchive, type Layer } from './oci';
import { type Progress, seconds, withProgress } from './progress';
import { ENTRY_PATH } from './rootfs';
import { archiveBase, IMAGE_RUNTIME, imageName, LAYER_FILES } from './spec';

export const DEFAULT_OUT_DIR = 'build/images';

export interface BuiltImage {
  readonly name: string;
  /** The manifest's digest: what a registry reports and `podman images --digests` shows. */
  readonly digest: string;
  readonly archive: string;
  /** A directory with the layers as generated/<service>/Dockerfile ADDs them. */
  readonly context: string;
  /** Sum of the compressed blobs (what a pull transfers). */
  readonly compressedBytes: number;
  /** Sum of the uncompressed layer tars (about the size on a node's disk). */
  readonly unpackedBytes: number;
  readonly bundleBytes: number;
  readonly bundledPackages: readonly string[];
  readonly baseCached: boolean;
  readonly ms: number;
}

/** The commit's time and id: what makes a build repeatable (SOURCE_DATE_EPOCH wins when set). */
export function sourceStamp(repo: string, env: NodeJS.ProcessEnv = process.env): { epoch: number; revision: string } {
  const git = (...args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && !/^\d+$/.test(fromEnv)) throw new Error(`SOURCE_DATE_EPOCH: "${fromEnv}" is not a number of seconds`);
  const epoch = fromEnv !== undefined ? Number(fromEnv) : Number(git('log', '-1', '--format=%ct'));
  if (!epoch && fromEnv === undefined) throw new Error(`${repo}: not a git checkout with a commit; set SOURCE_DATE_EPOCH to build an image from it`);
  const head = git('rev-parse', 'HEAD');
  const dirty = head && git('status', '--porcelain', '--untracked-files=no') !== '' ? '-dirty' : '';
  return { epoch, revision: head ? head + dirty : 'unknown' };
}

function loadDescriptor(repo: string, service: string): ServiceDescriptor {
  const src = join(repo, 'generated', service, 'src');
  if (!existsSync(join(src, 'main.ts'))) throw new Error(`${relative(repo, join(src, 'main.ts'))}: missing; run \`npm run generate -- ${service}\` first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(src, 'service')) as { service: ServiceDescriptor }).service;
}

export async function buildImage(o: { service: string; repo?: string; outDir?: string; cacheRoot?: string; progress?: Progress; env?: NodeJS.ProcessEnv }): Promise<BuiltImage> {
  const started = Date.now();
  const repo = o.repo ?? REPO_ROOT;
  const progress = o.progress ?? ((line: string) => process.stderr.write(line + '\n'));
  const descriptor = loadDescriptor(repo, o.service);
  const name = imageName(o.service, packageVersion);
  const stamp = sourceStamp(repo, o.env);

  const base = await baseLayers({ lock: readBaseLock(), cacheRoot: o.cacheRoot ?? cacheRoot(o.env), progress });
  const app = await withProgress('bundling', progress, () => bundle({ repo, service: o.service }));
  const appLayer = await layer([{ type: 'file', path: ENTRY_PATH.slice(1), mode: 0o644, data: app.code }], stamp.epoch, `esbuild bundle of generated/${o.service}/src/main.ts -> ${ENTRY_PATH}`);
  const layers: Layer[] = [...base.layers, appLayer];

  const img = image(
    {
      name,
      created: stamp.epoch,
      ...IMAGE_RUNTIME,
      labels: {
        'org.opencontainers.image.title': `ack-ts ${o.service} controller`,
        'org.opencontainers.image.version': packageVersion,
        'org.opencontainers.image.revision': stamp.revision,
        'org.opencontainers.image.licenses': 'Apache-2.0',
        'services.k8s.aws/service': o.service,
        'services.k8s.aws/sdk-package': descriptor.sdk.package,
      },
    },
    layers,
  );

  // A relative --out is the caller's, like every path option; the default lives in the repository.
  const outDir = o.outDir ? userPath(o.outDir, o.env) : join(repo, DEFAULT_OUT_DIR);
  const archive = join(outDir, `${archiveBase(o.service, packageVersion)}.oci.tar`);
  writeAtomically(archive, ociArchive(img, stamp.epoch));
  // The same layers as a Docker build context for generated/<service>/Dockerfile.
  const context = join(outDir, `${archiveBase(o.service, packageVersion)}.layers`);
  const [debian, node] = base.layers;
  if (!debian || !node) throw new Error('the base has fewer layers than the Dockerfile adds');
  for (const [file, l] of [[LAYER_FILES.debian, debian], [LAYER_FILES.node, node], [LAYER_FILES.app, appLayer]] as const) writeAtomically(join(context, file), l.blob.data);

  return {
    name,
    digest: img.manifest.digest,
    archive,
    context,
    compressedBytes: img.config.size + img.manifest.size + layers.reduce((n, l) => n + l.blob.size, 0),
    unpackedBytes: layers.reduce((n, l) => n + l.unpackedSize, 0),
    bundleBytes: app.code.length,
    bundledPackages: app.packages,
    baseCached: base.cached,
    ms: Date.now() - started,
  };
}

function writeAtomically(file: string, data: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** One line per image; the archive's path relative to where the user ran the command. */
export function summary(b: BuiltImage, cwd = userCwd()): string {
  return `${b.name} ${b.digest} → ${relative(cwd, b.archive)} (${mib(b.compressedBytes)} compressed, ${mib(b.unpackedBytes)} unpacked, bundle ${mib(b.bundleBytes)}; base ${b.baseCached ? 'cached' : 'built'}; ${seconds(b.ms)})`;
}
