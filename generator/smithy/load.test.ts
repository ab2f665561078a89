import { GeneratorError } from '../errors';
import { loadSmithyModel } from './load';
import type { EnumShape, ListShape, MapShape, OperationShape, ResourceShape, SimpleShape, StructureShape } from './types';

const NS = 'example.weather';

function formatted(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof GeneratorError) return e.format();
    throw e;
  }
  throw new Error('expected a GeneratorError');
}
const model = (shapes: Record<string, unknown>, withService = true) =>
  JSON.stringify({
    smithy: '2.0',
    shapes: {
      ...(withService
        ? {
            [`${NS}#Weather`]: {
              type: 'service',
              version: '2006-03-01',
              operations: [{ target: `${NS}#GetCity` }],
              resources: [{ target: `${NS}#City` }],
              errors: [{ target: `${NS}#NotFound` }],
              traits: { 'aws.api#service': { sdkId: 'Weather', arnNamespace: 'weather', endpointPrefix: 'w' } },
            },
            [`${NS}#GetCity`]: {
              type: 'operation',
              input: { target: `${NS}#GetCityInput` },
              output: { target: 'smithy.api#Unit' },
              errors: [{ target: `${NS}#NotFound` }],
              traits: { 'smithy.api#readonly': {} },
            },
            [`${NS}#GetCityInput`]: {
              type: 'structure',
              members: { CityId: { target: `${NS}#CityId`, traits: { 'smithy.api#required': {} } } },
            },
            [`${NS}#CityId`]: { type: 'string', traits: { 'smithy.api#pattern': '^[A-Za-z0-9 ]+$' } },
            [`${NS}#NotFound`]: {
              type: 'structure',
              members: { message: { target: 'smithy.api#String' } },
              traits: {
                'smithy.api#error': 'client',
                'smithy.api#httpError': 404,
                'aws.protocols#awsQueryError': { code: 'NotFound', httpResponseCode: 404 },
              },
            },
            [`${NS}#City`]: {
              type: 'resource',
              identifiers: { cityId: { target: `${NS}#CityId` } },
              properties: { name: { target: 'smithy.api#String' } },
              read: { target: `${NS}#GetCity` },
              list: { target: `${NS}#ListCities` },
              operations: [{ target: `${NS}#Rate` }],
              collectionOperations: [{ target: `${NS}#Rate` }],
              resources: [{ target: `${NS}#Forecast` }],
            },
            [`${NS}#ListCities`]: { type: 'operation' },
            [`${NS}#Rate`]: { type: 'operation' },
            [`${NS}#Forecast`]: { type: 'resource' },
          }
        : {}),
      ...shapes,
    },
  });

describe('loadSmithyModel: happy path', () => {
  const idx = loadSmithyModel(model({}), 'weather.json');

  it('finds the service, its namespace and the aws.api#service traits', () => {
    expect(idx.file).toBe('weather.json');
    expect(idx.namespace).toBe(NS);
    expect(idx.service).toMatchObject({
      id: `${NS}#Weather`,
      name: 'Weather',
      type: 'service',
      version: '2006-03-01',
      operations: [`${NS}#GetCity`],
      resources: [`${NS}#City`],
      errors: [`${NS}#NotFound`],
    });
    expect(idx.service.traits.sdkId).toBe('Weather');
    expect(idx.service.traits.arnNamespace).toBe('weather');
    expect(idx.service.traits.raw['aws.api#service']).toMatchObject({ endpointPrefix: 'w' });
  });

  it('reads operations, mapping smithy.api#Unit to undefined', () => {
    const op = idx.require(`${NS}#GetCity`) as OperationShape;
    expect(op).toMatchObject({ type: 'operation', input: `${NS}#GetCityInput`, errors: [`${NS}#NotFound`] });
    expect(op.output).toBeUndefined();
    expect('output' in op).toBe(false);
    expect(op.traits.raw['smithy.api#readonly']).toEqual({});
    expect((idx.require(`${NS}#ListCities`) as OperationShape).errors).toEqual([]);
  });

  it('reads resources', () => {
    const r = idx.require(`${NS}#City`) as ResourceShape;
    expect(r).toMatchObject({
      identifiers: { cityId: `${NS}#CityId` },
      properties: { name: 'smithy.api#String' },
      read: `${NS}#GetCity`,
      list: `${NS}#ListCities`,
      operations: [`${NS}#Rate`],
      collectionOperations: [`${NS}#Rate`],
      resources: [`${NS}#Forecast`],
    });
    expect(r.create).toBeUndefined();
    expect(idx.require(`${NS}#Forecast`)).toMatchObject({ identifiers: {}, operations: [], resources: [] });
  });

  it('types error traits', () => {
    const e = idx.require(`${NS}#NotFound`);
    expect(e.traits).toMatchObject({ error: 'client', httpError: 404, awsQueryErrorCode: 'NotFound' });
  });

  it('lists shapes sorted by id and operations sorted by name', () => {
    const ids = idx.shapes().map((s) => s.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids.some((id) => id.startsWith('smithy.api#'))).toBe(false);
    expect(idx.operations().map((o) => o.name)).toEqual(['GetCity', 'ListCities', 'Rate']);
    expect(idx.shapes()).toBe(idx.shapes());
  });

  it('resolves the smithy.api prelude', () => {
    for (const [name, type] of [
      ['String', 'string'], ['Blob', 'blob'], ['Boolean', 'boolean'], ['Byte', 'byte'], ['Short', 'short'],
      ['Integer', 'integer'], ['Long', 'long'], ['Float', 'float'], ['Double', 'double'],
      ['BigInteger', 'bigInteger'], ['BigDecimal', 'bigDecimal'], ['Timestamp', 'timestamp'],
      ['Document', 'document'], ['PrimitiveBoolean', 'boolean'], ['PrimitiveByte', 'byte'],
      ['PrimitiveShort', 'short'], ['PrimitiveInteger', 'integer'], ['PrimitiveLong', 'long'],
      ['PrimitiveFloat', 'float'], ['PrimitiveDouble', 'double'], ['Unit', 'structure'],
    ] as const) {
      expect(idx.require(`smithy.api#${name}`)).toMatchObject({ id: `smithy.api#${name}`, name, type });
    }
    expect(idx.require('smithy.api#PrimitiveBoolean').traits.default).toBe(false);
    expect(idx.require('smithy.api#PrimitiveLong').traits.default).toBe(0);
    expect(idx.require('smithy.api#Long').traits.default).toBeUndefined();
    expect(idx.get('smithy.api#Nope')).toBeUndefined();
  });

  it('require throws a GeneratorError naming the file, the id and the referring shape', () => {
    expect(formatted(() => idx.require(`${NS}#Nope`))).toBe(
      `weather.json: ${NS}#Nope: shape ${NS}#Nope is not defined in the model`,
    );
    expect(formatted(() => idx.require(`${NS}#CityID`, `${NS}#X$y`))).toBe(
      `weather.json: ${NS}#X$y: target ${NS}#CityID is not defined in the model (did you mean ${NS}#CityId, ${NS}#City?)`,
    );
  });
});

describe('loadSmithyModel: every shape type', () => {
  const simple = ['blob', 'boolean', 'string', 'byte', 'short', 'integer', 'long', 'float', 'double',
    'bigInteger', 'bigDecimal', 'timestamp', 'document'] as const;
  const idx = loadSmithyModel(
    model({
      ...Object.fromEntries(simple.map((t) => [`${NS}#T_${t}`, { type: t }])),
      [`${NS}#Color`]: {
        type: 'enum',
        members: {
          RED: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 'red' } },
          GREEN: { target: 'smithy.api#Unit' },
        },
      },
      [`${NS}#Level`]: {
        type: 'intEnum',
        members: {
          LOW: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 1 } },
          HIGH: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 10 } },
        },
      },
      [`${NS}#Old`]: {
        type: 'string',
        traits: {
          'smithy.api#enum': [
            { value: 'a', name: 'A', documentation: 'first' },
            { value: 'b', deprecated: true },
          ],
        },
      },
      [`${NS}#Names`]: { type: 'list', member: { target: 'smithy.api#String' } },
      [`${NS}#NameSet`]: { type: 'set', member: { target: 'smithy.api#String' } },
      [`${NS}#Tags`]: { type: 'map', key: { target: 'smithy.api#String' }, value: { target: `${NS}#Names` } },
      [`${NS}#Choice`]: {
        type: 'union',
        members: { s: { target: 'smithy.api#String' }, n: { target: 'smithy.api#Integer' } },
      },
      [`${NS}#Empty`]: { type: 'structure' },
    }),
    'w.json',
  );

  it.each(simple)('%s', (t) => {
    const s = idx.require(`${NS}#T_${t}`) as SimpleShape;
    expect(s).toMatchObject({ type: t, name: `T_${t}`, traits: { raw: {} } });
  });

  it('enum and intEnum, with enumValues as strings', () => {
    const color = idx.require(`${NS}#Color`) as EnumShape;
    expect(color.type).toBe('enum');
    expect(color.members.map((m) => [m.name, m.target, m.traits.enumValue])).toEqual([
      ['RED', 'smithy.api#Unit', 'red'],
      ['GREEN', 'smithy.api#Unit', undefined],
    ]);
    expect(idx.enumValues(`${NS}#Color`)).toEqual(['red', 'GREEN']);
    expect(idx.require(`${NS}#Level`).type).toBe('intEnum');
    expect(idx.enumValues(`${NS}#Level`)).toEqual(['1', '10']);
  });

  it('Smithy 1 enum trait', () => {
    expect(idx.require(`${NS}#Old`).traits.enum).toEqual([
      { name: 'A', value: 'a', documentation: 'first' },
      { name: 'b', value: 'b', deprecated: true },
    ]);
    expect(idx.enumValues(`${NS}#Old`)).toEqual(['a', 'b']);
    expect(idx.enumValues(`${NS}#T_string`)).toBeUndefined();
    expect(idx.enumValues(`${NS}#Names`)).toBeUndefined();
    expect(idx.enumValues(`${NS}#Missing`)).toBeUndefined();
  });

  it('list, set, map, union, empty structure', () => {
    expect((idx.require(`${NS}#Names`) as ListShape).member).toMatchObject({ name: 'member', target: 'smithy.api#String' });
    expect(idx.require(`${NS}#NameSet`)).toMatchObject({ type: 'set', member: { target: 'smithy.api#String' } });
    const tags = idx.require(`${NS}#Tags`) as MapShape;
    expect([tags.key.name, tags.key.target, tags.value.name, tags.value.target]).toEqual([
      'key', 'smithy.api#String', 'value', `${NS}#Names`,
    ]);
    const choice = idx.require(`${NS}#Choice`) as StructureShape;
    expect(choice.type).toBe('union');
    expect(choice.members.map((m) => m.name)).toEqual(['s', 'n']);
    expect(idx.require(`${NS}#Empty`)).toMatchObject({ type: 'structure', members: [] });
  });
});

describe('loadSmithyModel: traits', () => {
  const idx = loadSmithyModel(
    model({
      [`${NS}#S`]: {
        type: 'structure',
        traits: { 'smithy.api#documentation': '<p>S</p>', 'smithy.api#deprecated': { message: 'use T', since: '2020' } },
        members: {
          a: {
            target: 'smithy.api#String',
            traits: {
              'smithy.api#required': {},
              'smithy.api#clientOptional': {},
              'smithy.api#length': { min: 1, max: 63 },
              'smithy.api#pattern': '^[a-z]+$',
              'smithy.api#jsonName': 'A',
              'smithy.api#documentation': 'doc a',
            },
          },
          b: { target: 'smithy.api#Integer', traits: { 'smithy.api#range': { min: 0 }, 'smithy.api#default': 5 } },
          c: { target: 'smithy.api#Timestamp', traits: { 'smithy.api#timestampFormat': 'epoch-seconds' } },
          d: { target: 'smithy.api#String', traits: { 'smithy.api#idempotencyToken': {}, 'smithy.api#default': null } },
          e: { target: `${NS}#Secret`, traits: { 'smithy.api#deprecated': {} } },
        },
      },
      [`${NS}#Secret`]: { type: 'string', traits: { 'smithy.api#sensitive': {}, 'x.y#custom': [1] } },
      [`${NS}#Pages`]: {
        type: 'operation',
        traits: {
          'smithy.api#paginated': { inputToken: 'NextToken', outputToken: 'NextToken', items: 'Items', pageSize: 'Max' },
        },
      },
      [`${NS}#Err`]: { type: 'structure', traits: { 'smithy.api#error': 'server' } },
    }),
    'w.json',
  );
  const s = idx.require(`${NS}#S`) as StructureShape;
  const m = (name: string) => s.members.find((x) => x.name === name)!.traits;

  it('types shape and member traits and keeps all of them in raw', () => {
    expect(s.traits).toMatchObject({ documentation: '<p>S</p>', deprecated: { message: 'use T', since: '2020' } });
    expect(m('a')).toMatchObject({
      required: true,
      clientOptional: true,
      length: { min: 1, max: 63 },
      pattern: '^[a-z]+$',
      jsonName: 'A',
      documentation: 'doc a',
    });
    expect(m('a').raw['smithy.api#required']).toEqual({});
    expect(m('b')).toMatchObject({ range: { min: 0 }, default: 5 });
    expect(m('b').range).toEqual({ min: 0 });
    expect(m('c').timestampFormat).toBe('epoch-seconds');
    expect(m('d').idempotencyToken).toBe(true);
    expect('default' in m('d') && m('d').default).toBeNull();
    expect(m('e').deprecated).toEqual({});
    expect(m('e').required).toBeUndefined();
    const secret = idx.require(`${NS}#Secret`).traits;
    expect(secret.sensitive).toBe(true);
    expect(secret.raw['x.y#custom']).toEqual([1]);
    expect(idx.require(`${NS}#Pages`).traits.paginated).toEqual({
      inputToken: 'NextToken', outputToken: 'NextToken', items: 'Items', pageSize: 'Max',
    });
    expect(idx.require(`${NS}#Err`).traits.error).toBe('server');
  });
});

describe('loadSmithyModel: mixins, apply, recursion', () => {
  const idx = loadSmithyModel(
    model({
      [`${NS}#Base`]: {
        type: 'structure',
        traits: { 'smithy.api#mixin': { localTraits: ['x.y#local'] }, 'x.y#local': {}, 'smithy.api#documentation': 'base' },
        members: {
          id: { target: 'smithy.api#String', traits: { 'smithy.api#documentation': 'id from base' } },
          tag: { target: 'smithy.api#String' },
        },
      },
      [`${NS}#Named`]: {
        type: 'structure',
        mixins: [{ target: `${NS}#Base` }],
        traits: { 'smithy.api#mixin': {} },
        members: { name: { target: 'smithy.api#String' } },
      },
      [`${NS}#Thing`]: {
        type: 'structure',
        mixins: [{ target: `${NS}#Named` }],
        traits: { 'smithy.api#documentation': 'thing' },
        members: {
          size: { target: 'smithy.api#Integer' },
          id: { target: 'smithy.api#String', traits: { 'smithy.api#required': {} } },
        },
      },
      [`${NS}#ListBase`]: { type: 'list', member: { target: 'smithy.api#String' }, traits: { 'smithy.api#mixin': {} } },
      [`${NS}#MyList`]: { type: 'list', mixins: [{ target: `${NS}#ListBase` }] },
      [`${NS}#OpBase`]: {
        type: 'operation',
        traits: { 'smithy.api#mixin': {} },
        errors: [{ target: `${NS}#NotFound` }],
      },
      [`${NS}#Op`]: { type: 'operation', mixins: [{ target: `${NS}#OpBase` }], input: { target: `${NS}#Thing` } },
      [`${NS}#Node`]: {
        type: 'structure',
        members: {
          children: { target: `${NS}#NodeList` },
          next: { target: `${NS}#Node` },
        },
      },
      [`${NS}#NodeList`]: { type: 'list', member: { target: `${NS}#Node` } },
      [`${NS}#Applied`]: { type: 'structure', members: { x: { target: 'smithy.api#String' } } },
      [`${NS}#Applied$x`]: { type: 'apply', traits: { 'smithy.api#required': {} } },
    }),
    'w.json',
  );

  it('inherits mixin members first (depth-first), own member traits override', () => {
    const thing = idx.require(`${NS}#Thing`) as StructureShape;
    expect(thing.members.map((m) => m.name)).toEqual(['id', 'tag', 'name', 'size']);
    const id = thing.members[0]!;
    expect(id.traits).toMatchObject({ required: true, documentation: 'id from base' });
  });

  it('inherits shape traits except smithy.api#mixin and localTraits; own traits win', () => {
    const thing = idx.require(`${NS}#Thing`);
    expect(thing.traits.documentation).toBe('thing');
    expect(thing.traits.mixin).toBeUndefined();
    expect(thing.traits.raw['x.y#local']).toBeUndefined();
    expect(idx.require(`${NS}#Named`).traits.documentation).toBe('base');
  });

  it('keeps mixin shapes, flagged', () => {
    expect(idx.require(`${NS}#Base`).traits.mixin).toBe(true);
    expect(idx.require(`${NS}#Named`).traits.mixin).toBe(true);
    expect((idx.require(`${NS}#Named`) as StructureShape).members.map((m) => m.name)).toEqual(['id', 'tag', 'name']);
  });

  it('list and operation mixins; mixin operations are not in operations()', () => {
    expect((idx.require(`${NS}#MyList`) as ListShape).member.target).toBe('smithy.api#String');
    expect(idx.require(`${NS}#Op`)).toMatchObject({ input: `${NS}#Thing`, errors: [`${NS}#NotFound`] });
    expect(idx.operations().map((o) => o.name)).not.toContain('OpBase');
    expect(idx.operations().map((o) => o.name)).toContain('Op');
  });

  it('indexes recursive shapes without expanding them', () => {
    const node = idx.require(`${NS}#Node`) as StructureShape;
    expect(node.members.map((m) => m.target)).toEqual([`${NS}#NodeList`, `${NS}#Node`]);
    expect((idx.require(`${NS}#NodeList`) as ListShape).member.target).toBe(`${NS}#Node`);
  });

  it('applies "apply" traits to members and drops the apply entries', () => {
    expect((idx.require(`${NS}#Applied`) as StructureShape).members[0]!.traits.required).toBe(true);
    expect(idx.get(`${NS}#Applied$x`)).toBeUndefined();
  });
});
