import { breakingCount, compareCrds, compareSchemas, crdSchema, flattenSchema, formatReport } from './crd-compat';

const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties });
const root = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => obj({ spec: obj(spec), status: obj(status) });

const before = root(
  {
    name: { type: 'string' },
    size: { type: 'integer' },
    tags: { type: 'array', items: obj({ key: { type: 'string' }, value: { type: 'string' } }) },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    config: obj({ mode: { type: 'string' }, depth: { type: 'integer' } }),
  },
  { state: { type: 'string' } },
);

describe('flattenSchema', () => {
  it('lists every field with its type; list items as [] and map values as {}', () => {
    expect(Object.fromEntries(flattenSchema(before, ''))).toEqual({
      spec: 'object',
      'spec.name': 'string',
      'spec.size': 'integer',
      'spec.tags': 'array',
      'spec.tags[]': 'object',
      'spec.tags[].key': 'string',
      'spec.tags[].value': 'string',
      'spec.labels': 'object',
      'spec.labels{}': 'string',
      'spec.config': 'object',
      'spec.config.mode': 'string',
      'spec.config.depth': 'integer',
      status: 'object',
      'status.state': 'string',
    });
  });
});

describe('compareSchemas', () => {
  it('finds nothing between equal schemas', () => {
    expect(compareSchemas('W', before, structuredClone(before))).toEqual({ added: [], removed: [], typeChanged: [] });
  });

  it('reports added fields, at any depth', () => {
    const after = structuredClone(before) as any;
    after.properties.spec.properties.color = { type: 'string' };
    after.properties.spec.properties.tags.items.properties.owner = { type: 'string' };
    after.properties.status.properties.arn = { type: 'string' };
    expect(compareSchemas('W', before, after).added.map((c) => c.path)).toEqual(['spec.color', 'spec.tags[].owner', 'status.arn']);
  });

  it('reports a removed object once, not each of its members', () => {
    const after = structuredClone(before) as any;
    delete after.properties.spec.properties.config;
    delete after.properties.spec.properties.tags.items.properties.value;
    expect(compareSchemas('W', before, after).removed).toEqual([
      { kind: 'W', path: 'spec.config', from: 'object' },
      { kind: 'W', path: 'spec.tags[].value', from: 'string' },
    ]);
  });

  it('reports type changes, of fields, list items and map values', () => {
    const after = structuredClone(before) as any;
    after.properties.spec.properties.size = { type: 'string' };
    after.properties.spec.properties.labels.additionalProperties = { type: 'integer' };
    expect(compareSchemas('W', before, after).typeChanged).toEqual([
      { kind: 'W', path: 'spec.labels{}', from: 'string', to: 'integer' },
      { kind: 'W', path: 'spec.size', from: 'integer', to: 'string' },
    ]);
  });

  it('does not mistake a field for the prefix of another', () => {
    const a = root({ a: obj({ x: { type: 'string' } }) });
    const b = root({ ab: { type: 'string' } });
    expect(compareSchemas('W', a, b).removed.map((c) => c.path)).toEqual(['spec.a']);
  });
});

describe('compareCrds', () => {
  it('reports kinds added and removed; removed kinds are breaking', () => {
    const r = compareCrds(new Map([['A', before], ['B', before]]), new Map([['B', before], ['C', before]]));
    expect(r.addedKinds).toEqual(['C']);
    expect(r.removedKinds).toEqual(['A']);
    expect(breakingCount(r)).toBe(1);
  });

  it('formats a report that marks what breaks', () => {
    const after = structuredClone(before) as any;
    after.properties.spec.properties.size = { type: 'string' };
    after.properties.spec.properties.color = { type: 'string' };
    delete after.properties.spec.properties.name;
    const r = compareCrds(new Map([['W', before]]), new Map([['W', after]]));
    expect(breakingCount(r)).toBe(2);
    expect(formatReport(r)).toBe(
      [
        '  + W spec.color (string)',
        '  - W spec.name (string)  BREAKING: field removed',
        '  ~ W spec.size: integer → string  BREAKING: type changed',
        '1 added, 1 removed, 1 type changes: 2 breaking',
        '',
      ].join('\n'),
    );
    expect(formatReport(compareCrds(new Map([['W', before]]), new Map([['W', before]])))).toBe('  no field changes\n0 added, 0 removed, 0 type changes: compatible\n');
  });
});

describe('crdSchema', () => {
  it("takes the storage version's openAPIV3Schema", () => {
    const crd = { spec: { names: { kind: 'W' }, versions: [{ name: 'v1', storage: false, schema: { openAPIV3Schema: { a: 1 } } }, { name: 'v2', storage: true, schema: { openAPIV3Schema: before } }] } };
    expect(crdSchema(crd)).toEqual({ kind: 'W', schema: before });
  });
  it('says what is missing', () => {
    expect(() => crdSchema({ kind: 'ConfigMap' })).toThrow('spec.names.kind is missing');
    expect(() => crdSchema({ spec: { names: { kind: 'W' }, versions: [] } })).toThrow('W: no openAPIV3Schema');
  });
});
