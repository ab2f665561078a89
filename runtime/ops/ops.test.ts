import { concurrencyFor, expandResourceTags, HelpRequested, parseFlags } from './flags';
import { ControllerMetrics, Counter, Histogram } from './metrics';
import { createLogger } from './logger';

const kinds = ['TrainingJob', 'Endpoint'];
const base = ['--aws-region', 'us-west-2'];

describe('flags', () => {
  it('applies ACK defaults, with 4 workers per kind', () => {
    const c = parseFlags(base, kinds);
    expect(c).toMatchObject({
      metricsAddr: '0.0.0.0:8080',
      healthzAddr: '0.0.0.0:8081',
      deletionPolicy: 'delete',
      defaultResyncSeconds: 0,
      tagResyncSeconds: 36_000,
      defaultMaxConcurrentSyncs: 4,
      logLevel: 'info',
      watchNamespaces: [],
      enableCarm: true,
      httpClientTimeoutMs: 60_000,
      featureGates: { ResourceAdoption: true, ReadOnlyResources: true },
    });
  });
  it('parses repeatable Kind=N flags, lists and durations', () => {
    const c = parseFlags(
      [...base, '--reconcile-resource-resync-seconds', 'TrainingJob=60', '--reconcile-resource-resync-seconds', 'Endpoint=30', '--reconcile-resource-max-concurrent-syncs', 'endpoint=8', '--watch-namespace', 'a,b', '--http-client-timeout', '2m', '--deletion-policy', 'retain', '--enable-carm=false'],
      kinds,
    );
    expect(c.resourceResyncSeconds).toEqual({ TrainingJob: 60, Endpoint: 30 });
    expect(concurrencyFor('Endpoint', c)).toBe(8);
    expect(concurrencyFor('TrainingJob', c)).toBe(4);
    expect(c.watchNamespaces).toEqual(['a', 'b']);
    expect(c.httpClientTimeoutMs).toBe(120_000);
    expect(c.deletionPolicy).toBe('retain');
    expect(c.enableCarm).toBe(false);
  });
  it('--reconcile-tag-resync-seconds: 0 reads tags every sync; a negative or fractional value is refused', () => {
    expect(parseFlags([...base, '--reconcile-tag-resync-seconds', '0'], kinds).tagResyncSeconds).toBe(0);
    expect(parseFlags([...base, '--reconcile-tag-resync-seconds', '3600'], kinds).tagResyncSeconds).toBe(3600);
    expect(() => parseFlags([...base, '--reconcile-tag-resync-seconds', '-1'], kinds)).toThrow('integer >= 0');
    expect(() => parseFlags([...base, '--reconcile-tag-resync-seconds', '1.5'], kinds)).toThrow('integer >= 0');
  });
  it('lease timing defaults to controller-runtime\'s and must be ordered', () => {
    expect(parseFlags(base, kinds).leaderElection).toEqual({ leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 });
    const short = ['--leader-election-lease-duration', '3s', '--leader-election-renew-deadline', '2s', '--leader-election-retry-period', '500ms'];
    expect(parseFlags([...base, ...short], kinds).leaderElection).toEqual({ leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 500 });
    expect(() => parseFlags([...base, '--leader-election-renew-deadline', '20s'], kinds)).toThrow('retry period < renew deadline < lease duration');
  });
  it('reconciles FieldExports by default, as ACK does, and not with --enable-field-export-reconciler=false', () => {
    expect(parseFlags(base, kinds).enableFieldExportReconciler).toBe(true);
    expect(parseFlags([...base, '--enable-field-export-reconciler=false'], kinds).enableFieldExportReconciler).toBe(false);
  });

  it('allows cross-namespace references by default, as ACK does, and not with --enable-cross-namespace=false', () => {
    expect(parseFlags(base, kinds).enableCrossNamespace).toBe(true);
    expect(parseFlags([...base, '--enable-cross-namespace=false'], kinds).enableCrossNamespace).toBe(false);
  });
  it('turns CARM off when exactly one namespace is watched, as ACK does', () => {
    expect(parseFlags([...base, '--watch-namespace', 'team-a'], kinds).enableCarm).toBe(false);
  });
  it('rejects bad values with one clear message', () => {
    expect(() => parseFlags([], kinds)).toThrow('no AWS region');
    expect(() => parseFlags([...base, '--deletion-policy', 'keep'], kinds)).toThrow();
    expect(() => parseFlags([...base, '--reconcile-resource-resync-seconds', 'Bucket=5'], kinds)).toThrow('unknown kind "Bucket"');
    expect(() => parseFlags([...base, '--watch-namespace', 'Bad_NS'], kinds)).toThrow('not a valid namespace');
    expect(() => parseFlags([...base, '--aws-endpoint-url', 'http://x'], kinds)).toThrow('not https');
    expect(() => parseFlags([...base, '--feature-gates', 'Nope=true'], kinds)).toThrow('unknown gate');
    expect(() => parseFlags([...base, '--log-level', 'loud'], kinds)).toThrow('unknown level');
    expect(() => parseFlags([...base, '--reconcile-default-max-concurrent-syncs', '0'], kinds)).toThrow();
  });

  it('--help and -h ask for the help text, which names the program and shows defaults as written', () => {
    for (const flag of ['--help', '-h']) {
      let err: unknown;
      try {
        parseFlags([flag], kinds, 'ack-x-controller');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(HelpRequested);
      const text = (err as HelpRequested).text;
      expect(text).toMatch(/^Usage: ack-x-controller \[options\]/);
      expect(text).toMatch(/--leader-election-lease-duration <duration> +how long a lease holds without renewal \(default: 15s\)/);
      expect(text).toContain(`(default: all: ${kinds.join(', ')})`);
    }
  });
  it('expands resource tag placeholders, skipping empty values', () => {
    expect(expandResourceTags(['a=%CONTROLLER_SERVICE%-%CONTROLLER_VERSION%', 'b=%K8S_NAMESPACE%', 'c=%MANAGED_BY%'], { service: 'sagemaker', version: '', namespace: 'ns', name: 'n', kind: 'K' })).toEqual({ a: 'sagemaker-unknown', b: 'ns' });
  });
});

describe('metrics exposition', () => {
  it('renders counters with sorted, escaped labels', () => {
    const c = new Counter('x_total', 'help');
    c.inc({ b: '2', a: 'q"1' });
    c.inc({ b: '2', a: 'q"1' });
    expect(c.render()).toBe('# HELP x_total help\n# TYPE x_total counter\nx_total{a="q\\"1",b="2"} 2');
  });
  it('renders histograms with cumulative buckets', () => {
    const h = new Histogram('d_seconds', 'help', [0.1, 1]);
    h.observe({ k: 'v' }, 0.05);
    h.observe({ k: 'v' }, 0.5);
    expect(h.render().split('\n').slice(2)).toEqual([
      'd_seconds_bucket{k="v",le="0.1"} 1',
      'd_seconds_bucket{k="v",le="1"} 2',
      'd_seconds_bucket{k="v",le="+Inf"} 2',
      'd_seconds_sum{k="v"} 0.55',
      'd_seconds_count{k="v"} 2',
    ]);
  });
  it("names ACK's counters", () => {
    const m = new ControllerMetrics();
    m.apiRequests.inc({ service: 's', op_type: 'CREATE', op_id: 'CreateX' });
    expect(m.render()).toContain('ack_outbound_api_requests_total{op_id="CreateX",op_type="CREATE",service="s"} 1');
    expect(m.render()).toContain('# TYPE ack_outbound_api_requests_error_total counter');
  });
});

describe('logger', () => {
  it('writes JSON lines at or above the level, with bound fields', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (l) => lines.push(l) }).with({ kind: 'K' });
    log.debug('hidden');
    log.info('shown', { n: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'shown', kind: 'K', n: 1 });
  });
});
