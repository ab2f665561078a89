import { listOf, struct, tinyModel, type TinyOperation } from '../../test/fixtures/tiny-model';
import { toServiceDescriptor } from '../emit/descriptor';
import { inferServiceModel } from './resources';

/** One test per family of AWS read operations: which one a kind reads with, and what it is given. */

const create: Record<string, TinyOperation> = {
  CreateThing: { input: { ThingName: 'String!', Color: 'String' }, output: { ThingArn: 'String' } },
  DeleteThing: { input: { ThingName: 'String!' } },
};
const infer = (ops: Record<string, TinyOperation>, shapes: Record<string, unknown> = {}) =>
  inferServiceModel({ service: 'tiny', index: tinyModel({ ...create, ...ops }, shapes), config: {}, configFile: '(none)' });
const descriptorOf = (ops: Record<string, TinyOperation>, shapes: Record<string, unknown> = {}) =>
  toServiceDescriptor(infer(ops, shapes), { package: '@aws-sdk/client-tiny', client: 'TinyClient' }).resources[0]!;

describe('read operations by family', () => {
  it('Get<R> reads one', () => {
    const d = descriptorOf({ GetThing: { input: { ThingName: 'String!' }, output: { ThingName: 'String', Color: 'String' } } });
    expect(d.operations.readOne?.name).toBe('GetThing');
    expect(d.operations.readMany).toBeUndefined();
  });

  it('Describe<R> reads one', () => {
    const d = descriptorOf({ DescribeThing: { input: { ThingName: 'String!' }, output: { Color: 'String' } } });
    expect(d.operations.readOne?.name).toBe('DescribeThing');
  });

  it('Get<R> wins over Describe<R> (ACK: later in name order overwrites)', () => {
    const d = descriptorOf({
      DescribeThing: { input: { ThingName: 'String!' }, output: { Color: 'String' } },
      GetThing: { input: { ThingName: 'String!' }, output: { Color: 'String' } },
    });
    expect(d.operations.readOne?.name).toBe('GetThing');
  });

  it('Get<R>Attributes reads when there is no ReadOne, asking for all attributes; Set<R>Attributes updates', () => {
    const model = infer({
      GetThingAttributes: { input: { ThingArn: 'String!', AttributeNames: 'NameList' }, output: { Attributes: 'AttrMap' } },
      SetThingAttributes: { input: { ThingArn: 'String!', Attributes: 'AttrMap' } },
    }, { NameList: listOf('String'), AttrMap: { type: 'map', key: { target: 'smithy.api#String' }, value: { target: 'smithy.api#String' } } });
    expect(model.skipped).toEqual([]);
    const r = model.resources[0]!;
    expect(r.operations.getAttributes?.name).toBe('GetThingAttributes');
    expect(r.operations.setAttributes?.name).toBe('SetThingAttributes');
    const d = toServiceDescriptor(model, { package: 'p', client: 'C' }).resources[0]!;
    expect(d.operations.readOne).toMatchObject({ name: 'GetThingAttributes', overrideValues: { AttributeNames: ['All'] } });
    expect(d.operations.update?.name).toBe('SetThingAttributes');
  });

  it('ReadOne wins over Get<R>Attributes and ReadMany (ACK: ReadOne > GetAttributes > ReadMany)', () => {
    const d = descriptorOf({
      GetThingAttributes: { input: { ThingArn: 'String!' }, output: { Color: 'String' } },
      DescribeThing: { input: { ThingName: 'String!' }, output: { Color: 'String' } },
      ListThings: { output: { Things: 'ThingList' } },
    }, { ThingList: listOf('Thing'), Thing: struct({ ThingName: 'String', Color: 'String' }) });
    expect(d.operations.readOne?.name).toBe('DescribeThing');
    expect(d.operations.readMany).toBeUndefined();
  });

  it('Describe<R>s with a list of identifiers as filter: the identifier fills it', () => {
    const d = descriptorOf(
      { DescribeThings: { input: { ThingNames: 'NameList' }, output: { Things: 'ThingList', NextToken: 'String' } } },
      { NameList: listOf('String'), ThingList: listOf('Thing'), Thing: struct({ ThingName: 'String', Color: 'String' }) },
    );
    expect(d.operations.readMany).toMatchObject({ name: 'DescribeThings', itemsMember: 'Things', filterMembers: { ThingNames: 'ThingName' } });
  });

  it('Describe<R>s whose filter is an -es plural (ECR ecrRepositoryPrefixes, prefixes): the identifier fills it', () => {
    const model = inferServiceModel({
      service: 'tiny',
      index: tinyModel(
        { CreateThing: { input: { thingPrefix: 'String!' }, output: { thingPrefix: 'String' } }, DescribeThings: { input: { thingPrefixes: 'NameList' }, output: { things: 'ThingList' } } },
        { NameList: listOf('String'), ThingList: listOf('Thing'), Thing: struct({ thingPrefix: 'String', color: 'String' }) },
      ),
      config: { resources: { Thing: { fields: { thingPrefix: { is_primary_key: true } } } } },
      configFile: '(none)',
    });
    const d = toServiceDescriptor(model, { package: '@aws-sdk/client-tiny', client: 'TinyClient' }).resources[0]!;
    expect(d.operations.readMany).toMatchObject({ name: 'DescribeThings', itemsMember: 'things', filterMembers: { thingPrefixes: 'thingPrefix' } });
  });

  it('List<R>s with a name-prefix filter: the identifier fills the prefix, the runtime picks the exact item', () => {
    const d = descriptorOf(
      { ListThings: { input: { ThingNamePrefix: 'String' }, output: { Things: 'ThingList' } } },
      { ThingList: listOf('Thing'), Thing: struct({ ThingName: 'String' }) },
    );
    expect(d.operations.readMany).toMatchObject({ name: 'ListThings', filterMembers: { ThingNamePrefix: 'ThingName' } });
  });

  it('a List<R>s whose items do not carry the identifier cannot pick the resource: skipped, saying why', () => {
    const model = infer(
      { ListThings: { input: { ThingNamePrefix: 'String' }, output: { ThingUrls: 'UrlList' } } },
      { UrlList: listOf('String') },
    );
    expect(model.resources).toEqual([]);
    expect(model.skipped).toEqual([{ name: 'Thing', reason: expect.stringMatching(/^no read operation: ListThings returns no list of Thing structures/) }]);

    const noId = infer(
      { ListThings: { output: { Things: 'ThingList' } } },
      { ThingList: listOf('Thing'), Thing: struct({ Color: 'String' }) },
    );
    expect(noId.skipped.map((s) => s.name)).toEqual(['Thing']);
  });

  it('no read at all: skipped, naming the families tried', () => {
    expect(infer({}).skipped).toEqual([
      { name: 'Thing', reason: 'no read operation (tried GetThing, DescribeThing, GetThingAttributes, or a Describe/List of Thing items filtered by its identifier)' },
    ]);
  });

  it('not-found comes from the read actually used, Get<R>Attributes included', () => {
    const model = infer(
      { GetThingAttributes: { input: { ThingArn: 'String!' }, output: { Color: 'String' }, errors: ['NoSuchThing'] } },
      { NoSuchThing: { type: 'structure', members: {}, traits: { 'smithy.api#error': 'client', 'smithy.api#httpError': 404 } } },
    );
    expect(model.resources[0]!.notFound).toEqual([{ code: 'NoSuchThing' }]);
  });

  it('not-found without @httpError (JSON protocols): the read error named like one', () => {
    const model = infer(
      { DescribeThing: { input: { ThingName: 'String!' }, output: { Color: 'String' }, errors: ['InternalException', 'ResourceNotFoundException'] } },
      {
        InternalException: { type: 'structure', members: {}, traits: { 'smithy.api#error': 'server' } },
        ResourceNotFoundException: { type: 'structure', members: {}, traits: { 'smithy.api#error': 'client' } },
      },
    );
    expect(model.resources[0]!.notFound).toEqual([{ code: 'ResourceNotFoundException' }]);
  });
});
