import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ImageRuntime } from './spec';
import { tar, type TarEntry } from './tar';

/**
 * OCI image layout (image-spec v1.1) from layer tars: gzip blobs, the image config, the
 * manifest and index.json, and the archive that `podman load` / `skopeo copy oci-archive:` read.
 * Nothing here reads a clock or the environment: equal inputs give an equal digest.
 */

export const MEDIA = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

export interface Blob {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly data: Buffer;
}

/** A layer: its compressed blob, the digest of its uncompressed tar (the config's diff_id) and what made it. */
export interface Layer {
  readonly blob: Blob;
  readonly diffId: string;
  readonly unpackedSize: number;
  readonly createdBy: string;
}

export interface ImageConfig extends ImageRuntime {
  /** repository:tag, e.g. ack-ts/sagemaker-controller:0.1.0 */
  readonly name: string;
  /** Seconds since the epoch; SOURCE_DATE_EPOCH, so it is the commit's time, not the build's. */
  readonly created: number;
  readonly labels: Readonly<Record<string, string>>;
}

export interface OciImage {
  readonly name: string;
  readonly manifest: Blob;
  readonly config: Blob;
  readonly layers: readonly Layer[];
}

export const sha256 = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export function blob(mediaType: string, data: Buffer): Blob {
  return { mediaType, digest: sha256(data), size: data.length, data };
}

const gzipAsync = promisify(gzip);

/**
 * gzip as Node's zlib writes it (no name, mtime 0), so only the bytes matter. Asynchronous so a
 * progress timer keeps ticking while a 120 MB layer compresses.
 */
export async function layer(entries: readonly TarEntry[], mtime: number, createdBy: string): Promise<Layer> {
  const raw = tar(entries, mtime);
  return { blob: blob(MEDIA.layer, await gzipAsync(raw, { level: 9 })), diffId: sha256(raw), unpackedSize: raw.length, createdBy };
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

export function image(cfg: ImageConfig, layers: readonly Layer[]): OciImage {
  const created = iso(cfg.created);
  const config = blob(
    MEDIA.config,
    json({
      created,
      architecture: 'amd64',
      os: 'linux',
      config: {
        User: cfg.user,
        Env: cfg.env,
        Entrypoint: cfg.entrypoint,
        WorkingDir: cfg.workingDir,
        ExposedPorts: Object.fromEntries(cfg.exposedPorts.map((p) => [p, {}])),
        Labels: cfg.labels,
      },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map((l) => ({ created, created_by: l.createdBy })),
    }),
  );
  const manifest = blob(
    MEDIA.manifest,
    json({
      schemaVersion: 2,
      mediaType: MEDIA.manifest,
      config: descriptor(config),
      layers: layers.map((l) => descriptor(l.blob)),
      annotations: { 'org.opencontainers.image.created': created },
    }),
  );
  return { name: cfg.name, manifest, config, layers };
}

function descriptor(b: Blob): { mediaType: string; digest: string; size: number } {
  return { mediaType: b.mediaType, digest: b.digest, size: b.size };
}

/** The image as an OCI archive (a tar of the layout), tagged with its name for `podman load`. */
export function ociArchive(img: OciImage, mtime: number): Buffer {
  const index = json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ ...descriptor(img.manifest), platform: { architecture: 'amd64', os: 'linux' }, annotations: { 'org.opencontainers.image.ref.name': img.name } }],
  });
  const blobs = [img.config, img.manifest, ...img.layers.map((l) => l.blob)];
  const unique = new Map(blobs.map((b) => [b.digest, b]));
  return tar(
    [
      { type: 'file', path: 'oci-layout', mode: 0o644, data: json({ imageLayoutVersion: '1.0.0' }) },
      { type: 'file', path: 'index.json', mode: 0o644, data: index },
      ...[...unique.values()].map((b): TarEntry => ({ type: 'file', path: `blobs/sha256/${b.digest.slice('sha256:'.length)}`, mode: 0o644, data: b.data })),
    ],
    mtime,
  );
}
