import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';

/** The shared reference directory lives beside the repository, at ../shared/reference. */
export const REFERENCE_DIR = resolve(__dirname, '../../../../shared/reference');

export function readReference(name: string): string {
  const file = resolve(REFERENCE_DIR, name);
  if (!existsSync(file)) {
    throw new Error(`missing ${file}: these tests need the shared reference directory beside the repository (../shared/reference)`);
  }
  return readFileSync(file, 'utf8');
}

/** Rows of a tab-separated file, skipping blank lines and `#` comments. */
export function tsvRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}
