import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSmithyModel } from '../smithy/load';
import { generateService } from '../pipeline';

/** Test fixture: the widgets service (test/fixtures/widgets.smithy.json) through the whole pipeline, with its traits adjustable. */
export function widgets(traits: Record<string, unknown> = {}) {
  const file = join(__dirname, '../../test/fixtures/widgets.smithy.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { shapes: Record<string, { traits?: Record<string, unknown> }> };
  const service = doc.shapes['com.example.widgets#Widgets']!;
  service.traits = { ...service.traits, ...traits };
  const index = loadSmithyModel(JSON.stringify(doc), file);
  return generateService({ service: 'widgets', index, config: {}, configFile: 'generator.yaml', typescript: {} });
}
