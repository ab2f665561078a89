import type { ResourceDescriptor, TaggingBinding } from '../../runtime/descriptor';
import { resolveKind } from '../../runtime/kind-tagging';
import { model } from '../../runtime/testing/fixtures';
import { sharedTagging } from './descriptor';

const addTags: TaggingBinding = {
  tag: { name: 'AddTags', input: 'AddTagsInput', arnInput: 'ResourceArn', tagsMember: 'Tags' },
  untag: { name: 'DeleteTags', input: 'DeleteTagsInput', arnInput: 'ResourceArn', keysMember: 'TagKeys' },
};
const tagQueue: TaggingBinding = {
  tag: { name: 'TagQueue', input: 'TagQueueInput', tagsMember: 'Tags' },
  untag: { name: 'UntagQueue', input: 'UntagQueueInput', keysMember: 'TagKeys' },
};
const tags = { path: 'tags', shape: 'map' } as const;
const { tags: _tags, tagging: _tagging, ...bare } = model;
const kind = (name: string, extra: Partial<ResourceDescriptor>): ResourceDescriptor => ({ ...bare, kind: name, ...extra });

describe('the tagging API kinds share is declared once, on the service', () => {
  const kinds = [
    kind('A', { tags, tagging: { ...addTags } }),
    kind('B', { tags, tagging: { ...addTags } }),
    kind('Queue', { tags, tagging: tagQueue }),
    kind('NoArn', { tags }),
    kind('Untagged', {}),
  ];
  const { tagging, resources } = sharedTagging(kinds);

  it('moves the binding two or more kinds share to the service; they declare none', () => {
    expect(tagging).toEqual(addTags);
    expect(resources.map((r) => ('tagging' in r ? r.tagging?.tag.name ?? null : 'absent'))).toEqual(['absent', 'absent', 'TagQueue', null, 'absent']);
  });

  it('resolves every kind back to the binding it had', () => {
    const service = { tagging };
    expect(resources.map((r) => resolveKind(service, r).tagging)).toEqual(kinds.map((k) => k.tagging));
  });

  it('a binding only one kind has stays on that kind', () => {
    const single = sharedTagging([kinds[0]!, kinds[2]!]);
    expect(single.tagging).toBeUndefined();
    expect(single.resources).toEqual([kinds[0], kinds[2]]);
  });
});
