import { KubeApiError } from '../k8s/http';
import type { KubeObject } from '../k8s/types';
import type { Condition } from '../reconcile/conditions';
import { FakeEvents, FakeStore, silentLog } from '../testing/fakes';
import { reconcileFieldExport, type FieldExportEnv, type TargetPort } from './reconcile';
import { FIELD_EXPORT_FINALIZER, type TargetKind } from './spec';
import type { TargetObject } from './target';

const GROUP = 'sagemaker.services.k8s.aws';
const SYNCED = [{ type: 'ACK.ResourceSynced', status: 'True' }];

/** ConfigMaps and Secrets in memory, in the namespaces that exist; writes are recorded. */
class FakeTargets implements TargetPort {
  readonly objects = new Map<string, TargetObject>();
  readonly writes: string[] = [];
  forbidden = false;
  constructor(readonly namespaces = new Set(['team-a', 'shared'])) {}
  private key = (kind: TargetKind, ns: string, name: string) => `${kind}/${ns}/${name}`;
  async get(kind: TargetKind, ns: string, name: string) {
    if (this.forbidden) throw new KubeApiError(403, 'Forbidden', `${kind}s "${name}" is forbidden`);
    return this.objects.get(this.key(kind, ns, name));
  }
  /** Created by someone else between our read and our create. */
  raceOnCreate: TargetObject | undefined;
  async create(kind: TargetKind, ns: string, body: Record<string, unknown>) {
    if (!this.namespaces.has(ns)) throw new KubeApiError(404, 'NotFound', `namespaces "${ns}" not found`);
    const meta = body.metadata as { name: string };
    if (this.raceOnCreate) {
      this.objects.set(this.key(kind, ns, meta.name), this.raceOnCreate);
      this.raceOnCreate = undefined;
      throw new KubeApiError(409, 'AlreadyExists', `${kind}s "${meta.name}" already exists`);
    }
    this.writes.push(`create ${kind} ${ns}/${meta.name}`);
    this.objects.set(this.key(kind, ns, meta.name), body as unknown as TargetObject);
  }
  async patch(kind: TargetKind, ns: string, name: string, patch: Record<string, unknown>) {
    const cur = this.objects.get(this.key(kind, ns, name))!;
    const data: Record<string, string> = { ...(cur.data ?? {}) };
    for (const [k, v] of Object.entries((patch.data ?? {}) as Record<string, string | null>)) {
      if (v === null) delete data[k];
      else data[k] = v;
    }
    this.writes.push(`patch ${kind} ${ns}/${name}`);
    this.objects.set(this.key(kind, ns, name), { ...cur, data });
  }
  data(kind: TargetKind, ns: string, name: string) {
    return this.objects.get(this.key(kind, ns, name))?.data;
  }
}

function endpoint(status: Record<string, unknown> = { conditions: SYNCED }): KubeObject {
  return { apiVersion: `${GROUP}/v1alpha1`, kind: 'Endpoint', metadata: { name: 'ep', namespace: 'team-a' }, spec: { endpointName: 'ep-aws', endpointConfigName: 'cfg-1' }, status };
}

function fieldExport(over: { path?: string; to?: Record<string, unknown>; group?: string; kind?: string } = {}): KubeObject {
  return {
    apiVersion: 'services.k8s.aws/v1alpha1',
    kind: 'FieldExport',
    metadata: { name: 'ep-name', namespace: 'team-a', generation: 1 },
    spec: {
      from: { resource: { group: over.group ?? GROUP, kind: over.kind ?? 'Endpoint', name: 'ep' }, path: over.path ?? '.spec.endpointName' },
      to: over.to ?? { kind: 'configmap', name: 'out' },
    },
  };
}

function harness(fe: KubeObject, opts: { source?: KubeObject | null; crossNamespace?: boolean } = {}) {
  const store = new FakeStore(fe);
  const targets = new FakeTargets();
  const events = new FakeEvents();
  const sources = new Map<string, KubeObject>();
  if (opts.source !== null) sources.set('endpoints/team-a/ep', opts.source ?? endpoint());
  const env: FieldExportEnv = {
    group: GROUP,
    version: 'v1alpha1',
    kinds: new Map([['endpoint', { kind: 'Endpoint', plural: 'endpoints' }], ['trainingjob', { kind: 'TrainingJob', plural: 'trainingjobs' }]]),
    sources: { get: async (ref, ns, name) => sources.get(`${ref.plural}/${ns}/${name}`) },
    targets,
    store,
    events,
    log: silentLog,
    enableCrossNamespace: opts.crossNamespace ?? true,
    createdLabels: { 'app.kubernetes.io/managed-by': 'ack-sagemaker-controller' },
    now: () => new Date('2026-12-07T08:00:00Z'),
  };
  const run = () => reconcileFieldExport(store.obj!, env);
  const condition = (type: string) => ((store.obj?.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
  return { store, targets, events, sources, env, run, condition };
}

describe('reconcileFieldExport', () => {
  it('adds the finalizer, creates the missing ConfigMap with the key, and says Synced', async () => {
    const t = harness(fieldExport());
    expect(await t.run()).toEqual({ kind: 'exported' });
    expect(t.store.obj!.metadata.finalizers).toEqual([FIELD_EXPORT_FINALIZER]);
    expect(t.targets.data('configmap', 'team-a', 'out')).toEqual({ 'team-a.ep-name': 'ep-aws' });
    expect(t.condition('ACK.ResourceSynced')).toMatchObject({ status: 'True', reason: 'Exported', message: 'exported .spec.endpointName of Endpoint team-a/ep to configmap team-a/out, key team-a.ep-name' });
    expect(t.condition('Ready')?.status).toBe('True');
    expect(t.events.reasons()).toEqual(['Exported']);
  });

  it('an unchanged source is no write at all: not the target, not the status', async () => {
    const t = harness(fieldExport());
    await t.run();
    const writes = [...t.store.writes];
    await t.run();
    expect(t.targets.writes).toEqual(['create configmap team-a/out']);
    expect(t.store.writes).toEqual(writes);
  });

  it('follows the source: a changed value is patched into the same key, other keys untouched', async () => {
    const t = harness(fieldExport({ path: '.spec.endpointConfigName', to: { kind: 'configmap', name: 'out', key: 'CONFIG' } }));
    t.targets.objects.set('configmap/team-a/out', { metadata: { name: 'out' }, data: { mine: 'kept' } });
    await t.run();
    t.sources.set('endpoints/team-a/ep', { ...endpoint(), spec: { endpointName: 'ep-aws', endpointConfigName: 'cfg-2' } });
    await t.run();
    expect(t.targets.data('configmap', 'team-a', 'out')).toEqual({ mine: 'kept', CONFIG: 'cfg-2' });
    expect(t.targets.writes).toEqual(['patch configmap team-a/out', 'patch configmap team-a/out']);
  });

  it('another export creating the same target first: its key is kept and ours patched in at once', async () => {
    const t = harness(fieldExport());
    t.targets.raceOnCreate = { metadata: { name: 'out' }, data: { theirs: 'x' } };
    expect(await t.run()).toEqual({ kind: 'exported' });
    expect(t.targets.data('configmap', 'team-a', 'out')).toEqual({ theirs: 'x', 'team-a.ep-name': 'ep-aws' });
  });

  it('writes a Secret key base64-encoded', async () => {
    const t = harness(fieldExport({ path: '.status.ackResourceMetadata.arn', to: { kind: 'secret', name: 'creds', key: 'arn' } }), {
      source: endpoint({ conditions: SYNCED, ackResourceMetadata: { arn: 'arn:aws:sagemaker:us-east-1:1:endpoint/ep-aws' } }),
    });
    expect(await t.run()).toEqual({ kind: 'exported' });
    expect(Buffer.from(t.targets.data('secret', 'team-a', 'creds')!['arn']!, 'base64').toString()).toBe('arn:aws:sagemaker:us-east-1:1:endpoint/ep-aws');
  });

  it('a bad path is Terminal (no retry until the spec changes), naming the problem and what is supported', async () => {
    const t = harness(fieldExport({ path: '.spec.endpointName | length' }));
    expect(await t.run()).toEqual({ kind: 'terminal', reason: 'InvalidPath' });
    expect(t.condition('ACK.Terminal')).toMatchObject({ status: 'True', reason: 'InvalidPath', message: expect.stringMatching(/^unable to parse path ".spec.endpointName \| length": expected a path starting with "." at column 22; supported: /), observedGeneration: 1 });
    expect(t.condition('ACK.ResourceSynced')?.status).toBe('False');
    expect(t.targets.writes).toEqual([]);
    expect(t.events.reasons()).toEqual(['InvalidPath']);
  });

  it('a path with no value waits for the source (Recoverable), and exports once the field appears', async () => {
    const t = harness(fieldExport({ path: '.status.modelArtifacts.s3ModelArtifacts', kind: 'Endpoint' }));
    expect(await t.run()).toEqual({ kind: 'waiting', reason: 'PathNotFound' });
    expect(t.condition('ACK.Recoverable')).toMatchObject({ status: 'True', reason: 'PathNotFound', message: 'path ".status.modelArtifacts.s3ModelArtifacts" does not exist in Endpoint team-a/ep' });
    t.sources.set('endpoints/team-a/ep', endpoint({ conditions: SYNCED, modelArtifacts: { s3ModelArtifacts: 's3://b/model.tar.gz' } }));
    expect(await t.run()).toEqual({ kind: 'exported' });
    expect(t.condition('ACK.Recoverable')).toBeUndefined();
  });

  it('a source that is not synced yet is waited for, and nothing is written', async () => {
    const t = harness(fieldExport(), { source: endpoint({ conditions: [{ type: 'ACK.ResourceSynced', status: 'False' }] }) });
    expect(await t.run()).toEqual({ kind: 'waiting', reason: 'SourceNotSynced' });
    expect(t.condition('ACK.Recoverable')).toMatchObject({ reason: 'SourceNotSynced', message: 'the source resource Endpoint team-a/ep is not synced yet' });
    expect(t.targets.writes).toEqual([]);
  });

  it('a missing source is waited for', async () => {
    const t = harness(fieldExport(), { source: null });
    expect(await t.run()).toEqual({ kind: 'waiting', reason: 'SourceNotFound' });
    expect(t.condition('ACK.Recoverable')?.message).toBe('the source resource Endpoint team-a/ep does not exist');
  });

  it('a missing target namespace is Recoverable and retried, saying which namespace', async () => {
    const t = harness(fieldExport({ to: { kind: 'configmap', name: 'out', namespace: 'nowhere' } }));
    expect(await t.run()).toEqual({ kind: 'retry', reason: 'TargetNamespaceNotFound' });
    expect(t.condition('ACK.Recoverable')?.message).toBe('cannot write configmap nowhere/out: namespace "nowhere" does not exist');
  });

  it('a target the controller may not touch is Recoverable, with the API server\'s answer', async () => {
    const t = harness(fieldExport());
    t.targets.forbidden = true;
    expect(await t.run()).toEqual({ kind: 'retry', reason: 'TargetForbidden' });
    expect(t.condition('ACK.Recoverable')?.message).toMatch(/^cannot write configmap team-a\/out: the controller is not allowed to \(configmaps "out" is forbidden\)$/);
  });

  it('cross-namespace target denied without --enable-cross-namespace: Terminal, nothing written', async () => {
    const t = harness(fieldExport({ to: { kind: 'configmap', name: 'out', namespace: 'shared' } }), { crossNamespace: false });
    expect(await t.run()).toEqual({ kind: 'terminal', reason: 'CrossNamespaceNotAllowed' });
    expect(t.condition('ACK.Terminal')?.message).toMatch(/^cross-namespace field export is not allowed/);
    expect(t.targets.writes).toEqual([]);
  });

  it('cross-namespace target allowed by default, with the ACK.Advisory', async () => {
    const t = harness(fieldExport({ to: { kind: 'configmap', name: 'out', namespace: 'shared' } }));
    expect(await t.run()).toEqual({ kind: 'exported' });
    expect(t.targets.data('configmap', 'shared', 'out')).toEqual({ 'team-a.ep-name': 'ep-aws' });
    expect(t.condition('ACK.Advisory')).toMatchObject({ status: 'True', reason: 'CrossNamespaceOptInRequired' });
  });

  it('a kind the service does not have is Terminal, listing its kinds', async () => {
    const t = harness(fieldExport({ kind: 'Bucket' }));
    expect(await t.run()).toEqual({ kind: 'terminal', reason: 'UnknownKind' });
    expect(t.condition('ACK.Terminal')?.message).toBe('kind "Bucket" is not a kind of sagemaker.services.k8s.aws; its kinds are Endpoint, TrainingJob');
  });

  it('matches the kind case-insensitively, as ACK does', async () => {
    const t = harness(fieldExport({ kind: 'endpoint' }));
    expect(await t.run()).toEqual({ kind: 'exported' });
  });

  it('an invalid key is Terminal', async () => {
    const t = harness(fieldExport({ to: { kind: 'configmap', name: 'out', key: 'no spaces' } }));
    expect(await t.run()).toEqual({ kind: 'terminal', reason: 'InvalidKey' });
  });

  it("another group's FieldExport is left alone: no finalizer, no status", async () => {
    const t = harness(fieldExport({ group: 'applicationautoscaling.services.k8s.aws', kind: 'ScalableTarget' }));
    expect(await t.run()).toEqual({ kind: 'ignored' });
    expect(t.store.writes).toEqual([]);
  });

  it('on delete: removes the key it wrote (other keys stay) and then its finalizer', async () => {
    const t = harness(fieldExport());
    t.targets.objects.set('configmap/team-a/out', { metadata: { name: 'out' }, data: { mine: 'kept' } });
    await t.run();
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'deleted' });
    expect(t.targets.data('configmap', 'team-a', 'out')).toEqual({ mine: 'kept' });
    expect(t.store.obj).toBeUndefined();
  });

  it('on delete: a target that is gone or forbidden does not wedge the deletion', async () => {
    const t = harness(fieldExport());
    await t.run();
    t.targets.forbidden = true;
    t.store.markDeleted();
    expect(await t.run()).toEqual({ kind: 'deleted' });
    expect(t.store.obj).toBeUndefined();
  });
});
