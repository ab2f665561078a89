import { withProgress } from './progress';

describe('withProgress', () => {
  afterEach(() => jest.useRealTimers());

  it('prints a line per interval while the work runs, and none after', async () => {
    jest.useFakeTimers();
    const lines: string[] = [];
    let finish!: () => void;
    const done = withProgress('compressing', (l) => lines.push(l), () => new Promise<void>((r) => (finish = r)), 15_000);
    jest.advanceTimersByTime(31_000);
    expect(lines).toEqual(['[image] compressing: still running, 15s', '[image] compressing: still running, 30s']);
    finish();
    await done;
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);
  });
});
