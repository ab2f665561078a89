// The selector cache over a fake API (list, then a watch the test feeds): valid selectors kept, invalid
// ones dropped with their earlier version, deletions seen, changes after the first list reported.
import type { KubeClient, WatchEvent } from '../k8s/client';
import { KubeApiError } from '../k8s/http';
import type { KubeObject } from '../k8s/types';
import { SelectorCache } from './iam-role-selector-cache';

const selector = (name: string, arn: string, rv = '1'): KubeObject => ({
  apiVersion: 'services.k8s.aws/v1alpha1',
  kind: 'IAMRoleSelector',
  metadata: { name, resourceVersion: rv },
  spec: { arn },
});

function fakeApi(items: KubeObject[], opts: { missingCrd?: boolean } = {}) {
  const pending: WatchEvent[] = [];
  let wake: (() => void) | undefined;
  const client = {
    list: async () => {
      if (opts.missingCrd) throw new KubeApiError(404, 'NotFound', 'the server could not find the requested resource');
      return { items, resourceVersion: '10' };
    },
    async *watch(_ref: unknown, _ns: unknown, o: { signal?: AbortSignal }) {
      while (!o.signal?.aborted) {
        const ev = pending.shift();
        if (ev) yield ev;
        else await new Promise<void>((r) => ((wake = r), o.signal?.addEventListener('abort', () => r(), { once: true })));
      }
    },
  } as unknown as KubeClient;
  return { client, send: (ev: WatchEvent) => (pending.push(ev), wake?.()) };
}

const log = { info: () => {}, warn: () => {}, error: jest.fn() };
const until = async (f: () => boolean) => {
  for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(f()).toBe(true);
};

describe('SelectorCache', () => {
  it('keeps the valid selectors of the first list, then follows adds, invalid edits and deletes', async () => {
    const api = fakeApi([selector('a', 'arn:aws:iam::111111111111:role/a'), selector('bad', 'not-an-arn')]);
    const onChange = jest.fn();
    const cache = new SelectorCache({ client: api.client, log, onChange });
    await cache.start();
    try {
      await until(() => cache.synced);
      expect([...cache.all()].map((s) => s.name)).toEqual(['a']);
      expect(log.error).toHaveBeenCalledWith('IAMRoleSelector ignored', expect.objectContaining({ selector: 'bad' }));
      expect(onChange).not.toHaveBeenCalled();

      api.send({ type: 'ADDED', object: selector('b', 'arn:aws:iam::222222222222:role/b', '11') });
      await until(() => [...cache.all()].length === 2);
      expect(onChange).toHaveBeenCalledTimes(1);

      api.send({ type: 'MODIFIED', object: selector('a', '', '12') });
      await until(() => ![...cache.all()].some((s) => s.name === 'a'));

      api.send({ type: 'DELETED', object: selector('b', 'arn:aws:iam::222222222222:role/b', '13') });
      await until(() => [...cache.all()].length === 0);
      expect(onChange).toHaveBeenCalledTimes(3);
    } finally {
      await cache.stop();
    }
  });

  it('without the CRD, start fails with one line naming it', async () => {
    const cache = new SelectorCache({ client: fakeApi([], { missingCrd: true }).client, log });
    await expect(cache.start()).rejects.toThrow(
      "the IAMRoleSelector feature gate is on, but the CRD iamroleselectors.services.k8s.aws is not installed: apply the chart's crds/services.k8s.aws_iamroleselectors.yaml (helm installs it with the chart)",
    );
  });
});
