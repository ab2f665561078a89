import { model, sagemakerFixture } from '../testing/fixtures';
import type { ShapeTable } from '../descriptor';
import { tagEntries, tagLayout, withDefaultTags } from './tags';

describe('tags', () => {
  const shapes = sagemakerFixture.shapes;

  it('a list of key/value structures: the SDK member names the descriptor gives, spelled both ways', () => {
    const expected = { sdkMember: 'Tags', entry: { key: { json: 'key', sdk: 'Key' }, value: { json: 'value', sdk: 'Value' } } };
    expect(tagLayout(model, shapes)).toEqual(expected);
  });

  it('adds default tags on create without overriding the user', () => {
    const layout = tagLayout({ ...model, tags: { path: 'tags', shape: 'list', keyName: 'Key', valueName: 'Value' } }, shapes);
    const input = withDefaultTags({ Tags: [{ Key: 'team', Value: 'a' }] }, layout, { team: 'ignored', 'services.k8s.aws/namespace': 'ns' });
    expect(input.Tags).toEqual([
      { Key: 'team', Value: 'a' },
      { Key: 'services.k8s.aws/namespace', Value: 'ns' },
    ]);
  });

  it('reads JSON-named entries and maps', () => {
    const layout = tagLayout(model, shapes);
    expect(tagEntries([{ key: 'a', value: '1' }], layout)).toEqual([['a', '1']]);
    expect(tagEntries({ a: '1' }, undefined)).toEqual([['a', '1']]);
  });

  describe('a map of tags (SQS, Lambda)', () => {
    const mapShapes: ShapeTable = { 'Queue.Spec': [{ sdk: 'tags', json: 'tags', type: { map: 'string' } }] };
    const queue = { ...model, specShape: 'Queue.Spec', tags: { path: 'tags', shape: 'map' as const } };
    const layout = tagLayout(queue, mapShapes);

    it('has no entry members', () => expect(layout).toEqual({ sdkMember: 'tags' }));
    it('adds default tags on create without overriding the user', () => {
      expect(withDefaultTags({ tags: { team: 'a' } }, layout, { team: 'ignored', 'services.k8s.aws/namespace': 'ns' })).toEqual({
        tags: { team: 'a', 'services.k8s.aws/namespace': 'ns' },
      });
      expect(withDefaultTags({}, layout, { owner: 'x' })).toEqual({ tags: { owner: 'x' } });
    });
    it('reads entries of the map', () => expect(tagEntries({ a: '1', b: '2' }, layout)).toEqual([['a', '1'], ['b', '2']]));
  });

  it('KMS-style TagKey/TagValue members', () => {
    const kmsShapes: ShapeTable = {
      'Key.Spec': [{ sdk: 'Tags', json: 'tags', type: { list: { struct: 'Tag' } } }],
      Tag: [{ sdk: 'TagKey', json: 'tagKey', type: 'string' }, { sdk: 'TagValue', json: 'tagValue', type: 'string' }],
    };
    const layout = tagLayout({ ...model, specShape: 'Key.Spec', tags: { path: 'tags', shape: 'list', keyName: 'TagKey', valueName: 'TagValue' } }, kmsShapes);
    expect(withDefaultTags({}, layout, { owner: 'x' })).toEqual({ Tags: [{ TagKey: 'owner', TagValue: 'x' }] });
    expect(tagEntries([{ tagKey: 'a', tagValue: '1' }], layout)).toEqual([['a', '1']]);
  });
});
