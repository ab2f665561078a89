import { formatEvent, labelsFor, lastN, mergeByTime, streamLabels, type LogEvent } from './merge';

const ev = (stream: string, timestamp: number, message = `${stream}@${timestamp}`): LogEvent => ({ stream, timestamp, message });

describe('mergeByTime', () => {
  it('interleaves streams in timestamp order', () => {
    const a = [ev('a', 1), ev('a', 4), ev('a', 6)];
    const b = [ev('b', 2), ev('b', 3), ev('b', 7)];
    const c = [ev('c', 5)];
    expect(mergeByTime([a, b, c]).map((e) => e.timestamp)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('is stable for equal timestamps: batch order, then order within a batch', () => {
    const merged = mergeByTime([[ev('a', 1, 'a1'), ev('a', 1, 'a2')], [ev('b', 1, 'b1')]]);
    expect(merged.map((e) => e.message)).toEqual(['a1', 'a2', 'b1']);
  });

  it('handles empty input', () => {
    expect(mergeByTime([])).toEqual([]);
    expect(mergeByTime([[], []])).toEqual([]);
  });
});

describe('lastN', () => {
  it('keeps the last n, all when undefined, none for 0', () => {
    expect(lastN([1, 2, 3], 2)).toEqual([2, 3]);
    expect(lastN([1, 2, 3], undefined)).toEqual([1, 2, 3]);
    expect(lastN([1, 2, 3], 0)).toEqual([]);
    expect(lastN([1], 5)).toEqual([1]);
  });
});

describe('stream labels', () => {
  it('drops the job prefix and the launch-time suffix', () => {
    const labels = streamLabels(['xgb/algo-1-1700000000', 'xgb/algo-2-1700000001'], 'xgb/');
    expect([...labels.values()]).toEqual(['algo-1', 'algo-2']);
  });

  it('keeps the suffix when two streams would share a label (a restarted instance)', () => {
    const labels = streamLabels(['xgb/algo-1-1700000000', 'xgb/algo-1-1700009999'], 'xgb/');
    expect([...labels.values()]).toEqual(['algo-1-1700000000', 'algo-1-1700009999']);
  });

  it('labels only when more than one stream is shown', () => {
    expect(labelsFor(['xgb/algo-1-1700000000'], 'xgb/')).toBeUndefined();
    expect(labelsFor(['v1/i-1', 'v1/i-2'], undefined)?.get('v1/i-2')).toBe('v1/i-2');
  });
});

describe('formatEvent', () => {
  const e = ev('xgb/algo-1-1700000000', Date.UTC(2024, 0, 2, 3, 4, 5, 6), 'loss=0.3\n');
  it('prints the message without its trailing newline', () => {
    expect(formatEvent(e, { timestamps: false })).toBe('loss=0.3');
  });
  it('adds the timestamp and instance label when asked', () => {
    const labels = new Map([[e.stream, 'algo-1']]);
    expect(formatEvent(e, { timestamps: true, labels })).toBe('2024-01-02T03:04:05.006Z [algo-1] loss=0.3');
  });
});
