import { setMaxListeners } from 'node:events';
import type { SdkBinding, SdkObject } from '../descriptor';
import { CallRefused, type OpType } from '../reconcile/ports';

/** The part of an AWS SDK v3 client the runtime uses. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy?(): void;
}

type Ctor<T> = new (arg: unknown) => T;
export type SdkModule = Readonly<Record<string, unknown>>;

/** Loads only the one SDK package the service needs (each costs 15–40 MB of RSS). */
export function loadSdkModule(binding: SdkBinding): SdkModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(binding.package) as SdkModule;
}

export type CredentialProvider = () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;

export interface ApiCallRecord {
  readonly service: string;
  readonly opType: OpType;
  readonly operation: string;
  readonly error?: unknown;
}

export interface AwsClientCacheOptions {
  readonly service: string;
  readonly binding: SdkBinding;
  readonly sdk: SdkModule;
  readonly endpoint?: string;
  /** Per HTTP attempt, enforced (the call fails with TimeoutError); 0 or absent: no limit. */
  readonly httpTimeoutMs?: number;
  readonly userAgent?: string;
  /** Credentials for an assumed role (CARM); undefined role means the SDK's default chain. */
  readonly credentialsFor: (roleArn: string) => CredentialProvider;
  readonly onCall?: (record: ApiCallRecord) => void;
}

/**
 * One SDK client per (region, account role), created on first use and reused. Shutdown is two
 * steps: `refuseNewCalls` at once, `abortInFlight` when the grace period ends.
 */
export class AwsClientCache {
  private readonly clients = new Map<string, SdkClient>();
  /**
   * One signal cuts off every call in flight at shutdown. Each call listens to it while it runs, so
   * busy workers legitimately hold more than Node's default of 10 listeners (which it reports as a leak).
   */
  private readonly inFlight = unboundedAbortController();
  private refusing = false;

  constructor(private readonly o: AwsClientCacheOptions) {}

  get size(): number {
    return this.clients.size;
  }

  client(region: string, roleArn?: string): SdkClient {
    const key = `${region}|${roleArn ?? ''}`;
    let c = this.clients.get(key);
    if (!c) {
      const Client = this.o.sdk[this.o.binding.client] as Ctor<SdkClient> | undefined;
      if (typeof Client !== 'function') throw new Error(`${this.o.binding.package} has no export ${this.o.binding.client}`);
      c = new Client({
        region,
        ...(this.o.endpoint ? { endpoint: this.o.endpoint, ...this.o.binding.customEndpointConfig } : {}),
        ...(roleArn ? { credentials: this.o.credentialsFor(roleArn) } : {}),
        ...(this.o.userAgent ? { customUserAgent: this.o.userAgent } : {}),
        // Without throwOnRequestTimeout smithy only logs a warning when requestTimeout passes.
        ...(this.o.httpTimeoutMs ? { requestHandler: { requestTimeout: this.o.httpTimeoutMs, throwOnRequestTimeout: true } } : {}),
      });
      this.clients.set(key, c);
    }
    return c;
  }

  async call(region: string, roleArn: string | undefined, opType: OpType, operation: string, input: SdkObject): Promise<SdkObject> {
    const Command = this.o.sdk[`${operation}Command`] as Ctor<unknown> | undefined;
    if (typeof Command !== 'function') throw new Error(`${this.o.binding.package} has no ${operation}Command`);
    if (this.refusing) throw new CallRefused(`${operation} not sent: the controller is shutting down`);
    try {
      const out = (await this.client(region, roleArn).send(new Command(input), { abortSignal: this.inFlight.signal })) as SdkObject;
      this.o.onCall?.({ service: this.o.service, opType, operation });
      const { $metadata: _m, ...rest } = out;
      return rest;
    } catch (error) {
      if (this.inFlight.signal.aborted) throw new CallRefused(`${operation} cut off: the controller's shutdown grace period ended`);
      this.o.onCall?.({ service: this.o.service, opType, operation, error });
      throw error;
    }
  }

  /** From now on every call fails with CallRefused before anything is sent. */
  refuseNewCalls(): void {
    this.refusing = true;
  }

  /** Cuts off the calls still in flight (and the SDK's retries of them). */
  abortInFlight(): void {
    this.refusing = true;
    this.inFlight.abort();
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy?.();
    this.clients.clear();
  }
}

function unboundedAbortController(): AbortController {
  const c = new AbortController();
  setMaxListeners(0, c.signal);
  return c;
}
