import type { OperationShape, ShapeIndex } from '../smithy/types';
import type { Field, TaggingRef, TagOperationRef } from './types';
import { structMembers } from './fields';

/**
 * A kind's tagging API, found in the model by the names AWS gives it: the kind's own
 * (TagQueue/UntagQueue/ListQueueTags, TagRole/UntagRole/ListRoleTags) before the service's
 * (TagResource/UntagResource/ListTagsForResource, SageMaker's AddTags/DeleteTags/ListTags, …).
 * Deprecated operations (CloudWatch Logs' TagLogGroup) are passed over.
 */
const tagNames = (r: string) => [`Tag${r}`, 'TagResource', 'AddTags', 'AddTagsToResource'];
const untagNames = (r: string) => [`Untag${r}`, 'UntagResource', 'DeleteTags', 'RemoveTags', 'RemoveTagsFromResource'];
const listNames = (r: string) => [`List${r}Tags`, `ListTags${r}`, 'ListTagsForResource', 'ListTagsOfResource', 'ListResourceTags', 'ListTags'];

export interface TaggingInput {
  readonly resource: string;
  readonly index: ShapeIndex;
  /** Operations by name (ignore.operations already applied). */
  readonly operation: (name: string) => OperationShape | undefined;
  /** The kind's spec and status fields: an identifier member named like one is filled from it. */
  readonly fields: readonly Field[];
  readonly arnMember?: string;
  /** Whether the kind's read reports the tags (then no list operation is needed). */
  readonly readReportsTags: boolean;
}

const PAGE_TOKENS = ['NextToken', 'nextToken', 'Marker'];

export function inferTagging(t: TaggingInput): TaggingRef | undefined {
  const find = (candidates: readonly string[]) =>
    candidates.map((n) => t.operation(n)).find((op) => op !== undefined && !op.traits.deprecated);
  const tagOp = find(tagNames(t.resource));
  const untagOp = find(untagNames(t.resource));
  if (!tagOp || !untagOp) return undefined;
  const tag = bind(t, tagOp, 'input', (name, type) => type !== 'list-of-string' && /tags?$/i.test(name));
  const untag = bind(t, untagOp, 'input', (name, type) => type === 'list-of-string' && /keys$/i.test(name));
  if (!tag || !untag) return undefined;
  const listOp = t.readReportsTags ? undefined : find(listNames(t.resource));
  const list = listOp ? bind(t, listOp, 'output', (name) => /^tags$/i.test(name) || /taglist$/i.test(name)) : undefined;
  if (!t.readReportsTags && !list) return undefined;
  return { tag, untag, ...(list ? { list: { ...list, ...pageTokenOf(t.index, listOp!) } } : {}) };
}

/**
 * Binds a tag operation: the member holding the tags (or keys) in its input or output, and the
 * identifier member of its input. An identifier that is no spec/status member (ResourceArn,
 * SecretId) takes the ARN.
 */
function bind(
  t: TaggingInput,
  op: OperationShape,
  side: 'input' | 'output',
  isTagsMember: (name: string, type: 'list-of-string' | 'other') => boolean,
): TagOperationRef | undefined {
  const shapeOf = side === 'input' ? op.input : op.output;
  if (!shapeOf || !op.input) return undefined;
  const typeOf = (target: string): 'list-of-string' | 'other' => {
    const s = t.index.get(target);
    if (s?.type !== 'list' && s?.type !== 'set') return 'other';
    return t.index.get(s.member.target)?.type === 'string' ? 'list-of-string' : 'other';
  };
  const tagsMember = structMembers(t.index, shapeOf).find((m) => isTagsMember(m.name, typeOf(m.target)));
  if (!tagsMember) return undefined;
  const idMembers = structMembers(t.index, op.input).filter((m) => m.traits.required && m.name !== tagsMember.name);
  if (idMembers.length !== 1) return undefined;
  const id = idMembers[0]!.name;
  const known = t.fields.some((f) => f.member === id);
  if (!known && !t.arnMember) return undefined;
  return {
    name: op.name,
    input: op.input,
    ...(op.output ? { output: op.output } : {}),
    errors: op.errors,
    ...(!known && t.arnMember !== id ? { arnInput: id } : {}),
    member: tagsMember.name,
  };
}

/** The list's paging tokens: Smithy @paginated, else a NextToken/Marker member on both sides. */
function pageTokenOf(index: ShapeIndex, op: OperationShape): { pageToken?: { input: string; output: string } } {
  const p = op.traits.paginated ?? index.service.traits.paginated;
  if (p?.inputToken && p.outputToken && op.traits.paginated) return { pageToken: { input: p.inputToken, output: p.outputToken } };
  const inNames = op.input ? structMembers(index, op.input).map((m) => m.name) : [];
  const outNames = op.output ? structMembers(index, op.output).map((m) => m.name) : [];
  const both = PAGE_TOKENS.find((n) => inNames.includes(n) && outNames.includes(n));
  return both ? { pageToken: { input: both, output: both } } : {};
}
