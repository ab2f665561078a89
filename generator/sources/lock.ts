import { readFileSync } from 'node:fs';
import { GeneratorError } from '../errors';
import { isObject } from '../smithy/json';

/** api-models/models.lock.json: the upstream model file each shipped service is generated from. */
export interface ModelsLock {
  /** GitHub owner/name of the upstream layout, "aws/api-models-aws". */
  repository: string;
  /** Commit or ref the pins were taken from ("main" when unknown). */
  ref: string;
  /** Keyed by service name, i.e. the upstream folder name ("sagemaker"). */
  services: Record<string, LockedModel>;
}

export interface LockedModel {
  /** Path in the upstream layout: "<sdk-id>/service/<version>/<sdk-id>-<version>.json". */
  path: string;
  sha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Validates the lock file's JSON text. */
export function parseLock(text: string, file: string): ModelsLock {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new GeneratorError({ file }, `invalid JSON: ${(e as Error).message}`);
  }
  const fail = (at: string | undefined, message: string): never => {
    throw new GeneratorError(at === undefined ? { file } : { file, at }, message);
  };
  if (!isObject(doc)) return fail(undefined, 'the lock file must be a JSON object');
  for (const key of ['repository', 'ref'] as const) {
    if (typeof doc[key] !== 'string' || doc[key] === '') fail(key, 'must be a non-empty string');
  }
  if (!isObject(doc.services)) return fail('services', 'must be an object of {path, sha256} by service name');
  const services: Record<string, LockedModel> = {};
  for (const [name, entry] of Object.entries(doc.services)) {
    const at = `services.${name}`;
    if (!isObject(entry)) return fail(at, 'must be {path, sha256}');
    if (typeof entry.path !== 'string' || !entry.path.startsWith(`${name}/service/`) || entry.path.includes('..')) {
      fail(`${at}.path`, `must be "${name}/service/<version>/<file>.json" (the api-models-aws layout)`);
    }
    if (typeof entry.sha256 !== 'string' || !SHA256.test(entry.sha256)) {
      fail(`${at}.sha256`, 'must be 64 lower-case hex digits');
    }
    services[name] = { path: entry.path as string, sha256: entry.sha256 as string };
  }
  return { repository: doc.repository as string, ref: doc.ref as string, services };
}

/** Stable text for the lock file: services sorted, two-space indent, trailing newline. */
export function formatLock(lock: ModelsLock): string {
  const services = Object.fromEntries(
    Object.keys(lock.services)
      .sort()
      .map((name) => [name, { path: lock.services[name]!.path, sha256: lock.services[name]!.sha256 }]),
  );
  return `${JSON.stringify({ repository: lock.repository, ref: lock.ref, services }, null, 2)}\n`;
}

export function readLock(file: string): ModelsLock {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new GeneratorError({ file }, `cannot read the models lock file: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  return parseLock(text, file);
}
