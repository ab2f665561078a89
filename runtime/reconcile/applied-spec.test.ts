import { appliedSpec, formatAppliedSpec, parseAppliedSpec, withoutUnreportedUnchanged } from './applied-spec';

describe('applied spec', () => {
  it('digests each set top-level field, independent of key order; unset fields are absent', () => {
    const a = appliedSpec({ b: { y: 1, x: 2 }, a: 'v', gone: null });
    expect(Object.keys(a)).toEqual(['a', 'b']);
    expect(appliedSpec({ b: { x: 2, y: 1 }, a: 'v' })).toEqual(a);
    expect(appliedSpec({ b: { x: 2, y: 3 }, a: 'v' }).b).not.toBe(a.b);
  });

  it('round-trips through the annotation; anything else is no record', () => {
    const a = appliedSpec({ a: 'v' });
    expect(parseAppliedSpec(formatAppliedSpec(a))).toEqual(a);
    for (const bad of [undefined, '', 'not json', '[1]', '{"a":1}']) expect(parseAppliedSpec(bad)).toBeUndefined();
  });

  it('keeps a reported difference; drops an unreported field unless changed since applied', () => {
    const applied = appliedSpec({ env: { A: '1' }, retry: { max: 2 } });
    const desired = { env: { A: '1' }, retry: { max: 3 }, added: 'x', reported: 'new' };
    const delta = [
      { path: 'env', desired: desired.env, latest: undefined },
      { path: 'retry.max', desired: 3, latest: undefined },
      { path: 'added', desired: 'x', latest: null },
      { path: 'reported', desired: 'new', latest: 'old' },
    ];
    expect(withoutUnreportedUnchanged(delta, desired, applied).map((e) => e.path)).toEqual(['retry.max', 'added', 'reported']);
    expect(withoutUnreportedUnchanged(delta, desired, undefined).map((e) => e.path)).toEqual(['reported']);
  });
});
