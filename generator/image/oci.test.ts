import { gunzipSync } from 'node:zlib';
import { image, layer, MEDIA, ociArchive, sha256, type ImageConfig } from './oci';

const config: ImageConfig = {
  name: 'ack-ts/demo-controller:0.1.0',
  created: 1_700_000_000,
  user: '1000:1000',
  env: ['NODE_ENV=production'],
  entrypoint: ['/usr/local/bin/node', '/app/main.js'],
  workingDir: '/app',
  exposedPorts: ['8080/tcp'],
  labels: { 'org.opencontainers.image.version': '0.1.0' },
};

describe('oci', () => {
  it('builds the same digest twice from the same inputs, and another when a byte changes', async () => {
    const make = async (body: string) => image(config, [await layer([{ type: 'file', path: 'app/main.js', mode: 0o644, data: Buffer.from(body) }], 0, 'app')]);
    const [a, b, c] = [await make('x'), await make('x'), await make('y')];
    expect(a.manifest.digest).toBe(b.manifest.digest);
    expect(a.manifest.digest).not.toBe(c.manifest.digest);
    expect(ociArchive(a, 5).equals(ociArchive(b, 5))).toBe(true);
  });

  it('ties config, manifest and layers together by digest as image-spec says', async () => {
    const l = await layer([{ type: 'file', path: 'app/main.js', mode: 0o644, data: Buffer.from('x') }], 0, 'bundle');
    const img = image(config, [l]);
    expect(l.diffId).toBe(sha256(gunzipSync(l.blob.data)));
    const cfg = JSON.parse(img.config.data.toString());
    expect(cfg).toMatchObject({
      created: '2023-11-14T22:13:20Z',
      architecture: 'amd64',
      os: 'linux',
      config: { User: '1000:1000', Entrypoint: config.entrypoint, ExposedPorts: { '8080/tcp': {} } },
      rootfs: { type: 'layers', diff_ids: [l.diffId] },
      history: [{ created_by: 'bundle' }],
    });
    const manifest = JSON.parse(img.manifest.data.toString());
    expect(manifest.config).toEqual({ mediaType: MEDIA.config, digest: img.config.digest, size: img.config.size });
    expect(manifest.layers).toEqual([{ mediaType: MEDIA.layer, digest: l.blob.digest, size: l.blob.size }]);
    const archive = ociArchive(img, 0).toString('latin1');
    expect(archive).toContain('"org.opencontainers.image.ref.name":"ack-ts/demo-controller:0.1.0"');
    expect(archive).toContain(`blobs/sha256/${img.manifest.digest.slice(7)}`);
  });
});
