import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CredentialProvider } from './sdk-clients';

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

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * CARM: credentials of a role assumed with the controller's own (default-chain) credentials.
 * The STS client uses the identity endpoint, never the service endpoint (ACK weakness §31.6).
 */
export function assumeRoleCredentials(roleArn: string, region: string, stsEndpoint?: string): CredentialProvider {
  const sts = new STSClient({ region, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) });
  let cached: Awaited<ReturnType<CredentialProvider>> | undefined;
  let inflight: Promise<Awaited<ReturnType<CredentialProvider>>> | undefined;
  return async () => {
    if (cached?.expiration && cached.expiration.getTime() - Date.now() > REFRESH_BEFORE_EXPIRY_MS) return cached;
    inflight ??= sts
      .send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: `ack-ts-${Date.now()}`, DurationSeconds: 3600 }))
      .then((out) => {
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
        cached = {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
          ...(c.Expiration ? { expiration: c.Expiration } : {}),
        };
        return cached;
      })
      .finally(() => (inflight = undefined));
    return inflight;
  };
}
