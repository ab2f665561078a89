import { readFileSync } from 'node:fs';
import { GeneratorError } from '../errors';
import { loadSmithyModel } from '../smithy/load';
import type { ShapeIndex } from '../smithy/types';

export function readModel(path: string): ShapeIndex {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new GeneratorError({ file: path }, `cannot read the model: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  return loadSmithyModel(text, path);
}
