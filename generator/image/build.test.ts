import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../paths';
import { sourceStamp, summary, type BuiltImage } from './build';

describe('sourceStamp', () => {
  it("is the commit's time and id, so a rebuild of the same commit stamps the same", () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const time = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: REPO_ROOT, encoding: 'utf8' }));
    const stamp = sourceStamp(REPO_ROOT, {});
    expect(stamp.epoch).toBe(time);
    expect(stamp.revision.startsWith(head)).toBe(true);
  });

  it('takes SOURCE_DATE_EPOCH when set, and rejects one that is not seconds', () => {
    expect(sourceStamp(REPO_ROOT, { SOURCE_DATE_EPOCH: '1700000000' }).epoch).toBe(1_700_000_000);
    expect(() => sourceStamp(REPO_ROOT, { SOURCE_DATE_EPOCH: '2024-01-01' })).toThrow('SOURCE_DATE_EPOCH: "2024-01-01" is not a number of seconds');
  });
});

describe('summary', () => {
  it('names the image, digest, archive (relative to the user) and sizes', () => {
    const b: BuiltImage = {
      name: 'ack-ts/x-controller:0.1.0',
      digest: 'sha256:abc',
      archive: '/repo/build/images/x-controller-0.1.0.oci.tar',
      context: '/repo/build/images/x-controller-0.1.0.layers',
      compressedBytes: 46 * 1024 * 1024,
      unpackedBytes: 128 * 1024 * 1024,
      bundleBytes: 2.5 * 1024 * 1024,
      bundledPackages: [],
      baseCached: true,
      ms: 4200,
    };
    expect(summary(b, '/repo')).toBe('ack-ts/x-controller:0.1.0 sha256:abc → build/images/x-controller-0.1.0.oci.tar (46.0 MiB compressed, 128.0 MiB unpacked, bundle 2.5 MiB; base cached; 4.2 s)');
  });
});
