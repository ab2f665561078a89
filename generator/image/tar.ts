/**
 * A reproducible tar writer for image layers: entries sorted by path, owned by root (unless an
 * entry says otherwise), every timestamp the same. The same entries always give the same bytes,
 * which is what makes the layer digests (and so the image digest) depend on content alone.
 */

export type TarEntry =
  | { readonly type: 'file'; readonly path: string; readonly mode: number; readonly data: Buffer; readonly uid?: number; readonly gid?: number }
  | { readonly type: 'dir'; readonly path: string; readonly mode: number; readonly uid?: number; readonly gid?: number }
  | { readonly type: 'symlink'; readonly path: string; readonly target: string };

const BLOCK = 512;

/** `a/b/c` → `a`, `a/b`: the directories an entry lives in. */
export function parentDirs(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Adds missing parent directories (0755, root) so every path's directories are explicit entries. */
export function withParents(entries: readonly TarEntry[]): TarEntry[] {
  const byPath = new Map<string, TarEntry>();
  for (const e of entries) {
    const path = normalizePath(e.path);
    if (byPath.has(path)) throw new Error(`tar: ${path} appears twice`);
    byPath.set(path, { ...e, path });
  }
  for (const e of [...byPath.values()]) {
    for (const dir of parentDirs(e.path)) if (!byPath.has(dir)) byPath.set(dir, { type: 'dir', path: dir, mode: 0o755 });
  }
  return [...byPath.values()];
}

function normalizePath(path: string): string {
  const p = path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (!p || p.split('/').some((s) => s === '..' || s === '.' || s === '')) throw new Error(`tar: bad path "${path}"`);
  return p;
}

/** Bytewise order, as `sort` with LC_ALL=C: stable across locales and Node versions. */
function byPath(a: TarEntry, b: TarEntry): number {
  return Buffer.compare(Buffer.from(a.path), Buffer.from(b.path));
}

/** The tar archive of `entries` (parents added, sorted), every mtime `mtime` (seconds). */
export function tar(entries: readonly TarEntry[], mtime: number): Buffer {
  const chunks: Buffer[] = [];
  for (const e of withParents(entries).sort(byPath)) {
    const data = e.type === 'file' ? e.data : Buffer.alloc(0);
    chunks.push(header(e, data.length, mtime));
    if (data.length) {
      chunks.push(data);
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (pad) chunks.push(Buffer.alloc(pad));
    }
  }
  chunks.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(chunks);
}

/** ustar splits a long path into prefix (≤155) and name (≤100) at a slash. */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`tar: path too long for ustar: ${path}`);
}

function header(e: TarEntry, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = splitPath(e.type === 'dir' ? `${e.path}/` : e.path);
  const mode = e.type === 'symlink' ? 0o777 : e.mode;
  const uid = e.type === 'symlink' ? 0 : (e.uid ?? 0);
  const gid = e.type === 'symlink' ? 0 : (e.gid ?? 0);
  if (e.type === 'symlink' && Buffer.byteLength(e.target) > 100) throw new Error(`tar: symlink target too long: ${e.path} -> ${e.target}`);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, mode & 0o7777);
  octal(h, 108, 8, uid);
  octal(h, 116, 8, gid);
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtime);
  h.fill(' ', 148, 156); // checksum is computed with its own field as spaces
  h.write(e.type === 'file' ? '0' : e.type === 'dir' ? '5' : '2', 156, 1, 'ascii');
  if (e.type === 'symlink') h.write(e.target, 157, 100, 'utf8');
  h.write('ustar\u000000', 257, 8, 'ascii');
  h.write(uid === 0 ? 'root' : '', 265, 32, 'ascii');
  h.write(gid === 0 ? 'root' : '', 297, 32, 'ascii');
  octal(h, 329, 8, 0);
  octal(h, 337, 8, 0);
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, '0') + '\u0000 ', 148, 8, 'ascii');
  return h;
}

function octal(h: Buffer, offset: number, width: number, value: number): void {
  const s = value.toString(8);
  if (s.length > width - 1) throw new Error(`tar: value ${value} does not fit in ${width - 1} octal digits`);
  h.write(s.padStart(width - 1, '0') + '\u0000', offset, width, 'ascii');
}
