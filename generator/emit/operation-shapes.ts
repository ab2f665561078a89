import type { OperationBinding, ResourceDescriptor } from '../../runtime/descriptor';
import { operationBindings } from '../../runtime/bound-operations';

/** Members a binding names besides the resource's fields: the tags, keys, items, paging token, … */
function namedMembers(b: OperationBinding): string[] {
  const x = b as OperationBinding & Partial<Record<'tagsMember' | 'keysMember' | 'member' | 'valueMember' | 'itemMember' | 'itemsMember', string>> & {
    readonly filterMembers?: Readonly<Record<string, string>>;
    readonly pageToken?: { readonly input: string; readonly output: string };
  };
  return [
    x.tagsMember, x.keysMember, x.member, x.valueMember, x.itemMember, x.itemsMember, x.idempotencyToken, x.arnInput,
    ...Object.values(x.renames ?? {}),
    ...Object.keys(x.filterMembers ?? {}),
    ...(x.pageToken ? [x.pageToken.input, x.pageToken.output] : []),
  ].filter((m): m is string => m !== undefined);
}

/**
 * The members of each operation input and output shape the runtime can use for this kind: the
 * ones its spec and status fields (and ARN, attribute map, keyed sub-resource keys) fill or
 * report, and the ones its bindings name. The runtime reads an operation shape only for these (buildInput copies the
 * resource's members, observeOutput marks the spec members reported); other members are never
 * sent or read, so their table entries, and the structures only they reach, need not be emitted.
 */
export function operationShapeUses(d: ResourceDescriptor, fieldMembers: readonly string[]): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>();
  const own = [
    ...fieldMembers,
    ...(d.arnMember ? [d.arnMember] : []),
    ...(d.attributes ? [d.attributes.member] : []),
    ...(d.subResources ?? []).flatMap((s) => (s.key ? [s.key] : [])),
  ];
  for (const b of operationBindings(d)) {
    for (const shape of [b.input, b.output]) {
      if (!shape) continue;
      const set = uses.get(shape) ?? new Set<string>();
      for (const m of [...own, ...namedMembers(b)]) set.add(m);
      uses.set(shape, set);
    }
  }
  return uses;
}
