import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userPath } from '../../runtime/user-path';
import { GeneratorError } from '../errors';
import { sha256Hex } from './hash';
import { modelUrl } from './layout';
import type { ModelsLock } from './lock';

export type ModelsDirSource = '--models-dir' | 'ACK_TS_MODELS_DIR' | 'cache';

/** The part of fetch we use, so tests can inject one. */
export type Fetch = (
  url: string,
  init: { signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; statusText: string; arrayBuffer(): Promise<ArrayBuffer> }>;

export interface ResolveModelsDirOptions {
  /** --models-dir DIR */
  flag?: string;
  env: NodeJS.ProcessEnv;
  /** ~/.cache/ack-ts/api-models; filled with the locked files when neither flag nor env is set. */
  cacheDir: string;
  /** The files to download into the cache. Without it the cache is used as it is. */
  lock?: ModelsLock;
  fetch?: Fetch;
  /** Per download; 10 s. */
  timeoutMs?: number;
  /** Instead of https://raw.githubusercontent.com (tests). */
  baseUrl?: string;
  /** Called before each download, e.g. to print a progress line. */
  onDownload?: (url: string) => void;
}

export const LOCAL_COPY_HINT =
  'point at a local copy of github.com/aws/api-models-aws with --models-dir DIR or ACK_TS_MODELS_DIR=DIR';

/**
 * Which directory to use and why, in the order --models-dir, ACK_TS_MODELS_DIR, cache. A relative
 * flag or variable is relative to the directory the user ran the command in.
 */
export function chooseModelsDir(opts: Pick<ResolveModelsDirOptions, 'flag' | 'env' | 'cacheDir'>): {
  dir: string;
  source: ModelsDirSource;
} {
  if (opts.flag) return { dir: userPath(opts.flag, opts.env), source: '--models-dir' };
  const env = opts.env.ACK_TS_MODELS_DIR;
  if (env) return { dir: userPath(env, opts.env), source: 'ACK_TS_MODELS_DIR' };
  return { dir: resolve(opts.cacheDir), source: 'cache' };
}

/** The models directory to read from; for the cache, downloads the locked files it lacks. */
export async function resolveModelsDir(opts: ResolveModelsDirOptions): Promise<string> {
  const { dir, source } = chooseModelsDir(opts);
  if (source !== 'cache') {
    if (!isDir(dir)) {
      throw new GeneratorError({ file: dir, at: source }, 'not a directory', LOCAL_COPY_HINT);
    }
    return dir;
  }
  if (opts.lock) await fillCache(dir, opts.lock, opts);
  return dir;
}

async function fillCache(cacheDir: string, lock: ModelsLock, opts: ResolveModelsDirOptions): Promise<void> {
  for (const service of Object.keys(lock.services).sort()) {
    const { path, sha256 } = lock.services[service]!;
    const target = join(cacheDir, path);
    if (existsSync(target) && sha256Hex(readFileSync(target)) === sha256) continue;
    const url = modelUrl(lock.repository, lock.ref, path, opts.baseUrl);
    opts.onDownload?.(url);
    const data = await download(url, service, opts.fetch ?? fetch, opts.timeoutMs ?? 10_000);
    const actual = sha256Hex(data);
    if (actual !== sha256) {
      throw new GeneratorError(
        { file: url },
        `sha256 mismatch for the downloaded ${service} model: expected ${sha256}, got ${actual}`,
        `the lock's ref "${lock.ref}" no longer serves the pinned file; pin a commit, or ${LOCAL_COPY_HINT}`,
      );
    }
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, target); // never leave a half-written model where the next run would trust it
  }
}

async function download(url: string, service: string, fetchFn: Fetch, timeoutMs: number): Promise<Uint8Array> {
  const failed = (reason: string) =>
    new GeneratorError({ file: url }, `cannot download the pinned ${service} model: ${reason}`, LOCAL_COPY_HINT);
  let res: Awaited<ReturnType<Fetch>>;
  try {
    res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw failed(`HTTP ${res.status} ${res.statusText}`.trim());
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    if (e instanceof GeneratorError) throw e;
    throw failed(fetchFailure(e, timeoutMs));
  }
}

/** One short reason from fetch's nested errors ("fetch failed" hides the cause). */
export function fetchFailure(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timed out after ${timeoutMs / 1000} s`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return cause ? `${err.message ?? 'fetch failed'} (${cause})` : (err?.message ?? String(e));
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
