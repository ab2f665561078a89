import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

export interface CallerIdentity {
  readonly accountId: string;
  readonly partition: string;
  readonly arn: string;
}

/**
 * Startup check: who are we? Uses the SDK's default chain (env keys, shared files, IRSA web identity,
 * EKS Pod Identity / container credentials, IMDS). Any failure becomes one line saying what to set.
 */
export async function callerIdentity(region: string, endpoint?: string): Promise<CallerIdentity> {
  const sts = new STSClient({ region, ...(endpoint ? { endpoint } : {}) });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    const arn = out.Arn ?? '';
    return { accountId: out.Account ?? '', arn, partition: arn.split(':')[1] || 'aws' };
  } catch (err) {
    const e = err as Error;
    throw new Error(
      `AWS credentials could not be resolved or were rejected (${e.name}: ${e.message}). ` +
        'Provide IRSA (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE), EKS Pod Identity, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.',
    );
  } finally {
    sts.destroy();
  }
}
