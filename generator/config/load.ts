import { readFileSync } from 'fs';
import { GeneratorError } from '../errors';
import type { GeneratorConfig } from './types';
import { validateGeneratorConfig } from './validate';
import { parseYaml } from './yaml';

/**
 * generator.yaml text → GeneratorConfig. Pure. Throws one GeneratorError naming
 * `file` and the key path. Whether a missing file means the empty config
 * (`{}`, verb rules only) is the caller's decision.
 */
export function loadGeneratorConfig(text: string, file: string): GeneratorConfig {
  return validateGeneratorConfig(parseYaml(text, file), file);
}

/** Reads and loads a generator.yaml; `displayName` is how errors name it (default: the path). */
export function readGeneratorConfig(path: string, displayName = path): GeneratorConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new GeneratorError({ file: displayName }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return loadGeneratorConfig(text, displayName);
}
