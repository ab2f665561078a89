import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the generator owns in generated/<service>/: whole subfolders, and top-level files (including
 * ones it no longer writes, such as tsconfig.build.json). Owned files it does not produce are stale.
 */
export const ownedDirs: readonly string[] = ['crds', 'src', 'helm', 'iam', 'Dockerfile', 'package.json', 'tsconfig.build.json'];

export interface TreeDiff {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

function listFiles(root: string, sub: string): string[] {
  const dir = join(root, sub);
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [sub];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(root.length + 1).split('\\').join('/'));
}

/** Compares what is on disk under `root` with what should be there. */
export function diffTree(root: string, files: ReadonlyMap<string, string>, owned: readonly string[]): TreeDiff {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [path, content] of files) {
    const full = join(root, path);
    if (!existsSync(full)) added.push(path);
    else if (readFileSync(full, 'utf8') !== content) changed.push(path);
  }
  const removed = owned
    .flatMap((d) => listFiles(root, d))
    .filter((p) => !files.has(p) && !p.includes('/dist/') && !p.startsWith('dist/'))
    .sort();
  return { added: added.sort(), changed: changed.sort(), removed };
}
