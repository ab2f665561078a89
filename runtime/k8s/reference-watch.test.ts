import type { ResourceRef } from './client';
import type { InformerEvent } from './informer';
import { ReferenceWatch, type Waiter } from './reference-watch';

const ROLES = { group: 'iam.services.k8s.aws', version: 'v1alpha1', plural: 'roles' };
const OWN = { group: 'sqs.services.k8s.aws', version: 'v1alpha1', plural: 'queues' };

function setup(namespaces: string[] = []) {
  const started: string[] = [];
  const stopped: string[] = [];
  const feeds = new Map<string, (event: InformerEvent, key: string) => void>();
  const woken: Waiter[] = [];
  const watch = new ReferenceWatch({
    namespaces,
    wake: (w) => woken.push(w),
    watch: (ref: ResourceRef, onEvent) => {
      feeds.set(ref.plural, onEvent);
      return { start: () => started.push(ref.plural), stop: async () => void stopped.push(ref.plural) };
    },
  });
  return { watch, started, stopped, feeds, woken };
}

describe('ReferenceWatch', () => {
  it('starts one watch per other kind, the first time something waits for it, and wakes every waiter of that object once', async () => {
    const t = setup();
    t.watch.await({ ...ROLES, namespace: 'ns', name: 'exec' }, { kind: 'TrainingJob', key: 'ns/a' });
    t.watch.await({ ...ROLES, namespace: 'ns', name: 'exec' }, { kind: 'Model', key: 'ns/b' });
    t.watch.await({ ...ROLES, namespace: 'ns', name: 'other' }, { kind: 'Model', key: 'ns/c' });
    expect(t.started).toEqual(['roles']);
    expect(t.watch.size).toBe(3);
    t.feeds.get('roles')!('updated', 'ns/unrelated');
    expect(t.woken).toEqual([]);
    t.feeds.get('roles')!('updated', 'ns/exec');
    expect(t.woken).toEqual([{ kind: 'TrainingJob', key: 'ns/a' }, { kind: 'Model', key: 'ns/b' }]);
    // Woken once: the reconcile registers again if it still has to wait.
    t.feeds.get('roles')!('updated', 'ns/exec');
    expect(t.woken).toHaveLength(2);
    expect(t.watch.size).toBe(1);
    await t.watch.stop();
    expect(t.stopped).toEqual(['roles']);
  });

  it('a deletion wakes nobody; a kind the controller watches itself gets no second watch', () => {
    const t = setup();
    t.watch.covers(OWN);
    t.watch.await({ ...OWN, namespace: 'ns', name: 'dlq' }, { kind: 'Queue', key: 'ns/q' });
    expect(t.started).toEqual([]);
    t.watch.changed(OWN, 'ns/dlq', 'deleted');
    expect(t.woken).toEqual([]);
    t.watch.changed(OWN, 'ns/dlq', 'added');
    expect(t.woken).toEqual([{ kind: 'Queue', key: 'ns/q' }]);
  });

  it('does not watch a namespace outside --watch-namespace: backoff covers it', () => {
    const t = setup(['team-a']);
    t.watch.await({ ...ROLES, namespace: 'shared', name: 'exec' }, { kind: 'Model', key: 'team-a/m' });
    expect(t.started).toEqual([]);
    expect(t.watch.size).toBe(0);
  });

  it('after stop, nothing new is watched', async () => {
    const t = setup();
    await t.watch.stop();
    t.watch.await({ ...ROLES, namespace: 'ns', name: 'exec' }, { kind: 'Model', key: 'ns/m' });
    expect(t.started).toEqual([]);
  });
});
