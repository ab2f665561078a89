import type { KubeClient } from './client';
import { EventRecorder, keyedEventName } from './events';
import { KubeApiError } from './http';
import type { KubeObject } from './types';

const obj = (name: string, uid = 'uid-1'): KubeObject => ({ apiVersion: 'x/v1', kind: 'TrainingJob', metadata: { name, namespace: 'ns', uid } });

describe('keyed events', () => {
  it('names are a function of the object uid and the key', () => {
    const a = keyedEventName(obj('job'), 'Training@1');
    expect(a).toMatch(/^job\.[0-9a-f]{20}$/);
    expect(keyedEventName(obj('job'), 'Training@1')).toBe(a);
    expect(keyedEventName(obj('job'), 'Training@2')).not.toBe(a);
    expect(keyedEventName(obj('job', 'uid-2'), 'Training@1')).not.toBe(a);
    expect(keyedEventName(obj('j'.repeat(253)), 'k').length).toBe(253);
  });

  it('a second copy (AlreadyExists) is not an error; other failures are reported', async () => {
    const names: string[] = [];
    const errors: unknown[] = [];
    let fail: Error | undefined;
    const client = {
      create: async (_ref: unknown, _ns: unknown, body: { metadata: { name: string } }) => {
        names.push(body.metadata.name);
        if (fail) throw fail;
        return body;
      },
    } as unknown as KubeClient;
    const recorder = new EventRecorder(client, 'test', (e) => errors.push(e));
    fail = new KubeApiError(409, 'AlreadyExists', 'events "job.abc" already exists');
    recorder.emit(obj('job'), 'Normal', 'Training', 'm', { key: 'Training@1' });
    recorder.emit(obj('job'), 'Normal', 'Training', 'm', { key: 'Training@1' });
    fail = new KubeApiError(403, 'Forbidden', 'no');
    recorder.emit(obj('job'), 'Normal', 'Training', 'm', { key: 'Training@2' });
    await new Promise((r) => setImmediate(r));
    expect(names[0]).toBe(names[1]);
    expect(errors).toHaveLength(1);
  });
});
