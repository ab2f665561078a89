import { applyAction, errorPolicy, nextVisit } from './error-policy';

describe('error policy: outcome to next visit', () => {
  it('synced resyncs at the period ±5 %', () => {
    expect(nextVisit({ kind: 'synced' }, 1000, () => 0)).toEqual({ kind: 'requeueAfter', ms: 950 });
    expect(nextVisit({ kind: 'synced' }, 1000, () => 1)).toEqual({ kind: 'requeueAfter', ms: 1050 });
  });

  it('requeueAfter keeps its delay; recoverable backs off (throttled with jitter, ≥ 1 s); terminal and done wait for a change', () => {
    expect(nextVisit({ kind: 'requeueAfter', ms: 5, reason: 'r' }, 1000)).toEqual({ kind: 'requeueAfter', ms: 5 });
    expect(nextVisit({ kind: 'recoverable', error: { code: 'c', message: 'm' }, throttled: false }, 1000)).toEqual({ kind: 'backoff' });
    expect(nextVisit({ kind: 'recoverable', error: { code: 'c', message: 'm' }, throttled: true }, 1000)).toEqual({ kind: 'backoff', jitter: true, minMs: 1000 });
    expect(nextVisit({ kind: 'terminal', error: { code: 'c', message: 'm' } }, 1000)).toEqual({ kind: 'awaitChange' });
    expect(nextVisit({ kind: 'done' }, 1000)).toEqual({ kind: 'awaitChange' });
    expect(errorPolicy(new Error('apiserver down'))).toEqual({ kind: 'backoff' });
  });

  it('applies an action to the queue', () => {
    const ops: string[] = [];
    const q = {
      addAfter: (k: string, ms: number) => void ops.push(`after ${k} ${ms}`),
      addRateLimited: (k: string, o?: object) => (ops.push(`limited ${k} ${JSON.stringify(o ?? null)}`), 0),
      forget: (k: string) => void ops.push(`forget ${k}`),
    };
    applyAction(q, 'k', { kind: 'requeueAfter', ms: 5 });
    applyAction(q, 'k', { kind: 'backoff' });
    applyAction(q, 'k', { kind: 'backoff', jitter: true, minMs: 1000 });
    applyAction(q, 'k', { kind: 'awaitChange' });
    expect(ops).toEqual(['forget k', 'after k 5', 'limited k null', 'limited k {"jitter":true,"minMs":1000}', 'forget k']);
  });
});
