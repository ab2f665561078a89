import { keepDebPath, systemEntries } from './rootfs';

describe('rootfs', () => {
  it.each([
    ['lib/x86_64-linux-gnu/libc.so.6', true],
    ['lib64/ld-linux-x86-64.so.2', true],
    ['usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30', true],
    ['usr/share/doc/libc6/copyright', true],
    ['usr/share/doc/libstdc++6', true],
    ['usr/lib/x86_64-linux-gnu/gconv/UTF-16.so', false],
    ['usr/share/doc/libc6/changelog.Debian.gz', false],
    ['usr/share/gdb/auto-load/x.py', false],
    ['usr/share/lintian/overrides/libc6', false],
  ])('%s kept: %s', (path, kept) => {
    expect(keepDebPath(path)).toBe(kept);
  });

  it('has a non-root user 1000 and no shell', () => {
    const passwd = systemEntries().find((e) => e.path === 'etc/passwd');
    expect(passwd?.type === 'file' && passwd.data.toString()).toMatch(/^controller:x:1000:1000:.*:\/sbin\/nologin$/m);
  });
});
