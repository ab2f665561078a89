import { model, sagemakerFixture } from '../testing/fixtures';
import { tagEntries, tagLayout, withDefaultTags } from './tags';

describe('tags', () => {
  const shapes = sagemakerFixture.shapes;

  it('resolves key/value members named either way (the generator emits Smithy names)', () => {
    const expected = { sdkMember: 'Tags', entry: { key: { json: 'key', sdk: 'Key' }, value: { json: 'value', sdk: 'Value' } } };
    expect(tagLayout({ ...model, tags: { path: 'tags', keyName: 'Key', valueName: 'Value' } }, shapes)).toEqual(expected);
    expect(tagLayout(model, shapes)).toEqual(expected);
  });

  it('adds default tags on create without overriding the user', () => {
    const layout = tagLayout({ ...model, tags: { path: 'tags', keyName: 'Key', valueName: 'Value' } }, shapes);
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
});
