import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { baseKey, BASE_LOCK_PATH, type BaseLock, type DebPin, type NodePin } from './base-lock';
import { blob, layer, MEDIA, type Layer } from './oci';
import { type Progress, withProgress } from './progress';
import { keepDebPath, NODE_PATH, systemEntries } from './rootfs';
import type { TarEntry } from './tar';

const run = promisify(execFile);

/** Base layers carry this mtime: they depend on the pins alone, never on the commit being built. */
export const BASE_MTIME = 0;

/** What `README.md` tells a new machine to run; named in every "missing tool" error. */
export const INSTALL_HINT = 'see README.md "Set up" (apt-get install ...)';

interface CachedLayer {
  readonly file: string;
  readonly digest: string;
  readonly size: number;
  readonly diffId: string;
  readonly unpackedSize: number;
  readonly createdBy: string;
}

/**
 * The base layers (Debian's libraries, then Node), from `<cache>/image/base-<key>/` when built
 * before, else from the pinned packages (each download checked against its pin and cached).
 */
export async function baseLayers(o: { lock: BaseLock; cacheRoot: string; progress: Progress }): Promise<{ layers: Layer[]; cached: boolean }> {
  const dir = join(o.cacheRoot, 'image', `base-${baseKey(o.lock)}`);
  const index = join(dir, 'layers.json');
  if (existsSync(index)) {
    const cached = JSON.parse(readFileSync(index, 'utf8')) as CachedLayer[];
    return { layers: cached.map((c) => fromCache(dir, c)), cached: true };
  }
  const work = mkdtempSync(join(tmpdir(), 'ack-ts-image-base-'));
  try {
    const debs = await withProgress('fetching Debian packages', o.progress, () => fetchDebs(o.lock.debs, join(o.cacheRoot, 'image', 'debs'), work, o.progress));
    const libs = await withProgress('compressing the Debian layer', o.progress, async () =>
      layer([...(await debEntries(debs, work)), ...systemEntries()], BASE_MTIME, `debian ${o.lock.debian}: ${o.lock.debs.map((d) => `${d.package} ${d.version}`).join(', ')}`),
    );
    const tgz = await withProgress(`fetching ${o.lock.node.package}@${o.lock.node.version}`, o.progress, () => fetchNode(o.lock.node, join(o.cacheRoot, 'image', 'npm'), work));
    const node = await withProgress('compressing the Node layer', o.progress, async () =>
      layer(await nodeEntries(tgz, work), BASE_MTIME, `npm ${o.lock.node.package}@${o.lock.node.version} (Node's official build) -> ${NODE_PATH}`),
    );
    saveToCache(dir, [libs, node]);
    return { layers: [libs, node], cached: false };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function fromCache(dir: string, c: CachedLayer): Layer {
  const data = readFileSync(join(dir, c.file));
  const b = blob(MEDIA.layer, data);
  if (b.digest !== c.digest) throw new Error(`${join(dir, c.file)}: digest ${b.digest} differs from ${c.digest} in layers.json; delete ${dir} to rebuild it`);
  return { blob: b, diffId: c.diffId, unpackedSize: c.unpackedSize, createdBy: c.createdBy };
}

function saveToCache(dir: string, layers: readonly Layer[]): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const index: CachedLayer[] = layers.map((l) => {
    const file = `${l.blob.digest.slice('sha256:'.length)}.tar.gz`;
    writeFileSync(join(tmp, file), l.blob.data);
    return { file, digest: l.blob.digest, size: l.blob.size, diffId: l.diffId, unpackedSize: l.unpackedSize, createdBy: l.createdBy };
  });
  writeFileSync(join(tmp, 'layers.json'), JSON.stringify(index, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

const sha256Hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

async function fetchDebs(pins: readonly DebPin[], cacheDir: string, work: string, progress: Progress): Promise<string[]> {
  mkdirSync(cacheDir, { recursive: true });
  const files: string[] = [];
  for (const pin of pins) {
    const cached = join(cacheDir, `${pin.sha256}.deb`);
    if (!existsSync(cached)) {
      const dl = mkdtempSync(join(work, 'apt-'));
      const spec = `${pin.package}=${pin.version}`;
      try {
        // As root apt drops to the _apt user unless told otherwise; the temp dir is ours.
        await run('apt-get', ['download', '-q', '-o', 'APT::Sandbox::User=root', spec], { cwd: dl });
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { stderr?: string };
        if (err.code === 'ENOENT') throw new Error(`apt-get not found: the image's base is made of Debian packages; build it on Debian (${INSTALL_HINT})`);
        const why = (err.stderr ?? err.message).trim().split('\n').pop();
        throw new Error(`apt-get download ${spec} failed: ${why}. Run \`apt-get update\` (${INSTALL_HINT}); if Debian no longer serves that version, bump it in ${BASE_LOCK_PATH}`);
      }
      const [deb] = readdirSync(dl).filter((f) => f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download ${spec} wrote no .deb`);
      const data = readFileSync(join(dl, deb));
      const got = sha256Hex(data);
      if (got !== pin.sha256) throw new Error(`${spec}: sha256 ${got} differs from the pin ${pin.sha256} in ${BASE_LOCK_PATH}`);
      writeFileSync(`${cached}.tmp`, data);
      renameSync(`${cached}.tmp`, cached);
      progress(`[image] fetched ${spec} (${(data.length / 1024).toFixed(0)} KiB)`);
    } else if (sha256Hex(readFileSync(cached)) !== pin.sha256) {
      throw new Error(`${cached}: sha256 differs from its name; delete it to download ${pin.package} again`);
    }
    files.push(cached);
  }
  return files;
}

async function debEntries(debs: readonly string[], work: string): Promise<TarEntry[]> {
  const root = join(work, 'debs-root');
  mkdirSync(root, { recursive: true });
  for (const deb of debs) {
    try {
      await run('dpkg-deb', ['-x', deb, root]);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`dpkg-deb not found: it unpacks the base image's Debian packages (${INSTALL_HINT})`);
      throw new Error(`dpkg-deb -x ${deb}: ${(e as Error).message}`);
    }
  }
  return treeEntries(root).filter((e) => keepDebPath(e.path));
}

/** Files and symlinks under `root`, with their modes; directories come back from the tar writer. */
function treeEntries(root: string, rel = ''): TarEntry[] {
  const out: TarEntry[] = [];
  for (const name of readdirSync(join(root, rel))) {
    const path = rel ? `${rel}/${name}` : name;
    const full = join(root, path);
    const st = lstatSync(full);
    if (st.isSymbolicLink()) out.push({ type: 'symlink', path, target: readlinkSync(full) });
    else if (st.isDirectory()) out.push(...treeEntries(root, path));
    else if (st.isFile()) out.push({ type: 'file', path, mode: st.mode & 0o7777, data: readFileSync(full) });
  }
  return out;
}

async function fetchNode(pin: NodePin, cacheDir: string, work: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const cached = join(cacheDir, `${pin.package}-${pin.version}.tgz`);
  const integrity = (file: string): string => `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
  if (existsSync(cached) && integrity(cached) === pin.integrity) return cached;
  const dl = mkdtempSync(join(work, 'npm-'));
  try {
    await run('npm', ['pack', '--silent', '--pack-destination', dl, `${pin.package}@${pin.version}`], { cwd: dl });
  } catch (e) {
    throw new Error(`npm pack ${pin.package}@${pin.version} failed: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').pop()}`);
  }
  const [tgz] = readdirSync(dl).filter((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack ${pin.package}@${pin.version} wrote no tarball`);
  const got = integrity(join(dl, tgz));
  if (got !== pin.integrity) throw new Error(`${pin.package}@${pin.version}: integrity ${got} differs from the pin in ${BASE_LOCK_PATH}`);
  copyFileSync(join(dl, tgz), `${cached}.tmp`); // the temp dir may be on another filesystem
  renameSync(`${cached}.tmp`, cached);
  return cached;
}

async function nodeEntries(tgz: string, work: string): Promise<TarEntry[]> {
  const dir = join(work, 'node');
  mkdirSync(dir, { recursive: true });
  await run('tar', ['-xzf', tgz, '-C', dir, 'package/bin/node', 'package/LICENSE']);
  return [
    { type: 'file', path: NODE_PATH.slice(1), mode: 0o755, data: readFileSync(join(dir, 'package', 'bin', 'node')) },
    { type: 'file', path: 'usr/local/share/doc/node/LICENSE', mode: 0o644, data: readFileSync(join(dir, 'package', 'LICENSE')) },
  ];
}
