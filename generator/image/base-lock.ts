import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

/** generator/image/base.lock.json: the Debian packages and the Node build every image starts from. */
export const BASE_LOCK_PATH = join(REPO_ROOT, 'generator', 'image', 'base.lock.json');

export interface DebPin {
  readonly package: string;
  readonly version: string;
  readonly sha256: string;
}

export interface NodePin {
  readonly package: string;
  readonly version: string;
  /** The npm registry's `dist.integrity` (sha512, base64). */
  readonly integrity: string;
}

export interface BaseLock {
  readonly debian: string;
  readonly debs: readonly DebPin[];
  readonly node: NodePin;
}

/**
 * Changes whenever what the base layers are made of changes, beyond the pins: the file selection,
 * /etc contents, tar or gzip settings. Part of the cache key.
 */
export const BASE_FORMAT = 1;

export function parseBaseLock(text: string, file = BASE_LOCK_PATH): BaseLock {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const obj = (v: unknown, where: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${file}: ${where} must be an object`);
    return v as Record<string, unknown>;
  };
  const str = (o: Record<string, unknown>, key: string, where: string, pattern?: RegExp): string => {
    const v = o[key];
    if (typeof v !== 'string' || !v) throw new Error(`${file}: ${where}.${key} must be a non-empty string`);
    if (pattern && !pattern.test(v)) throw new Error(`${file}: ${where}.${key} "${v}" does not match ${pattern}`);
    return v;
  };
  const top = obj(raw, '(top level)');
  if (!Array.isArray(top.debs) || top.debs.length === 0) throw new Error(`${file}: debs must be a non-empty array`);
  const debs = top.debs.map((d, i) => {
    const o = obj(d, `debs[${i}]`);
    return { package: str(o, 'package', `debs[${i}]`), version: str(o, 'version', `debs[${i}]`), sha256: str(o, 'sha256', `debs[${i}]`, /^[0-9a-f]{64}$/) };
  });
  const node = obj(top.node, 'node');
  return {
    debian: str(top, 'debian', '(top level)'),
    debs,
    node: { package: str(node, 'package', 'node'), version: str(node, 'version', 'node'), integrity: str(node, 'integrity', 'node', /^sha512-[A-Za-z0-9+/]+=*$/) },
  };
}

export function readBaseLock(file = BASE_LOCK_PATH): BaseLock {
  return parseBaseLock(readFileSync(file, 'utf8'), file);
}

/** The cache key of the base layers: the pins and the format, nothing else. */
export function baseKey(lock: BaseLock): string {
  return createHash('sha256')
    .update(JSON.stringify({ format: BASE_FORMAT, debian: lock.debian, debs: lock.debs, node: lock.node }))
    .digest('hex')
    .slice(0, 16);
}
