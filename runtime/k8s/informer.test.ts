import type { KubeClient, WatchEvent } from './client';
import { KubeApiError } from './http';
import { fingerprint, Informer, isMeaningfulChange } from './informer';
import type { KubeObject } from './types';

const obj = (name: string, rv: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'X',
  metadata: { name, namespace: 'ns', resourceVersion: rv, generation: 1, ...extra },
});

/** Scripted API: each list returns the next snapshot; each watch plays the next script. */
function fakeClient(lists: KubeObject[][], watches: (WatchEvent[] | Error)[]) {
  const calls: string[] = [];
  const client = {
    async list() {
      calls.push('list');
      const items = lists.shift() ?? [];
      return { items, resourceVersion: String(100 + calls.length) };
    },
    async *watch(_ref: unknown, _ns: unknown, o: { resourceVersion: string; signal?: AbortSignal; onOpen?: () => void }) {
      calls.push(`watch@${o.resourceVersion}`);
      const script = watches.shift();
      if (script instanceof Error) throw script;
      o.onOpen?.();
      if (!script) {
        await new Promise<void>((r) => o.signal?.addEventListener('abort', () => r()));
        return;
      }
      for (const ev of script) yield ev;
    },
  };
  return { client: client as unknown as KubeClient, calls };
}

const log = { info() {}, warn() {} };
const until = async (f: () => boolean) => {
  for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('informer', () => {
  it('stop() cuts a retry backoff short instead of waiting it out', async () => {
    const { client, calls } = fakeClient([], [new Error('boom'), new Error('boom')]);
    const inf = new Informer({ client, ref: { group: 'g', version: 'v', plural: 'xs' }, namespaces: [], log, retryMaxMs: 60_000, onEvent: () => undefined });
    inf.start();
    await until(() => calls.length >= 3); // list and two failing watches: now in a backoff of about 1 s
    const started = Date.now();
    await inf.stop();
    expect(Date.now() - started).toBeLessThan(300);
  });

  it('lists, watches from the list resourceVersion, and tracks it through events', async () => {
    const { client, calls } = fakeClient([[obj('a', '1')]], [[{ type: 'MODIFIED', object: obj('a', '7', { generation: 2 }) }, { type: 'BOOKMARK', object: obj('', '9') }], []]);
    const seen: string[] = [];
    const inf = new Informer({ client, ref: { group: 'g', version: 'v', plural: 'xs' }, namespaces: [], log, onEvent: (e, k) => seen.push(`${e}:${k}`) });
    inf.start();
    await until(() => calls.length >= 3);
    await inf.stop();
    expect(seen).toEqual(['added:ns/a', 'updated:ns/a']);
    expect(calls.slice(0, 3)).toEqual(['list', 'watch@101', 'watch@9']);
    expect(inf.synced).toBe(true);
  });

  it('relists on 410 Gone (in-stream ERROR or HTTP) and reports what changed or vanished meanwhile', async () => {
    const gone = { type: 'ERROR', object: { code: 410, reason: 'Expired', message: 'too old' } } as unknown as WatchEvent;
    const { client, calls } = fakeClient(
      [[obj('a', '1'), obj('b', '1')], [obj('a', '5', { generation: 2 }), obj('c', '1')], [obj('a', '5', { generation: 2 }), obj('c', '1')]],
      [[gone], new KubeApiError(410, 'Expired', 'too old')],
    );
    const seen: string[] = [];
    const inf = new Informer({ client, ref: { group: 'g', version: 'v', plural: 'xs' }, namespaces: [], log, onEvent: (e, k) => seen.push(`${e}:${k}`) });
    inf.start();
    await until(() => inf.stats.relistsOnGone >= 2);
    await inf.stop();
    expect(seen).toEqual(['added:ns/a', 'added:ns/b', 'updated:ns/a', 'added:ns/c', 'deleted:ns/b']);
    expect(calls.filter((c) => c === 'list').length).toBeGreaterThanOrEqual(2);
  });

  it('retries after a failed watch, resuming from the last resourceVersion', async () => {
    const { client, calls } = fakeClient([[obj('a', '1')]], [new Error('ECONNRESET'), []]);
    const inf = new Informer({ client, ref: { group: 'g', version: 'v', plural: 'xs' }, namespaces: [], log, onEvent: () => undefined, retryMaxMs: 10 });
    inf.start();
    await until(() => calls.length >= 3);
    await inf.stop();
    expect(calls.slice(0, 3)).toEqual(['list', 'watch@101', 'watch@101']);
    expect(inf.stats.errors).toBe(1);
  });

  it('is unhealthy from a failed watch until a watch opens again (an API server outage is not silence)', async () => {
    const outage = Array.from({ length: 3 }, () => new Error('connect ECONNREFUSED'));
    const { client, calls } = fakeClient([[obj('a', '1')]], [[], ...outage]);
    const inf = new Informer({ client, ref: { group: 'g', version: 'v', plural: 'xs' }, namespaces: [], log, onEvent: () => undefined, retryMaxMs: 40 });
    const health: boolean[] = [];
    const probe = setInterval(() => health.push(inf.healthy), 2);
    inf.start();
    await until(() => calls.length >= 6);
    await until(() => inf.healthy);
    clearInterval(probe);
    const healthy = inf.healthy;
    await inf.stop();
    // list, watch (ends), 3 refused watches, then one that stays open.
    expect(calls.slice(0, 6)).toEqual(['list', 'watch@101', 'watch@101', 'watch@101', 'watch@101', 'watch@101']);
    expect(health).toContain(false);
    expect(healthy).toBe(true);
  });

  it('stays healthy through a quiet open watch: silence makes the watchdog reconnect, readiness does not drop meanwhile', async () => {
    // One open watch that never sends anything, then reconnects the watchdog makes (each also quiet).
    const { client } = fakeClient([[obj('a', '1')]], []);
    const inf = new Informer({ client, ref: { group: 'g', version: 'v', plural: 'xs' }, namespaces: ['n1', 'n2'], log, silenceMs: 40, onEvent: () => undefined });
    inf.start();
    await until(() => inf.healthy);
    const health: boolean[] = [];
    const probe = setInterval(() => health.push(inf.healthy), 1);
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(probe);
    const restarts = inf.stats.watchdogRestarts;
    await inf.stop();
    expect(restarts).toBeGreaterThanOrEqual(4); // the watchdog did act on the silence, several times
    expect(health.length).toBeGreaterThan(50);
    expect(health.filter((h) => !h)).toEqual([]);
  });

  it('is unhealthy once a reconnect has neither opened nor failed for the silence window (a hanging API server)', async () => {
    const { client } = fakeClient([[obj('a', '1')]], []);
    let hang = false;
    const watch = client.watch.bind(client);
    (client as { watch: typeof client.watch }).watch = ((ref, ns, o) =>
      hang
        ? (async function* () {
            await new Promise<void>((r) => o.signal?.addEventListener('abort', () => r()));
          })()
        : watch(ref, ns, o)) as typeof client.watch;
    const inf = new Informer({ client, ref: { group: 'g', version: 'v', plural: 'xs' }, namespaces: [], log, silenceMs: 40, onEvent: () => undefined });
    inf.start();
    await until(() => inf.healthy);
    hang = true; // the watchdog's next reconnect never opens
    await until(() => !inf.healthy);
    const healthy = inf.healthy;
    await inf.stop();
    expect(healthy).toBe(false);
  });

  it('treats status-only writes as not worth a reconcile', () => {
    const a = fingerprint(obj('a', '1'));
    expect(isMeaningfulChange(a, { ...a, resourceVersion: '2' })).toBe(false);
    expect(isMeaningfulChange(a, fingerprint(obj('a', '2', { generation: 2 })))).toBe(true);
    expect(isMeaningfulChange(a, fingerprint(obj('a', '2', { annotations: { 'services.k8s.aws/region': 'x' } })))).toBe(true);
    expect(isMeaningfulChange(a, fingerprint(obj('a', '2', { deletionTimestamp: 'now' })))).toBe(true);
  });
});
