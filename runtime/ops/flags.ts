import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { DeletionPolicy } from '../reconcile/policy';

/** ACK's controller flags (reference §1), parsed once into a typed, validated value. */
export interface ControllerConfig {
  readonly metricsAddr: string;
  readonly healthzAddr: string;
  readonly enableLeaderElection: boolean;
  readonly leaderElectionNamespace: string;
  /** Lease timing (controller-runtime's defaults: 15 s, 10 s, 2 s); not ACK flags, for tests and large clusters. */
  readonly leaderElection: { readonly leaseDurationMs: number; readonly renewDeadlineMs: number; readonly retryPeriodMs: number };
  readonly enableCarm: boolean;
  /** Resource references and FieldExport targets may name another namespace (with an ACK.Advisory); ACK's default is true. */
  readonly enableCrossNamespace: boolean;
  /** Reconcile FieldExports of this service's group (when their CRD is installed). */
  readonly enableFieldExportReconciler: boolean;
  readonly enableDevelopmentLogging: boolean;
  readonly logLevel: LogLevel;
  readonly awsRegion: string;
  readonly awsEndpointUrl: string;
  readonly awsIdentityEndpointUrl: string;
  readonly allowUnsafeAwsEndpointUrls: boolean;
  readonly httpClientTimeoutMs: number;
  readonly resourceTags: readonly string[];
  readonly watchNamespaces: readonly string[];
  readonly watchSelectors: string;
  readonly deletionPolicy: DeletionPolicy;
  readonly defaultResyncSeconds: number;
  readonly resourceResyncSeconds: Readonly<Record<string, number>>;
  /**
   * Longest time between two reads of a resource's tags where its read does not report them (not an
   * ACK flag): tag drift is corrected within max(this, the kind's resync). 0 reads them every sync.
   */
  readonly tagResyncSeconds: number;
  readonly defaultMaxConcurrentSyncs: number;
  readonly resourceMaxConcurrentSyncs: Readonly<Record<string, number>>;
  readonly featureGates: Readonly<Record<string, boolean>>;
  /** Kinds to reconcile; empty means all. */
  readonly reconcileResources: readonly string[];
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_RESOURCE_TAGS = [
  'services.k8s.aws/controller-version=%CONTROLLER_SERVICE%-%CONTROLLER_VERSION%',
  'services.k8s.aws/namespace=%K8S_NAMESPACE%',
];

/** ACK's default resync (10 h): at ACK's defaults, tags are read on every resync, as ACK does. */
export const DEFAULT_TAG_RESYNC_SECONDS = 36_000;

const KNOWN_GATES = ['ResourceAdoption', 'ReadOnlyResources', 'TeamLevelCARM', 'ServiceLevelCARM', 'IAMRoleSelector'];
const RFC1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function int(min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be an integer >= ${min}`);
    return n;
  };
}

function kindEquals(min: number) {
  return (v: string, prev: Record<string, number> = {}): Record<string, number> => {
    const m = /^([A-Za-z0-9]+)=(\d+)$/.exec(v.trim());
    if (!m || Number(m[2]) < min) throw new InvalidArgumentError(`expected Kind=N with N >= ${min}, got "${v}"`);
    return { ...prev, [m[1] as string]: Number(m[2]) };
  };
}

function duration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError(`expected a duration like 60s, got "${v}"`);
  const mult = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * mult;
}

function bool(v: string | undefined): boolean {
  if (v === undefined) return true;
  if (/^(true|1|t)$/i.test(v)) return true;
  if (/^(false|0|f)$/i.test(v)) return false;
  throw new InvalidArgumentError(`expected true or false, got "${v}"`);
}

function boolFlag(name: string, description: string, dflt: boolean): Option {
  return new Option(`--${name} [bool]`, description).argParser(bool).default(dflt);
}

/** An option whose default is shown under --help as `shown` (e.g. "15s" for 15000 ms, "all" for ""). */
function withDefault<T>(flags: string, description: string, value: T, shown: string, parse?: (v: string, prev: T) => T): Option {
  const o = new Option(flags, description).default(value, shown);
  return parse ? o.argParser(parse) : o;
}

export function buildCommand(kinds: readonly string[]): Command {
  return new Command()
    .name('controller')
    .exitOverride()
    .allowExcessArguments(false)
    .option('--metrics-addr <addr>', 'Prometheus /metrics bind address', '0.0.0.0:8080')
    .option('--healthz-addr <addr>', '/healthz and /readyz bind address', '0.0.0.0:8081')
    .addOption(boolFlag('enable-leader-election', 'Lease-based leader election', false))
    .addOption(withDefault('--leader-election-namespace <ns>', 'namespace of the Lease', '', 'the pod namespace'))
    .addOption(withDefault('--leader-election-lease-duration <duration>', 'how long a lease holds without renewal', 15_000, '15s', duration))
    .addOption(withDefault('--leader-election-renew-deadline <duration>', 'the leader gives up after failing to renew this long', 10_000, '10s', duration))
    .addOption(withDefault('--leader-election-retry-period <duration>', 'between acquire/renew attempts', 2_000, '2s', duration))
    .addOption(boolFlag('enable-carm', 'cross-account resource management', true))
    .addOption(boolFlag('enable-development-logging', 'human-readable logs', false))
    .addOption(boolFlag('enable-webhook-server', 'accepted for compatibility; no webhooks', false))
    .option('--webhook-server-addr <addr>', 'accepted for compatibility', '0.0.0.0:9433')
    .addOption(boolFlag('enable-field-export-reconciler', 'reconcile FieldExports (when their CRD is installed)', true))
    .addOption(boolFlag('enable-cross-namespace', 'allow resource references and FieldExport targets in another namespace', true))
    .option('--log-level <level>', `one of ${LOG_LEVELS.join(', ')}`, 'info')
    .addOption(withDefault('--aws-region <region>', 'default AWS region (required)', process.env.AWS_REGION ?? '', '$AWS_REGION'))
    .addOption(withDefault('--aws-endpoint-url <url>', 'AWS service endpoint override', '', "the SDK's"))
    .addOption(withDefault('--aws-identity-endpoint-url <url>', 'endpoint for STS (startup identity and CARM)', '', "the SDK's"))
    .addOption(boolFlag('allow-unsafe-aws-endpoint-urls', 'allow http:// endpoints', false))
    .addOption(boolFlag('aws-endpoint-use-path-style', 'accepted for compatibility', false))
    .addOption(withDefault('--http-client-timeout <duration>', 'AWS HTTP timeout, 0 disables', 60_000, '60s', duration))
    .option('--resource-tags <tags>', 'k=v,... tags added to every AWS resource', DEFAULT_RESOURCE_TAGS.join(','))
    .addOption(withDefault('--watch-namespace <namespaces>', 'comma-separated namespaces', '', 'all'))
    .addOption(withDefault('--watch-selectors <selector>', 'label selector for watched resources', '', 'none'))
    .addOption(new Option('--deletion-policy <policy>', 'default deletion policy').choices(['delete', 'retain']).default('delete'))
    .addOption(withDefault('--reconcile-default-resync-seconds <n>', 'resync after success, 0 meaning 10 h', 0, '0', int(0)))
    .addOption(withDefault('--reconcile-resource-resync-seconds <Kind=N>', 'per-kind resync, repeatable', {}, 'none', kindEquals(1)))
    .addOption(withDefault('--reconcile-tag-resync-seconds <n>', 'longest time between two tag reads where the read does not report tags (tag drift corrected within max(this, resync)); 0 reads them every sync', DEFAULT_TAG_RESYNC_SECONDS, `${DEFAULT_TAG_RESYNC_SECONDS} (10 h)`, int(0)))
    .option('--reconcile-default-max-concurrent-syncs <n>', 'workers per kind', int(1), 4)
    .addOption(withDefault('--reconcile-resource-max-concurrent-syncs <Kind=N>', 'per-kind workers, repeatable', {}, 'none', kindEquals(1)))
    .addOption(withDefault('--feature-gates <gates>', 'Name=bool,...', '', 'ResourceAdoption=true,ReadOnlyResources=true'))
    .addOption(withDefault('--reconcile-resources <kinds>', 'comma-separated kinds to reconcile', '', `all: ${kinds.join(', ')}`));
}

/** What the controller reads besides its flags; shown under --help. */
const ENVIRONMENT_HELP = `
Environment:
  KUBECONFIG            kubeconfig file(s), relative to the current directory (else in-cluster, else ~/.kube/config)
  AWS_REGION            default for --aws-region
  ACK_SYSTEM_NAMESPACE  namespace of the CARM ConfigMaps ack-role-account-map and ack-role-team-map (default: the pod's, else ack-system)
  AWS credentials       the AWS SDK's default chain: static keys, IRSA (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE), Pod Identity
`;

/** `--help` or `-h` was given: `text` lists every flag with its default; print it and exit 0. */
export class HelpRequested extends Error {
  constructor(readonly text: string) {
    super('help requested');
  }
}

/**
 * Parses argv (without node and script) into a validated config; throws with one clear line, or
 * HelpRequested. `name` is the program name help shows (e.g. ack-sagemaker-controller).
 */
export function parseFlags(argv: readonly string[], kinds: readonly string[], name = 'controller'): ControllerConfig {
  let help = '';
  const cmd = buildCommand(kinds)
    .name(name)
    .description('AWS Controllers for Kubernetes, generated by ack-ts: reconciles custom resources with AWS. Flags are ACK\'s.')
    .addHelpText('after', ENVIRONMENT_HELP);
  cmd.configureOutput({ writeErr: () => undefined, writeOut: (text) => (help += text) });
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError && err.code === 'commander.helpDisplayed') throw new HelpRequested(help);
    throw err;
  }
  const o = cmd.opts<Record<string, unknown>>();

  const level = String(o.logLevel);
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`--log-level: unknown level "${level}"; one of ${LOG_LEVELS.join(', ')}`);
  const region = String(o.awsRegion);
  if (!region) throw new Error('no AWS region: set --aws-region or AWS_REGION');
  for (const flag of ['awsEndpointUrl', 'awsIdentityEndpointUrl'] as const) {
    const url = String(o[flag]);
    if (url && !url.startsWith('https://') && !o.allowUnsafeAwsEndpointUrls) {
      throw new Error(`--${flag === 'awsEndpointUrl' ? 'aws-endpoint-url' : 'aws-identity-endpoint-url'} ${url} is not https; pass --allow-unsafe-aws-endpoint-urls to allow it`);
    }
  }
  const namespaces = splitList(String(o.watchNamespace));
  for (const ns of namespaces) if (!RFC1123.test(ns)) throw new Error(`--watch-namespace: "${ns}" is not a valid namespace name`);
  if (new Set(namespaces).size !== namespaces.length) throw new Error('--watch-namespace: duplicate namespace');
  if (/,\s*,|^,|,$/.test(String(o.watchNamespace))) throw new Error('--watch-namespace: empty entry');

  const tags = splitList(String(o.resourceTags));
  for (const t of tags) if (!/^[^=]+=[^=]*$/.test(t)) throw new Error(`--resource-tags: "${t}" is not k=v`);

  const gates: Record<string, boolean> = { ResourceAdoption: true, ReadOnlyResources: true };
  for (const g of splitList(String(o.featureGates))) {
    const [name, value] = g.split('=');
    if (!name || !KNOWN_GATES.includes(name)) throw new Error(`--feature-gates: unknown gate "${name}"`);
    gates[name] = bool(value);
  }

  const byKind = (m: Record<string, number>, flag: string, caseInsensitive: boolean) => {
    for (const k of Object.keys(m)) {
      const ok = caseInsensitive ? kinds.some((x) => x.toLowerCase() === k.toLowerCase()) : kinds.includes(k);
      if (!ok) throw new Error(`${flag}: unknown kind "${k}"; kinds are ${kinds.join(', ')}`);
    }
    return m;
  };
  const leaderElection = {
    leaseDurationMs: Number(o.leaderElectionLeaseDuration),
    renewDeadlineMs: Number(o.leaderElectionRenewDeadline),
    retryPeriodMs: Number(o.leaderElectionRetryPeriod),
  };
  if (!(leaderElection.retryPeriodMs < leaderElection.renewDeadlineMs && leaderElection.renewDeadlineMs < leaderElection.leaseDurationMs)) {
    throw new Error('leader election: need retry period < renew deadline < lease duration');
  }
  const reconcileResources = splitList(String(o.reconcileResources));
  for (const k of reconcileResources) if (!kinds.includes(k)) throw new Error(`--reconcile-resources: unknown kind "${k}"`);

  return {
    metricsAddr: String(o.metricsAddr),
    healthzAddr: String(o.healthzAddr),
    enableLeaderElection: Boolean(o.enableLeaderElection),
    leaderElectionNamespace: String(o.leaderElectionNamespace),
    leaderElection,
    enableCarm: Boolean(o.enableCarm) && namespaces.length !== 1,
    enableCrossNamespace: Boolean(o.enableCrossNamespace),
    enableFieldExportReconciler: Boolean(o.enableFieldExportReconciler),
    enableDevelopmentLogging: Boolean(o.enableDevelopmentLogging),
    logLevel: level as LogLevel,
    awsRegion: region,
    awsEndpointUrl: String(o.awsEndpointUrl),
    awsIdentityEndpointUrl: String(o.awsIdentityEndpointUrl),
    allowUnsafeAwsEndpointUrls: Boolean(o.allowUnsafeAwsEndpointUrls),
    httpClientTimeoutMs: Number(o.httpClientTimeout),
    resourceTags: tags,
    watchNamespaces: namespaces,
    watchSelectors: String(o.watchSelectors),
    deletionPolicy: o.deletionPolicy as DeletionPolicy,
    defaultResyncSeconds: Number(o.reconcileDefaultResyncSeconds),
    resourceResyncSeconds: byKind(o.reconcileResourceResyncSeconds as Record<string, number>, '--reconcile-resource-resync-seconds', false),
    tagResyncSeconds: Number(o.reconcileTagResyncSeconds),
    defaultMaxConcurrentSyncs: Number(o.reconcileDefaultMaxConcurrentSyncs),
    resourceMaxConcurrentSyncs: byKind(o.reconcileResourceMaxConcurrentSyncs as Record<string, number>, '--reconcile-resource-max-concurrent-syncs', true),
    featureGates: gates,
    reconcileResources,
  };
}

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Concurrency for one kind: per-kind flag (case-insensitive) over the default. */
export function concurrencyFor(kind: string, cfg: Pick<ControllerConfig, 'resourceMaxConcurrentSyncs' | 'defaultMaxConcurrentSyncs'>): number {
  const k = Object.keys(cfg.resourceMaxConcurrentSyncs).find((x) => x.toLowerCase() === kind.toLowerCase());
  return k ? (cfg.resourceMaxConcurrentSyncs[k] as number) : cfg.defaultMaxConcurrentSyncs;
}

/** Expands `--resource-tags` placeholders for one resource; empty keys or values are skipped (§16). */
export function expandResourceTags(
  tags: readonly string[],
  vars: { service: string; version: string; namespace: string; name: string; kind: string; managedBy?: string },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) {
    const i = t.indexOf('=');
    const key = t.slice(0, i).trim();
    const value = t
      .slice(i + 1)
      .replace(/%CONTROLLER_SERVICE%/g, vars.service)
      .replace(/%CONTROLLER_VERSION%/g, vars.version || 'unknown')
      .replace(/%K8S_NAMESPACE%/g, vars.namespace)
      .replace(/%K8S_RESOURCE_NAME%/g, vars.name)
      .replace(/%K8S_RESOURCE_KIND%/g, vars.kind)
      .replace(/%MANAGED_BY%/g, vars.managedBy ?? '')
      .replace(/%KRO_VERSION%/g, '')
      .trim();
    if (key && value) out[key] = value;
  }
  return out;
}
