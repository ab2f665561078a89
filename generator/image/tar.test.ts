import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentDirs, tar, withParents, type TarEntry } from './tar';

const file = (path: string, body: string, mode = 0o644): TarEntry => ({ type: 'file', path, mode, data: Buffer.from(body) });

describe('tar', () => {
  it('gives the same bytes for the same entries in any order', () => {
    const a = [file('b/x', '1'), file('a/y', '2'), { type: 'symlink', path: 'a/z', target: 'y' } as const];
    expect(tar(a, 100).equals(tar([...a].reverse(), 100))).toBe(true);
    expect(tar(a, 100).equals(tar(a, 101))).toBe(false);
  });

  it('adds parent directories and refuses duplicates and escaping paths', () => {
    expect(parentDirs('a/b/c')).toEqual(['a', 'a/b']);
    expect(withParents([file('a/b/c', '')]).map((e) => `${e.type}:${e.path}`).sort()).toEqual(['dir:a', 'dir:a/b', 'file:a/b/c']);
    expect(() => withParents([file('a', ''), file('./a', '')])).toThrow('tar: a appears twice');
    expect(() => tar([file('../etc/passwd', '')], 0)).toThrow('tar: bad path "../etc/passwd"');
  });

  it('is read back by GNU tar with modes, owners, symlinks, long paths and the fixed mtime', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ack-ts-tar-test-'));
    try {
      const long = `${'d'.repeat(120)}/${'f'.repeat(90)}`;
      const archive = join(dir, 'x.tar');
      writeFileSync(
        archive,
        tar(
          [
            file('usr/local/bin/node', '#!', 0o755),
            file(long, 'long'),
            { type: 'symlink', path: 'lib64/ld.so', target: '/lib/ld.so' },
            { type: 'dir', path: 'home/controller', mode: 0o750, uid: 1000, gid: 1000 },
          ],
          1_700_000_000,
        ),
      );
      const list = spawnSync('tar', ['--numeric-owner', '--full-time', '-tvf', archive], { encoding: 'utf8' });
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/^drwxr-x--- 1000\/1000 .* home\/controller\/$/m);
      expect(list.stdout).toMatch(/^-rwxr-xr-x 0\/0 +2 2023-11-14 \d\d:13:20 usr\/local\/bin\/node$/m);
      const out = join(dir, 'out');
      spawnSync('mkdir', [out]);
      expect(spawnSync('tar', ['-xf', archive, '-C', out]).status).toBe(0);
      expect(readFileSync(join(out, long), 'utf8')).toBe('long');
      expect(readlinkSync(join(out, 'lib64/ld.so'))).toBe('/lib/ld.so');
      expect(statSync(join(out, 'usr/local/bin/node')).mode & 0o777).toBe(0o755);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
