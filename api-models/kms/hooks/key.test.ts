import { DEFAULT_PENDING_WINDOW_DAYS, PENDING_WINDOW_ANNOTATION, key, pendingWindowInDays } from './key';

const view = (annotations: Record<string, string>) => ({ namespace: 'ns', name: 'k', generation: 1, annotations, spec: {}, status: {} });

describe('kms Key hooks', () => {
  it("the pending window comes from ACK's annotation, else ACK's default of 7 days", () => {
    expect(pendingWindowInDays({ [PENDING_WINDOW_ANNOTATION]: '30' })).toBe(30);
    expect(pendingWindowInDays({})).toBe(DEFAULT_PENDING_WINDOW_DAYS);
    expect(pendingWindowInDays({ [PENDING_WINDOW_ANNOTATION]: 'soon' })).toBe(7);
  });

  it('ScheduleKeyDeletion gets it with the key id', () => {
    expect(key.deleteInput!({ KeyId: 'k-1' }, view({ [PENDING_WINDOW_ANNOTATION]: '10' }))).toEqual({ KeyId: 'k-1', PendingWindowInDays: 10 });
  });
});
