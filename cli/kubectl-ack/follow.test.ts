import { follow } from './follow';
import { LogReader } from './reader';
import { backoffMs, retryThrottled } from './retry';
import { LogSession } from './session';
import { awsError, fakeLogs } from './testing';

const G = '/aws/sagemaker/TrainingJobs';

describe('follow', () => {
  function run(steps: ((fake: ReturnType<typeof fakeLogs>) => void)[], states: string[]) {
    const fake = fakeLogs();
    const out: string[] = [];
    const notes: string[] = [];
    const reader = new LogReader({ call: fake.call, source: { logGroup: G, streamPrefix: 'j/' }, region: 'r', sleep: async () => {} });
    const session = new LogSession(reader, { timestamps: false, write: (t) => out.push(...t.split('\n').filter(Boolean)) });
    let i = 0;
    const result = follow({
      session,
      describe: 'training job j',
      pollMs: 1,
      note: (l) => notes.push(l),
      sleep: async () => {
        steps[i]?.(fake);
        i++;
      },
      state: async () => {
        const status = states[Math.min(i, states.length - 1)] as string;
        return { status, ...(status === 'Completed' ? { outcome: 'succeeded' as const } : status === 'Failed' || status === 'Stopped' ? { outcome: 'failed' as const } : {}) };
      },
    });
    return { result, out, notes };
  }

  it('waits for the first stream (saying so once), prints lines as they come, ends on Completed with a last read', async () => {
    const { result, out, notes } = await (async () => {
      const r = run(
        [() => {}, (f) => f.put(G, 'j/algo-1-1', [1, 'starting']), (f) => f.put(G, 'j/algo-1-1', [2, 'epoch 1']), (f) => f.put(G, 'j/algo-1-1', [3, 'done'])],
        ['InProgress', 'InProgress', 'InProgress', 'InProgress', 'Completed'],
      );
      return { ...r, result: await r.result };
    })();
    expect(notes).toEqual(['waiting for the training job j to write logs (status InProgress)…']);
    expect(out).toEqual(['starting', 'epoch 1', 'done']);
    expect(result).toEqual({ status: 'Completed', outcome: 'succeeded' });
  });

  it('a job already Failed ends at once', async () => {
    const r = run([], ['Failed']);
    expect(await r.result).toEqual({ status: 'Failed', outcome: 'failed' });
  });
});

describe('retry', () => {
  it('backoff doubles with jitter, capped', () => {
    expect(backoffMs(0, 250, 10_000, () => 1)).toBe(250);
    expect(backoffMs(0, 250, 10_000, () => 0)).toBe(125);
    expect(backoffMs(3, 250, 10_000, () => 1)).toBe(2000);
    expect(backoffMs(20, 250, 10_000, () => 1)).toBe(10_000);
  });

  it('gives up after the attempts, and never retries other errors', async () => {
    const slept: number[] = [];
    let n = 0;
    const throttled = () => {
      n++;
      return Promise.reject(awsError('ThrottlingException'));
    };
    await expect(retryThrottled(throttled, { sleep: async (ms) => void slept.push(ms), attempts: 3, random: () => 1 })).rejects.toThrow('ThrottlingException');
    expect(n).toBe(3);
    expect(slept).toEqual([250, 500]);
    n = 0;
    await expect(retryThrottled(() => (n++, Promise.reject(awsError('AccessDeniedException'))), { sleep: async () => {} })).rejects.toThrow();
    expect(n).toBe(1);
  });
});
