import type { KubeObject } from '../k8s/types';
import { FakeAws, FakeAwsError, FakeEvents, FakeStore } from './fakes';
import { lifecycleConfig, sagemakerFixture } from './fixtures';
import type { ResourceDescriptor, ResourceHooks } from '../descriptor';
import type { Condition } from '../reconcile/conditions';
import type { ReconcileEnv } from '../reconcile/ports';
import { reconcile } from '../reconcile/reconcile';
import { RunState } from '../reconcile/run-state';

/** One resource, a fake AWS, a fake API server and recorded events/sleeps, for reconcile unit tests. */
export const FIN = 'finalizers.sagemaker.services.k8s.aws/NotebookInstanceLifecycleConfig';

export function lccObject(spec: Record<string, unknown> = {}, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'NotebookInstanceLifecycleConfig',
    metadata: { name: 'cfg', namespace: 'ns', annotations },
    spec: { notebookInstanceLifecycleConfigName: 'cfg', onCreate: [{ content: 'ZWNobyBoaQ==' }], ...spec },
  };
}

export function setup(obj: KubeObject, opts: { descriptor?: ResourceDescriptor; policy?: 'delete' | 'retain'; hooks?: ResourceHooks; region?: string } = {}) {
  const d = opts.descriptor ?? lifecycleConfig;
  const isModel = d.kind === 'Model';
  const nameMember = isModel ? 'ModelName' : 'NotebookInstanceLifecycleConfigName';
  const aws = new FakeAws(nameMember, d.arnMember!, (name) =>
    isModel
      ? new FakeAwsError('ValidationException', `Could not find model "${name}".`)
      : new FakeAwsError('ValidationException', `Unable to describe Notebook Instance Lifecycle Config '${name}'.`),
  );
  const store = new FakeStore(obj);
  const events = new FakeEvents();
  const sleeps: number[] = [];
  /** Every log line, as JSON text (what a log shipper would see). */
  const logs: string[] = [];
  const record = (level: string) => (msg: string, fields?: Record<string, unknown>) => void logs.push(JSON.stringify({ level, msg, ...fields }));
  const env: ReconcileEnv = {
    service: sagemakerFixture,
    descriptor: d,
    ...(opts.hooks ? { hooks: opts.hooks } : {}),
    aws,
    store,
    events,
    log: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    target: { region: opts.region ?? 'us-west-2', accountId: '111122223333', partition: 'aws' },
    deletionPolicy: opts.policy ?? 'delete',
    now: () => new Date('2026-02-01T00:00:00Z'),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  const run = () => reconcile(store.obj!, env);
  /** A fresh reconcile's state over the stored object, to drive one phase on its own. */
  const state = () => new RunState(store.obj!, env);
  const condition = (type: string) => ((store.obj?.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
  return { aws, store, events, env, run, state, condition, sleeps, logs };
}
