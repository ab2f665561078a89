import type { ResourceView } from '../descriptor';
import type { KubeObject } from '../k8s/types';
import { lccObject, setup } from '../testing/harness';
import { reconcile } from './reconcile';
import type { EventPort } from './ports';

describe('reconcile: the events hook', () => {
  it('sees the status as stored before the reconcile and as just read; its events are emitted with their keys', async () => {
    const seen: { latest: ResourceView; previous: ResourceView }[] = [];
    const t = setup(lccObject(), {
      hooks: {
        events: (latest, previous) => {
          seen.push({ latest, previous });
          return [{ type: 'Normal', reason: 'Progress', message: `read ${seen.length}`, key: `read-${seen.length}` }];
        },
      },
    });
    const emitted: { reason: string; message: string; key?: string }[] = [];
    const events: EventPort = {
      emit: (_o: KubeObject, _type, reason, message, opts) => void emitted.push({ reason, message, ...(opts?.key ? { key: opts.key } : {}) }),
    };
    const run = () => reconcile(t.store.obj!, { ...t.env, events });

    await run();
    expect(seen[0]!.previous.status).toEqual({});
    expect(seen[0]!.latest.status.ackResourceMetadata).toMatchObject({ arn: expect.stringContaining('cfg') });
    const stored = t.store.obj!.status;

    await run();
    expect(seen[1]!.previous.status).toEqual(stored);
    expect(emitted.filter((e) => e.reason === 'Progress')).toEqual([
      { reason: 'Progress', message: 'read 1', key: 'read-1' },
      { reason: 'Progress', message: 'read 2', key: 'read-2' },
    ]);
  });

  it('is not called when the read fails', async () => {
    let calls = 0;
    const t = setup(lccObject(), { hooks: { events: () => (calls++, []) } });
    await t.run();
    t.aws.fail('DescribeNotebookInstanceLifecycleConfig', Object.assign(new Error('boom'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }));
    await t.run();
    expect(calls).toBe(1);
  });
});
