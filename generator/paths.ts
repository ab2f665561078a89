import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { userPath } from '../runtime/user-path';

/**
 * The repository root, found from this module's location. The generator also
 * runs from a bundle in .cache/, where __dirname differs, so paths must not be
 * computed as "__dirname + a fixed number of ../".
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'api-models'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the ack-ts repository above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const TEMPLATES_DIR = join(REPO_ROOT, 'templates');
export const API_MODELS_DIR = join(REPO_ROOT, 'api-models');

/**
 * Root of what ack-ts caches between runs (test binaries, moto, image base layers):
 * $ACK_TS_CACHE, else $XDG_CACHE_HOME/ack-ts, else ~/.cache/ack-ts. Relative values are relative to
 * the user's directory.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ACK_TS_CACHE) return userPath(env.ACK_TS_CACHE, env);
  return join(env.XDG_CACHE_HOME ? userPath(env.XDG_CACHE_HOME, env) : join(homedir(), '.cache'), 'ack-ts');
}
