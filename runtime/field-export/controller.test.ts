// The FieldExport controller's pure parts: the source index, the requeue decision, the CRD probe.
import type { KubeObject } from '../k8s/types';
import type { KubeClient } from '../k8s/client';
import { KubeApiError } from '../k8s/http';
import { fieldExportAction, FieldExportController } from './controller';
import { SourceIndex } from './source-index';

const fe = (name: string, kind: string, source: string, namespace = 'team-a'): KubeObject => ({
  apiVersion: 'services.k8s.aws/v1alpha1',
  kind: 'FieldExport',
  metadata: { name, namespace },
  spec: { from: { resource: { group: 'sagemaker.services.k8s.aws', kind, name: source }, path: '.spec.x' }, to: { kind: 'configmap', name: 'out' } },
});

describe('SourceIndex', () => {
  it('finds the FieldExports reading a source, by kind (any case), namespace and name', () => {
    const index = new SourceIndex();
    index.set('team-a/one', fe('one', 'Endpoint', 'ep'));
    index.set('team-a/two', fe('two', 'endpoint', 'ep'));
    index.set('team-a/three', fe('three', 'Endpoint', 'other'));
    index.set('team-b/four', fe('four', 'Endpoint', 'ep', 'team-b'));
    expect([...index.readersOf('Endpoint', 'team-a/ep')].sort()).toEqual(['team-a/one', 'team-a/two']);
    expect(index.readersOf('TrainingJob', 'team-a/ep')).toEqual([]);
    expect(index.readersOf('Endpoint', 'team-b/ep')).toEqual(['team-b/four']);
  });

  it('moves a FieldExport whose source changed, and forgets removed ones and invalid specs', () => {
    const index = new SourceIndex();
    index.set('team-a/one', fe('one', 'Endpoint', 'ep'));
    index.set('team-a/one', fe('one', 'Endpoint', 'ep2'));
    expect(index.readersOf('Endpoint', 'team-a/ep')).toEqual([]);
    expect(index.readersOf('Endpoint', 'team-a/ep2')).toEqual(['team-a/one']);
    index.set('team-a/one', { ...fe('one', 'Endpoint', 'ep2'), spec: {} });
    expect(index.size).toBe(0);
    index.set('team-a/two', fe('two', 'Endpoint', 'ep'));
    index.remove('team-a/two');
    expect(index.size).toBe(0);
    expect(index.readersOf('Endpoint', 'team-a/ep')).toEqual([]);
  });
});

describe('fieldExportAction', () => {
  it('resyncs an export, backs off a failed target write, and waits for a change otherwise', () => {
    expect(fieldExportAction({ kind: 'exported' }, 60_000)).toEqual({ kind: 'requeueAfter', ms: 60_000 });
    expect(fieldExportAction({ kind: 'retry', reason: 'TargetForbidden' }, 60_000)).toEqual({ kind: 'backoff' });
    for (const kind of ['waiting', 'terminal'] as const) expect(fieldExportAction({ kind, reason: 'x' }, 60_000)).toEqual({ kind: 'awaitChange' });
    expect(fieldExportAction({ kind: 'deleted' }, 60_000)).toEqual({ kind: 'awaitChange' });
  });
});

describe('FieldExportController.crdServed', () => {
  const kube = (answer: () => Promise<unknown>) => ({ http: { request: answer } }) as unknown as KubeClient;

  it('is true only when discovery lists fieldexports in services.k8s.aws/v1alpha1', async () => {
    expect(await FieldExportController.crdServed(kube(async () => ({ resources: [{ name: 'iamroleselectors' }, { name: 'fieldexports' }] })))).toBe(true);
    expect(await FieldExportController.crdServed(kube(async () => ({ resources: [{ name: 'iamroleselectors' }] })))).toBe(false);
    expect(await FieldExportController.crdServed(kube(async () => Promise.reject(new KubeApiError(404, 'NotFound', 'the server could not find the requested resource'))))).toBe(false);
  });

  it('an API server that cannot answer is an error, not "not installed"', async () => {
    await expect(FieldExportController.crdServed(kube(async () => Promise.reject(new KubeApiError(503, 'ServiceUnavailable', 'down'))))).rejects.toThrow('down');
  });
});
