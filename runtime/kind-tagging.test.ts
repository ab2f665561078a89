import type { ResourceDescriptor, TaggingBinding } from './descriptor';
import { resolveKind } from './kind-tagging';
import { model } from './testing/fixtures';

const shared: TaggingBinding = {
  tag: { name: 'AddTags', input: 'AddTagsInput', arnInput: 'ResourceArn', tagsMember: 'Tags' },
  untag: { name: 'DeleteTags', input: 'DeleteTagsInput', arnInput: 'ResourceArn', keysMember: 'TagKeys' },
};
const own: TaggingBinding = {
  tag: { name: 'TagModel', input: 'TagModelInput', tagsMember: 'Tags' },
  untag: { name: 'UntagModel', input: 'UntagModelInput', keysMember: 'TagKeys' },
};
const tagged: ResourceDescriptor = { ...model, tags: { path: 'tags', shape: 'list', keyName: 'Key', valueName: 'Value' } };

describe('a kind’s tagging API, resolved against its service', () => {
  it('a kind with tags and none of its own takes the service’s', () => {
    expect(resolveKind({ tagging: shared }, tagged).tagging).toBe(shared);
  });
  it('a kind’s own wins; null means none although the service has one', () => {
    expect(resolveKind({ tagging: shared }, { ...tagged, tagging: own }).tagging).toBe(own);
    const none = resolveKind({ tagging: shared }, { ...tagged, tagging: null });
    expect(none.tagging).toBeUndefined();
    expect('tagging' in none).toBe(false);
  });
  it('a kind without tags has no tagging API, whatever the service has', () => {
    const { tags: _tags, ...untagged } = tagged;
    expect(resolveKind({ tagging: shared }, untagged).tagging).toBeUndefined();
  });
  it('a service without one leaves the kind as declared, and the same kind resolves to the same object', () => {
    expect(resolveKind({}, tagged).tagging).toBeUndefined();
    const service = { tagging: shared };
    expect(resolveKind(service, tagged)).toBe(resolveKind(service, tagged));
  });
});
