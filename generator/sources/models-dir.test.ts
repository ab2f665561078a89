import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GeneratorError } from '../errors';
import { sha256Hex } from './hash';
import type { ModelsLock } from './lock';
import { chooseModelsDir, type Fetch, fetchFailure, resolveModelsDir } from './models-dir';
import { modelsDirWith, tinyModel } from './test-fixtures';

const MODEL = tinyModel('foo');
const PATH = 'foo/service/2019-01-01/foo-2019-01-01.json';
const LOCK: ModelsLock = {
  repository: 'aws/api-models-aws',
  ref: 'main',
  services: { foo: { path: PATH, sha256: sha256Hex(MODEL) } },
};
const HINT =
  '(point at a local copy of github.com/aws/api-models-aws with --models-dir DIR or ACK_TS_MODELS_DIR=DIR)';

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GeneratorError) return e.format();
    throw e;
  }
  throw new Error('expected a GeneratorError');
}

const emptyCache = () => join(mkdtempSync(join(tmpdir(), 'ack-ts-cache-')), 'api-models');
const respond = (body: string, status = 200): Fetch =>
  jest.fn(async () => ({
    ok: status === 200,
    status,
    statusText: status === 200 ? 'OK' : 'Not Found',
    arrayBuffer: async () => new TextEncoder().encode(body).buffer as ArrayBuffer,
  }));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('chooseModelsDir', () => {
  it('orders --models-dir, ACK_TS_MODELS_DIR, cache', () => {
    const env = { ACK_TS_MODELS_DIR: '/env/models' };
    expect(chooseModelsDir({ flag: 'rel/dir', env, cacheDir: '/c' })).toEqual({ dir: resolve('rel/dir'), source: '--models-dir' });
    expect(chooseModelsDir({ env, cacheDir: '/c' })).toEqual({ dir: '/env/models', source: 'ACK_TS_MODELS_DIR' });
    expect(chooseModelsDir({ env: { ACK_TS_MODELS_DIR: '' }, cacheDir: '/c' })).toEqual({ dir: '/c', source: 'cache' });
    expect(chooseModelsDir({ flag: '', env: {}, cacheDir: '/c' })).toEqual({ dir: '/c', source: 'cache' });
  });

  it('makes a relative flag or ACK_TS_MODELS_DIR absolute against the current directory', () => {
    expect(chooseModelsDir({ env: { ACK_TS_MODELS_DIR: '../shared/api-models' }, cacheDir: '/c' }).dir).toBe(resolve('../shared/api-models'));
    const npm = { INIT_CWD: '/home/u/repo/sub', npm_package_json: resolve('package.json') };
    expect(chooseModelsDir({ flag: 'm', env: npm, cacheDir: '/c' }).dir).toBe('/home/u/repo/sub/m');
    expect(chooseModelsDir({ env: { ...npm, ACK_TS_MODELS_DIR: '../m' }, cacheDir: '/c' }).dir).toBe('/home/u/repo/m');
  });
});

describe('resolveModelsDir', () => {
  const local = modelsDirWith({ [PATH]: MODEL });

  it('uses --models-dir or ACK_TS_MODELS_DIR as given, without downloading', async () => {
    const fetch = respond(MODEL);
    expect(await resolveModelsDir({ flag: local, env: { ACK_TS_MODELS_DIR: '/x' }, cacheDir: '/c', lock: LOCK, fetch })).toBe(local);
    expect(await resolveModelsDir({ env: { ACK_TS_MODELS_DIR: local }, cacheDir: '/c', lock: LOCK, fetch })).toBe(local);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a flag or env dir that does not exist is a one-line error', async () => {
    expect(await errorOf(resolveModelsDir({ flag: '/no/such/dir', env: {}, cacheDir: '/c' }))).toBe(
      `/no/such/dir: --models-dir: not a directory ${HINT}`,
    );
    expect(await errorOf(resolveModelsDir({ env: { ACK_TS_MODELS_DIR: '/no/such' }, cacheDir: '/c' }))).toBe(
      `/no/such: ACK_TS_MODELS_DIR: not a directory ${HINT}`,
    );
  });

  it('fills the cache with the pinned files, verified, then reuses them', async () => {
    const cacheDir = emptyCache();
    const fetch = respond(MODEL);
    const seen: string[] = [];
    expect(await resolveModelsDir({ env: {}, cacheDir, lock: LOCK, fetch, onDownload: (u) => seen.push(u) })).toBe(cacheDir);
    const url = `https://raw.githubusercontent.com/aws/api-models-aws/main/${PATH}`;
    expect(seen).toEqual([url]);
    expect(fetch).toHaveBeenCalledWith(url, expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(readFileSync(join(cacheDir, PATH), 'utf8')).toBe(MODEL);
    await resolveModelsDir({ env: {}, cacheDir, lock: LOCK, fetch });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a downloaded file with the wrong hash is rejected and not cached', async () => {
    const cacheDir = emptyCache();
    const url = `https://raw.githubusercontent.com/aws/api-models-aws/main/${PATH}`;
    expect(await errorOf(resolveModelsDir({ env: {}, cacheDir, lock: LOCK, fetch: respond('{}') }))).toBe(
      `${url}: sha256 mismatch for the downloaded foo model: expected ${LOCK.services.foo!.sha256}, got ${sha256Hex('{}')} ` +
        `(the lock's ref "main" no longer serves the pinned file; pin a commit, or point at a local copy of ` +
        'github.com/aws/api-models-aws with --models-dir DIR or ACK_TS_MODELS_DIR=DIR)',
    );
    expect(existsSync(join(cacheDir, PATH))).toBe(false);
  });

  it('HTTP errors and timeouts are one line pointing at a local copy', async () => {
    const url = `https://raw.githubusercontent.com/aws/api-models-aws/main/${PATH}`;
    expect(await errorOf(resolveModelsDir({ env: {}, cacheDir: emptyCache(), lock: LOCK, fetch: respond('', 404) }))).toBe(
      `${url}: cannot download the pinned foo model: HTTP 404 Not Found ${HINT}`,
    );
    const hang: Fetch = (_url, { signal }) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    expect(await errorOf(resolveModelsDir({ env: {}, cacheDir: emptyCache(), lock: LOCK, fetch: hang, timeoutMs: 50 }))).toBe(
      `${url}: cannot download the pinned foo model: timed out after 0.05 s ${HINT}`,
    );
  });

  it('offline (real fetch, closed loopback port): one clear line saying how to point at a local copy', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const line = await errorOf(resolveModelsDir({ env: {}, cacheDir: emptyCache(), lock: LOCK, baseUrl: base }));
    expect(line).toBe(`${base}/aws/api-models-aws/main/${PATH}: cannot download the pinned foo model: fetch failed (ECONNREFUSED) ${HINT}`);
    expect(line).not.toContain('\n');
  });

  it('without a lock the cache dir is returned as is', async () => {
    const cacheDir = emptyCache();
    expect(await resolveModelsDir({ env: {}, cacheDir })).toBe(cacheDir);
  });

  it('fetchFailure summarises nested fetch errors', () => {
    expect(fetchFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }), 10_000)).toBe(
      'fetch failed (ENOTFOUND)',
    );
    expect(fetchFailure(new DOMException('x', 'TimeoutError'), 10_000)).toBe('timed out after 10 s');
    expect(fetchFailure(new Error('boom'), 10_000)).toBe('boom');
  });
});
