import type { KubeObject } from '../k8s/types';
import { fieldExportAction } from './controller';
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
