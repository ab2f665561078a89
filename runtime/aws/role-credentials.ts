import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { CredentialProvider } from './sdk-clients';

export type Credentials = Awaited<ReturnType<CredentialProvider>>;

/** One STS AssumeRole: the role's temporary keys, or the STS error. */
export type AssumeRole = (roleArn: string, sessionName: string) => Promise<Credentials>;

/** The role could not be assumed; the message names the role and STS's answer. */
export class RoleAssumptionError extends Error {
  override readonly name = 'RoleAssumptionError';
  constructor(
    readonly roleArn: string,
    override readonly cause: unknown,
    /** Who needed it, e.g. "for namespace ml (IAMRoleSelector ml-role)". */
    context?: string,
  ) {
    const c = cause as { name?: string; message?: string } | undefined;
    super(`cannot assume role ${roleArn}${context ? ` ${context}` : ''}: ${c?.name ?? 'Error'}: ${c?.message ?? String(cause)}`);
  }
}

export interface RoleCredentialsOptions {
  readonly assume: AssumeRole;
  readonly now?: () => number;
  /** Refresh this long before the keys expire, so no call is signed with keys about to lapse. */
  readonly refreshBeforeMs?: number;
}

/** Credentials without an expiry (never the case with STS) are kept this long. */
const NO_EXPIRY_TTL_MS = 15 * 60_000;

/**
 * The controller process's assumed roles: each role is assumed once and its keys are shared by every
 * SDK client that signs as it (all kinds, all regions), until shortly before they expire. Concurrent
 * callers of a role whose keys are missing or stale wait on the same AssumeRole. A failure is not
 * cached: the next caller tries again.
 */
export class RoleCredentials {
  private readonly entries = new Map<string, { creds?: Credentials; fetchedAt: number; inflight?: Promise<Credentials> }>();
  private readonly now: () => number;
  private readonly refreshBeforeMs: number;
  private sessions = 0;

  constructor(private readonly o: RoleCredentialsOptions) {
    this.now = o.now ?? Date.now;
    this.refreshBeforeMs = o.refreshBeforeMs ?? 5 * 60_000;
  }

  /** The provider an SDK client of this role is built with; every provider of one role shares one cache entry. */
  provider(roleArn: string): CredentialProvider {
    return () => this.get(roleArn);
  }

  async get(roleArn: string): Promise<Credentials> {
    let e = this.entries.get(roleArn);
    if (!e) this.entries.set(roleArn, (e = { fetchedAt: 0 }));
    if (e.creds && this.fresh(e.creds, e.fetchedAt)) return e.creds;
    const entry = e;
    entry.inflight ??= this.o
      .assume(roleArn, `ack-ts-${this.now()}-${++this.sessions}`)
      .then(
        (creds) => {
          entry.creds = creds;
          entry.fetchedAt = this.now();
          return creds;
        },
        (err: unknown) => {
          throw err instanceof RoleAssumptionError ? err : new RoleAssumptionError(roleArn, err);
        },
      )
      .finally(() => (entry.inflight = undefined));
    return entry.inflight;
  }

  private fresh(c: Credentials, fetchedAt: number): boolean {
    const now = this.now();
    return c.expiration ? c.expiration.getTime() - now > this.refreshBeforeMs : now - fetchedAt < NO_EXPIRY_TTL_MS;
  }
}

/**
 * AssumeRole with the controller's own (default-chain) credentials, through the identity endpoint,
 * never the service endpoint (ACK weakness §31.6). One STS client serves every role.
 */
export function stsAssumeRole(region: string, stsEndpoint?: string, durationSeconds = 3600): { assume: AssumeRole; destroy(): void } {
  const sts = new STSClient({ region, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) });
  return {
    assume: async (roleArn, sessionName) => {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: durationSeconds }));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
      };
    },
    destroy: () => sts.destroy(),
  };
}
