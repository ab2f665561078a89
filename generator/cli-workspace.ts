import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test helper: a scratch dir with a one-service models dir (the widgets fixture) and an empty api-models/. */
export const FIXTURE = readFileSync(join(__dirname, '../test/fixtures/widgets.smithy.json'), 'utf8');

export function workspace(model: string = FIXTURE) {
  const root = mkdtempSync(join(tmpdir(), 'ack-ts-cli-'));
  const models = join(root, 'models');
  const dir = join(models, 'widgets', 'service', '2024-01-01');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'widgets-2024-01-01.json'), model);
  const apiModels = join(root, 'api-models');
  mkdirSync(join(apiModels, 'widgets'), { recursive: true });
  writeFileSync(join(apiModels, 'sdk-versions.json'), JSON.stringify({ '@aws-sdk/client-widgets': '3.1.0' }));
  return { root, models, apiModels, out: join(root, 'out') };
}
