import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The AWS models the tests read: $ACK_TS_MODELS_DIR, else ../shared/api-models beside
 * the repository. Missing models fail the test with a line saying how to provide them.
 */
export function modelsDirForTests(): string {
  const dir = process.env['ACK_TS_MODELS_DIR'] ?? resolve(__dirname, '../../../shared/api-models');
  if (!existsSync(join(dir, 'sagemaker'))) {
    throw new Error(
      `AWS Smithy models not found at ${dir}: set ACK_TS_MODELS_DIR to a copy of github.com/aws/api-models-aws (see README, "Set up")`,
    );
  }
  return dir;
}
