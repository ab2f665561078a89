import { heapSizes } from './memory';

describe('live heap from a V8 heap snapshot', () => {
  it('sums every node\'s own size, and apart the nodes that are not compiled code', () => {
    const snapshot = {
      snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size'], node_types: [['hidden', 'object', 'code', 'string']] as [string[]] } },
      nodes: [1, 0, 1, 100, 2, 0, 2, 40, 3, 0, 3, 10],
    };
    expect(heapSizes(snapshot)).toEqual({ total: 150, data: 110 });
  });
});
