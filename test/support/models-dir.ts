import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userPath } from '../../runtime/user-path';

/**
 * The AWS models the tests read: $ACK_TS_MODELS_DIR (relative to the directory the tests were
 * started from), else ../shared/api-models beside the repository; always absolute. Missing models
 * fail the test with a line saying how to provide them.
 */
export function modelsDirForTests(env: NodeJS.ProcessEnv = process.env): string {
  const given = env['ACK_TS_MODELS_DIR'];
  const dir = given ? userPath(given, env) : resolve(__dirname, '../../../shared/api-models');
  if (!existsSync(join(dir, 'sagemaker'))) {
    throw new Error(
      `AWS Smithy models not found at ${dir}: set ACK_TS_MODELS_DIR to a copy of github.com/aws/api-models-aws (see README, "Set up")`,
    );
  }
  return dir;
}
