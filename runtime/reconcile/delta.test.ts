import type { ShapeTable } from '../descriptor';
import { computeDelta, immutableViolations, lateInitialize } from './delta';

const shapes: ShapeTable = {
  Spec: [
    { sdk: 'Name', json: 'name', type: 'string' },
    { sdk: 'Count', json: 'count', type: 'integer' },
    { sdk: 'Config', json: 'config', type: { struct: 'Config' } },
    { sdk: 'Tags', json: 'tags', type: { map: 'string' } },
    { sdk: 'Hooks', json: 'hooks', type: { list: { struct: 'Hook' } } },
    { sdk: 'At', json: 'at', type: 'timestamp' },
    { sdk: 'Doc', json: 'doc', type: 'document' },
  ],
  Config: [
    { sdk: 'Mode', json: 'mode', type: 'string' },
    { sdk: 'Size', json: 'size', type: 'integer' },
  ],
  Hook: [
    { sdk: 'Content', json: 'content', type: 'string' },
    { sdk: 'Default', json: 'default', type: 'string' },
  ],
};

describe('delta', () => {
  it('is empty when equal, and ignores members the user left unset', () => {
    expect(computeDelta({ name: 'a', count: 1 }, { name: 'a', count: 1, tags: { x: 'y' }, config: { mode: 'm' } }, 'Spec', shapes)).toEqual([]);
  });
  it('reports changed leaves with their path, recursing into structs', () => {
    expect(computeDelta({ count: 2, config: { mode: 'a', size: 1 } }, { count: 1, config: { mode: 'b', size: 1 } }, 'Spec', shapes)).toEqual([
      { path: 'count', desired: 2, latest: 1 },
      { path: 'config.mode', desired: 'a', latest: 'b' },
    ]);
  });
  it('compares maps whole (a removed key is drift) and lists by position with struct items as subsets', () => {
    expect(computeDelta({ tags: { a: '1' } }, { tags: { a: '1', b: '2' } }, 'Spec', shapes).map((e) => e.path)).toEqual(['tags']);
    expect(computeDelta({ hooks: [{ content: 'x' }] }, { hooks: [{ content: 'x', default: 'server' }] }, 'Spec', shapes)).toEqual([]);
    expect(computeDelta({ hooks: [{ content: 'x' }] }, { hooks: [] }, 'Spec', shapes).map((e) => e.path)).toEqual(['hooks']);
    expect(computeDelta({ hooks: [] }, {}, 'Spec', shapes)).toEqual([]);
  });
  it('normalises timestamps, numbers and documents', () => {
    expect(computeDelta({ at: '2026-01-01T00:00:00Z', count: 3, doc: { b: 1, a: 2 } }, { at: '2026-01-01T00:00:00.000Z', count: 3.0, doc: { a: 2, b: 1 } }, 'Spec', shapes)).toEqual([]);
  });
  it('skips compare-ignored paths', () => {
    expect(computeDelta({ config: { mode: 'a' }, count: 1 }, { config: { mode: 'b' }, count: 2 }, 'Spec', shapes, ['config.mode', 'count'])).toEqual([]);
  });
  it('names immutable fields touched by the delta, at, above or below them', () => {
    const delta = [{ path: 'config.mode', desired: 1, latest: 2 }];
    expect(immutableViolations(delta, ['config'])).toEqual(['config']);
    expect(immutableViolations(delta, ['config.mode.x'])).toEqual(['config.mode.x']);
    expect(immutableViolations(delta, ['name'])).toEqual([]);
  });
});

describe('late initialization', () => {
  it('fills unset paths from AWS and reports the ones AWS has not filled', () => {
    const r = lateInitialize({ name: 'a' }, { name: 'a', config: { mode: 'auto' } }, ['config.mode', 'count', 'name']);
    expect(r.spec).toEqual({ name: 'a', config: { mode: 'auto' } });
    expect(r.filled).toEqual(['config.mode']);
    expect(r.pending).toEqual(['count']);
  });
});
