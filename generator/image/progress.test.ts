import { withProgress } from './progress';

describe('withProgress', () => {
  it('prints a line per interval while the work runs, and none after', async () => {
    const lines: string[] = [];
    let finish!: () => void;
    const done = withProgress('compressing', (l) => lines.push(l), () => new Promise<void>((r) => (finish = r)), 20);
    await new Promise((r) => setTimeout(r, 70));
    finish();
    await done;
    const seen = lines.length;
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^\[image\] compressing: still running, \d+s$/);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.length).toBe(seen);
  });
});
