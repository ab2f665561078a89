import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors';
import { closestNames } from '../smithy/suggest';
import { sha256Hex } from './hash';
import { newestVersion, pickModelFile } from './layout';
import type { LockedModel, ModelsLock } from './lock';

/**
 * The model file for `service` under `modelsDir` (api-models-aws layout). A locked service
 * must be exactly the pinned file; any other service uses its newest version folder.
 */
export function locateModel(modelsDir: string, service: string, lock?: ModelsLock): string {
  const pinned = lock?.services[service];
  return pinned ? locatePinned(modelsDir, service, pinned) : locateNewest(modelsDir, service);
}

function locatePinned(modelsDir: string, service: string, pinned: LockedModel): string {
  const file = join(modelsDir, pinned.path);
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    throw new GeneratorError(
      { file },
      `the pinned ${service} model is missing`,
      `the models dir must hold aws/api-models-aws files, including ${pinned.path}`,
    );
  }
  const actual = sha256Hex(data);
  if (actual !== pinned.sha256) {
    throw new GeneratorError(
      { file },
      `sha256 mismatch for the pinned ${service} model: expected ${pinned.sha256}, got ${actual}`,
      'the local copy differs from api-models/models.lock.json; use the pinned revision or update the lock',
    );
  }
  return file;
}

function locateNewest(modelsDir: string, service: string): string {
  const serviceDir = join(modelsDir, service, 'service');
  if (!isDir(serviceDir)) {
    const near = closestNames(service, knownServices(modelsDir), { containment: true });
    throw new GeneratorError(
      { file: modelsDir },
      `no model for service "${service}"`,
      near.length
        ? `did you mean ${near.join(', ')}?`
        : 'service names are the folder names of aws/api-models-aws, e.g. sagemaker, sqs',
    );
  }
  const version = newestVersion(readdirSync(serviceDir).filter((v) => isDir(join(serviceDir, v))));
  const versionDir = version === undefined ? undefined : join(serviceDir, version);
  const file = versionDir && pickModelFile(service, version!, readdirSync(versionDir));
  if (!versionDir || !file) {
    throw new GeneratorError(
      { file: versionDir ?? serviceDir },
      `no ${service}-<version>.json model file found`,
      'expected <service>/service/<version>/<service>-<version>.json',
    );
  }
  return join(versionDir, file);
}

/** Folder names under modelsDir that hold a service/ folder. */
export function knownServices(modelsDir: string): string[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .filter((name) => isDir(join(modelsDir, name, 'service')))
    .sort();
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
