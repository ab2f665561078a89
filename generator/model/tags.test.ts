import { GeneratorError } from '../errors';
import type { GeneratorConfig } from '../config/types';
import { listOf, stringMap, struct, tinyModel, type Members } from '../../test/fixtures/tiny-model';
import { inferServiceModel } from './resources';

/** Tags in each service's shape, found in the model; generator.yaml `tags:` overrides. */
const kind = (createInput: Members, shapes: Record<string, unknown>, config: GeneratorConfig = {}) =>
  inferServiceModel({
    service: 'tiny',
    index: tinyModel(
      {
        CreateQueue: { input: { QueueName: 'String!', ...createInput }, output: { QueueUrl: 'String' } },
        GetQueue: { input: { QueueName: 'String!' }, output: { QueueName: 'String' } },
      },
      shapes,
    ),
    config,
    configFile: 'generator.yaml',
  }).resources[0]!;

describe('tags shape', () => {
  it('a map of strings (SQS `tags`)', () => {
    expect(kind({ tags: 'TagMap' }, { TagMap: stringMap }).tags).toEqual({ field: 'tags', shape: 'map' });
  });

  it('a list of Key/Value structures', () => {
    const r = kind({ Tags: 'TagList' }, { TagList: listOf('Tag'), Tag: struct({ Key: 'String!', Value: 'String' }) });
    expect(r.tags).toEqual({ field: 'tags', shape: 'list', keyName: 'Key', valueName: 'Value' });
  });

  it('a list with the service own member names (KMS TagKey/TagValue)', () => {
    const r = kind({ Tags: 'TagList' }, { TagList: listOf('Tag'), Tag: struct({ TagKey: 'String!', TagValue: 'String!' }) });
    expect(r.tags).toEqual({ field: 'tags', shape: 'list', keyName: 'TagKey', valueName: 'TagValue' });
  });

  it('config: another field and member names; ignore', () => {
    const shapes = { Labels: listOf('Label'), Label: struct({ Name: 'String', Text: 'String' }) };
    const configured = { resources: { Queue: { tags: { path: 'ResourceLabels', key_name: 'Name', value_name: 'Text' } } } };
    expect(kind({ ResourceLabels: 'Labels' }, shapes, configured).tags).toEqual({ field: 'resourceLabels', shape: 'list', keyName: 'Name', valueName: 'Text' });
    expect(kind({ tags: 'TagMap' }, { TagMap: stringMap }, { resources: { Queue: { tags: { ignore: true } } } }).tags).toBeUndefined();
  });

  it('no tags field, or one of another shape: no tags', () => {
    expect(kind({}, {}).tags).toBeUndefined();
    expect(kind({ Tags: 'String' }, {}).tags).toBeUndefined();
  });

  it('config naming what is not there: one-line errors with the key path', () => {
    const err = (createInput: Members, shapes: Record<string, unknown>, tags: Record<string, unknown>) => {
      try {
        kind(createInput, shapes, { resources: { Queue: { tags } } });
      } catch (e) {
        expect(e).toBeInstanceOf(GeneratorError);
        return (e as GeneratorError).format();
      }
      throw new Error('no error');
    };
    expect(err({}, {}, { path: 'Labels' })).toMatch(/generator\.yaml: resources\.Queue\.tags\.path: "Labels" names no spec field/);
    expect(err({ Tags: 'TagList' }, { TagList: listOf('Tag'), Tag: struct({ Key: 'String', Value: 'String' }) }, { key_name: 'Name' })).toMatch(
      /resources\.Queue\.tags\.key_name: "Name" is not a member of the tag structure.*Key, Value/,
    );
    expect(err({ Tags: 'String' }, {}, { path: 'Tags' })).toMatch(/neither a map of strings nor a list of key\/value structures/);
  });
});
