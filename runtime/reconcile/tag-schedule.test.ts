import { TagReadSchedule, tagDigest, tagReadDue } from './tag-schedule';

const H = 3_600_000;

describe('tag read rule', () => {
  const last = { digest: 'd', at: 0 };

  it('reads when nothing is known or the desired tags changed', () => {
    expect(tagReadDue(undefined, 'd', 0, 10 * H, 60_000)).toBe(true);
    expect(tagReadDue(last, 'other', 1, 10 * H, 60_000)).toBe(true);
  });

  it('otherwise reads at the last resync before the period would lapse, never later', () => {
    const resync = 60_000;
    // Resyncs every minute: the read comes at the resync that would otherwise leave more than 10 h.
    expect(tagReadDue(last, 'd', 10 * H - 2 * resync, 10 * H, resync)).toBe(false);
    expect(tagReadDue(last, 'd', 10 * H - resync, 10 * H, resync)).toBe(false);
    expect(tagReadDue(last, 'd', 10 * H - resync + 1, 10 * H, resync)).toBe(true);
  });

  it('a period at or under the resync reads on every resync (ACK: tags read on every sync)', () => {
    expect(tagReadDue(last, 'd', 10 * H, 10 * H, 10 * H)).toBe(true);
    expect(tagReadDue(last, 'd', 1, 0, 60_000)).toBe(true);
  });
});

describe('tag digest', () => {
  it('ignores key order and sees any key or value change', () => {
    expect(tagDigest({ a: '1', b: '2' })).toBe(tagDigest({ b: '2', a: '1' }));
    expect(tagDigest({ a: '1' })).not.toBe(tagDigest({ a: '2' }));
    expect(tagDigest({ a: '1' })).not.toBe(tagDigest({ a: '1', b: '' }));
    expect(tagDigest({})).not.toBe(tagDigest({ a: '1' }));
  });
});

describe('tag read schedule', () => {
  it('remembers per object, forgets a deleted one', () => {
    let now = 0;
    const s = new TagReadSchedule({ periodMs: 10_000, resyncMs: 2_000, now: () => now });
    const a = s.clock('ns/a');
    expect(a.due('d')).toBe(true);
    a.done('d');
    expect(a.due('d')).toBe(false);
    expect(s.clock('ns/b').due('d')).toBe(true);
    now = 8_001;
    expect(s.clock('ns/a').due('d')).toBe(true);
    s.forget('ns/a');
    expect(s.size).toBe(0);
  });
});
