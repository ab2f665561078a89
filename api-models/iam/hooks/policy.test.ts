import type { HookContext, ResourceView, SdkObject } from '../../../runtime/descriptor';
import { nonDefaultOldestFirst, policy } from './policy';

const view = (arn?: string): ResourceView => ({ namespace: 'n', name: 'p', generation: 1, annotations: {}, spec: {}, status: arn ? { ackResourceMetadata: { arn } } : {} });
const ctxWith = (versions: object[]) => {
  const calls: Array<[string, SdkObject]> = [];
  const ctx: HookContext = {
    region: 'us-east-1',
    accountId: '1',
    log: () => undefined,
    call: async (op, input) => {
      calls.push([op, input]);
      if (op === 'ListPolicyVersions') return { Versions: versions };
      if (op === 'GetPolicyVersion') return { PolicyVersion: { Document: '%7B%22a%22%3A1%7D' } };
      return {};
    },
  };
  return { ctx, calls };
};
const v = (id: string, day: number, isDefault = false) => ({ VersionId: id, IsDefaultVersion: isDefault, CreateDate: new Date(2026, 0, day) });

describe('iam Policy hooks', () => {
  it('orders non-default versions oldest first', () => {
    expect(nonDefaultOldestFirst([v('v3', 3), v('v1', 1, true), v('v2', 2)])).toEqual(['v2', 'v3']);
  });

  it('reads the default version document into the policy', async () => {
    const { ctx, calls } = ctxWith([]);
    const out = await policy.afterReadOne!({ Policy: { Arn: 'arn', DefaultVersionId: 'v2' } }, view(), ctx);
    expect(calls).toEqual([['GetPolicyVersion', { PolicyArn: 'arn', VersionId: 'v2' }]]);
    expect((out.Policy as SdkObject).PolicyDocument).toBe('%7B%22a%22%3A1%7D');
  });

  it('at five versions deletes the oldest non-default one before a new version; below, nothing', async () => {
    const full = ctxWith([v('v5', 5, true), v('v2', 2), v('v3', 3), v('v4', 4), v('v6', 6)]);
    await policy.beforeUpdate!({ PolicyArn: 'arn' }, [], view('arn'), view('arn'), full.ctx);
    expect(full.calls.filter(([op]) => op === 'DeletePolicyVersion')).toEqual([['DeletePolicyVersion', { PolicyArn: 'arn', VersionId: 'v2' }]]);
    const room = ctxWith([v('v1', 1, true), v('v2', 2)]);
    await policy.beforeUpdate!({ PolicyArn: 'arn' }, [], view('arn'), view('arn'), room.ctx);
    expect(room.calls.filter(([op]) => op === 'DeletePolicyVersion')).toEqual([]);
  });

  it('deletes every non-default version before the policy', async () => {
    const { ctx, calls } = ctxWith([v('v3', 3, true), v('v1', 1), v('v2', 2)]);
    await policy.beforeDelete!(view('arn'), ctx);
    expect(calls.filter(([op]) => op === 'DeletePolicyVersion').map(([, i]) => i.VersionId)).toEqual(['v1', 'v2']);
  });
});
