import { classifyAwsError, describeError } from '../../runtime/aws/errors';

/** Pure: AWS errors the plugin meets, as the one line a user reads. */

/** A failure the user can act on: printed as one line, exit 1. */
export class PluginError extends Error {
  override readonly name = 'PluginError';
}

export interface CallSite {
  /** IAM action namespace: "logs" or "sagemaker". */
  readonly service: string;
  readonly operation: string;
  /** What was read, e.g. "log group /aws/sagemaker/TrainingJobs". */
  readonly resource: string;
  readonly region: string;
  readonly account?: string;
}

const NO_RULES = { notFound: [], terminalCodes: [] } as const;

export function isThrottled(err: unknown): boolean {
  return classifyAwsError(err, NO_RULES).class === 'throttled';
}

/** CloudWatch Logs says ResourceNotFoundException for a group or stream that does not exist yet. */
export function isMissingLogResource(err: unknown): boolean {
  return classifyAwsError(err, NO_RULES).code === 'ResourceNotFoundException';
}

export function describeAwsFailure(err: unknown, at: CallSite): string {
  const c = classifyAwsError(err, NO_RULES);
  const where = `in ${at.account ? `account ${at.account}, ` : ''}region ${at.region}`;
  if (c.class === 'accessDenied') {
    return `access denied: ${at.service}:${at.operation} is not allowed on ${at.resource} ${where}; grant ${at.service}:${at.operation} to your AWS identity (${describeError(c)})`;
  }
  if (c.class === 'throttled') return `${at.service}:${at.operation} on ${at.resource} ${where} is still throttled after retries (${describeError(c)})`;
  return `${at.service}:${at.operation} on ${at.resource} ${where} failed: ${describeError(c)}`;
}
