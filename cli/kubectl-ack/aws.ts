/** The plugin's only AWS edge. SDK packages load on first use: a usage error never pays for them. */

export type AwsService = 'logs' | 'sagemaker';
export type AwsCall = (service: AwsService, operation: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}
type Ctor<T> = new (arg: unknown) => T;

const PACKAGES: Record<AwsService, { readonly package: string; readonly client: string }> = {
  logs: { package: '@aws-sdk/client-cloudwatch-logs', client: 'CloudWatchLogsClient' },
  sagemaker: { package: '@aws-sdk/client-sagemaker', client: 'SageMakerClient' },
};

/**
 * Calls in one region with the SDK's default credential chain, as the controller does (env keys,
 * shared config/SSO profiles, web identity, container and instance roles). The endpoint comes from
 * AWS_ENDPOINT_URL like the controllers' --aws-endpoint-url. The SDK's own retries are off: the
 * caller backs off on throttling itself. `credentials`: a CARM role's, when the namespace has one.
 */
export function awsCaller(region: string, env: NodeJS.ProcessEnv = process.env, credentials?: unknown): { call: AwsCall; close(): void } {
  const clients = new Map<AwsService, { client: SdkClient; sdk: Record<string, unknown> }>();
  const open = (service: AwsService) => {
    let c = clients.get(service);
    if (!c) {
      // The SDK's Node-version notice is for developers; on a CLI's stderr it buries the one-line errors.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const p = PACKAGES[service];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const sdk = require(p.package) as Record<string, unknown>;
      const Client = sdk[p.client] as Ctor<SdkClient>;
      const endpoint = env.AWS_ENDPOINT_URL;
      c = { sdk, client: new Client({ region, maxAttempts: 1, ...(endpoint ? { endpoint } : {}), ...(credentials ? { credentials } : {}) }) };
      clients.set(service, c);
    }
    return c;
  };
  return {
    call: async (service, operation, input) => {
      const { sdk, client } = open(service);
      const Command = sdk[`${operation}Command`] as Ctor<unknown>;
      const { $metadata: _m, ...out } = (await client.send(new Command(input))) as Record<string, unknown>;
      return out;
    },
    close: () => {
      for (const c of clients.values()) c.client.destroy();
    },
  };
}
