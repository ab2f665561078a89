import Ajv from 'ajv';
import { parse } from 'yaml';
import { buildCommand, parseFlags } from '../../runtime/ops/flags';
import { version } from '../../package.json';
import { widgets } from './test-fixtures';

const { files, model } = widgets();
const file = (p: string) => {
  const f = files.get(p);
  if (f === undefined) throw new Error(`${p} not generated`);
  return f;
};
const values = parse(file('helm/values.yaml')) as Record<string, any>;
const schema = JSON.parse(file('helm/values.schema.json'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const withValues = (patch: (v: Record<string, any>) => void) => {
  const v = structuredClone(values);
  patch(v);
  return validate(v);
};

describe('helm chart files', () => {
  it('has the chart, values, schema, templates and the very CRDs of crds/', () => {
    const chart = [...files.keys()].filter((p) => p.startsWith('helm/'));
    expect(chart).toEqual(
      expect.arrayContaining([
        'helm/Chart.yaml',
        'helm/values.yaml',
        'helm/values.schema.json',
        'helm/templates/_helpers.tpl',
        'helm/templates/_generated.tpl',
        'helm/templates/deployment.yaml',
        'helm/templates/service-account.yaml',
        'helm/templates/rbac-watched.yaml',
        'helm/templates/rbac-namespaces.yaml',
        'helm/templates/rbac-system.yaml',
        'helm/templates/rbac-leader-election.yaml',
        'helm/templates/metrics-service.yaml',
      ]),
    );
    const crds = [...files.keys()].filter((p) => p.startsWith('crds/'));
    // One per kind, plus the runtime's IAMRoleSelector and FieldExport.
    expect(crds.length).toBe(model.resources.length + 2);
    expect(crds).toContain('crds/services.k8s.aws_iamroleselectors.yaml');
    expect(crds).toContain('crds/services.k8s.aws_fieldexports.yaml');
    for (const p of crds) expect(file(`helm/${p}`)).toBe(file(p));
    expect(chart.some((p) => p.endsWith('.hbs'))).toBe(false);
  });

  it("ships the runtime's FieldExport CRD beside the service's, as ACK's charts do", () => {
    const crd = parse(file('helm/crds/services.k8s.aws_fieldexports.yaml'));
    expect(crd).toMatchObject({ metadata: { name: 'fieldexports.services.k8s.aws' }, spec: { group: 'services.k8s.aws', scope: 'Namespaced', names: { kind: 'FieldExport' } } });
  });

  it('names the chart after the service and versions it with ack-ts', () => {
    expect(parse(file('helm/Chart.yaml'))).toMatchObject({ apiVersion: 'v2', name: 'widgets-chart', version, appVersion: version });
  });

  it('puts the RBAC rules derived from the kinds into _generated.tpl', () => {
    const tpl = file('helm/templates/_generated.tpl');
    expect(tpl).toContain('{{- define "ack.rules.watched" -}}\n- apiGroups: ["widgets.services.k8s.aws"]\n  resources: ["widgets"]\n');
    expect(tpl).toContain('{{- define "ack.defaultName" -}}\nack-widgets-controller\n{{- end -}}');
    expect(tpl).not.toMatch(/\\\{\{/);
  });
});

describe('values.yaml and values.schema.json', () => {
  it("uses ACK's keys and defaults", () => {
    expect(values).toMatchObject({
      image: { repository: 'ack-ts/widgets-controller', tag: '', pullPolicy: 'IfNotPresent' },
      aws: { region: '', endpoint_url: '', credentials: { secretName: '', secretKey: 'credentials', profile: 'default' } },
      log: { level: 'info', enable_development_logging: false },
      installScope: 'cluster',
      watchNamespace: '',
      watchSelectors: '',
      deletionPolicy: 'delete',
      reconcile: { defaultResyncPeriod: 36000, resourceResyncPeriods: {}, tagResyncPeriod: 36000, defaultMaxConcurrentSyncs: 1, resourceMaxConcurrentSyncs: {}, resources: ['Widget'] },
      leaderElection: { enabled: false, namespace: '' },
      serviceAccount: { create: true, name: 'ack-widgets-controller', annotations: {} },
      metrics: { service: { create: false, type: 'ClusterIP' } },
      resources: { requests: { memory: '64Mi', cpu: '50m' }, limits: { memory: '128Mi', cpu: '100m' } },
      enableCARM: true,
      featureGates: { ReadOnlyResources: true, ResourceAdoption: true },
    });
  });

  it('the defaults satisfy the schema', () => {
    expect(validate(values) ? [] : validate.errors).toEqual([]);
  });

  it.each([
    ['installScope outside cluster|namespace', (v: any) => (v.installScope = 'everywhere')],
    ['deletionPolicy outside delete|retain', (v: any) => (v.deletionPolicy = 'keep')],
    ['a misspelt top-level key', (v: any) => (v.watchNamespaces = 'a')],
    ['a kind the controller lacks in reconcile.resources', (v: any) => (v.reconcile.resources = ['Gizmo'])],
    ['a kind the controller lacks in resourceResyncPeriods', (v: any) => (v.reconcile.resourceResyncPeriods = { Gizmo: 60 })],
    ['a zero per-kind concurrency', (v: any) => (v.reconcile.resourceMaxConcurrentSyncs = { Widget: 0 })],
    ['an unknown feature gate', (v: any) => (v.featureGates = { Teleport: true })],
    ['a non-boolean feature gate', (v: any) => (v.featureGates = { ResourceAdoption: 'yes' })],
    ['a tag without =', (v: any) => (v.resourceTags = ['team'])],
    ['an invalid namespace list', (v: any) => (v.watchNamespace = 'a,,b')],
    ['an unknown log level', (v: any) => (v.log.level = 'verbose')],
  ])('rejects %s', (_, patch) => {
    expect(withValues(patch)).toBe(false);
  });

  it('accepts what users set', () => {
    expect(
      withValues((v) => {
        v.installScope = 'namespace';
        v.watchNamespace = 'team-a,team-b';
        v.serviceAccount.annotations = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/ack' };
        v.reconcile.resourceResyncPeriods = { Widget: 600 };
        v.aws.region = 'eu-west-1';
      }),
    ).toBe(true);
  });

  it('every feature gate of the values is one the controller accepts', () => {
    const gates = Object.entries(values.featureGates).map(([k, on]) => `${k}=${on}`).join(',');
    expect(() => parseFlags(['--aws-region', 'x', '--feature-gates', gates], ['Widget'])).not.toThrow();
  });
});

describe('the Deployment passes only flags the controller defines', () => {
  const deployment = file('helm/templates/deployment.yaml');
  const known = new Set(buildCommand(['Widget']).options.map((o) => o.long));
  const passed = [...deployment.matchAll(/^\s*- (--[a-z-]+)/gm)].map((m) => m[1]!);

  it('names each flag the runtime parses', () => {
    expect(passed.length).toBeGreaterThan(15);
    expect(passed.filter((f) => !known.has(f))).toEqual([]);
  });

  it("covers ACK's chart flags", () => {
    for (const f of [
      '--aws-region', '--aws-endpoint-url', '--aws-identity-endpoint-url', '--allow-unsafe-aws-endpoint-urls', '--enable-development-logging',
      '--log-level', '--resource-tags', '--watch-namespace', '--watch-selectors', '--reconcile-resources', '--deletion-policy',
      '--enable-leader-election', '--leader-election-namespace', '--reconcile-default-resync-seconds', '--reconcile-resource-resync-seconds',
      '--reconcile-default-max-concurrent-syncs', '--reconcile-resource-max-concurrent-syncs', '--feature-gates',
    ]) {
      expect(passed).toContain(f);
    }
    expect(deployment).toContain('- --enable-carm={{ .Values.enableCARM }}');
  });

  it('runs locked down: non-root, read-only root, no capabilities, no escalation, seccomp RuntimeDefault', () => {
    for (const line of [
      'runAsNonRoot: true',
      'readOnlyRootFilesystem: true',
      'allowPrivilegeEscalation: false',
      'type: RuntimeDefault',
      '- ALL',
    ]) {
      expect(deployment).toContain(line);
    }
  });
});
