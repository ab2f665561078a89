import { DELETION_POLL_MS, deletionOutcome, serviceLinkedRole } from './service-linked-role';
import type { HookContext, SdkObject } from '../../../runtime/descriptor';

const view = { namespace: 'n', name: 'r', generation: 1, annotations: {}, spec: {}, status: { roleName: 'AWSServiceRoleForX' } };
const ctx = (answer: SdkObject, calls: Array<[string, SdkObject]> = []): HookContext => ({
  call: async (op, input) => {
    calls.push([op, input]);
    return answer;
  },
  region: 'us-east-1',
  accountId: '123456789012',
  log: () => undefined,
});

describe('service-linked role deletion', () => {
  it('is done when AWS says SUCCEEDED, pending (a later look) while NOT_STARTED or IN_PROGRESS', () => {
    expect(deletionOutcome({ Status: 'SUCCEEDED' })).toBe('done');
    expect(deletionOutcome({ Status: 'IN_PROGRESS' })).toEqual({ requeueAfterMs: DELETION_POLL_MS, reason: 'service-linked role deletion is IN_PROGRESS' });
    expect(deletionOutcome({ Status: 'NOT_STARTED' })).toMatchObject({ reason: 'service-linked role deletion is NOT_STARTED' });
  });

  it("fails with AWS's reason and the resources still using the role", () => {
    const e = deletionOutcome({ Status: 'FAILED', Reason: { Reason: 'in use', RoleUsageList: [{ Region: 'us-east-1', Resources: ['arn:aws:ecs:us-east-1:1:cluster/a'] }] } });
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toBe('service-linked role deletion failed: in use (in use: us-east-1: arn:aws:ecs:us-east-1:1:cluster/a)');
  });

  it("afterDelete follows the delete's task id", async () => {
    const calls: Array<[string, SdkObject]> = [];
    await expect(serviceLinkedRole.afterDelete!(view, ctx({ Status: 'IN_PROGRESS' }, calls), { DeletionTaskId: 'task/1' })).resolves.toMatchObject({ requeueAfterMs: DELETION_POLL_MS });
    expect(calls).toEqual([['GetServiceLinkedRoleDeletionStatus', { DeletionTaskId: 'task/1' }]]);
    await expect(serviceLinkedRole.afterDelete!(view, ctx({ Status: 'SUCCEEDED' }), { DeletionTaskId: 'task/1' })).resolves.toBeUndefined();
    await expect(serviceLinkedRole.afterDelete!(view, ctx({ Status: 'FAILED' }), { DeletionTaskId: 'task/1' })).rejects.toThrow(/deletion failed/);
    await expect(serviceLinkedRole.afterDelete!(view, ctx({}), {})).resolves.toBeUndefined();
  });
});
