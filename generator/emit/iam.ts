import type { ServiceDescriptor } from '../../runtime/descriptor';
import { resolveKind } from '../../runtime/kind-tagging';
import { operationBindings } from '../../runtime/bound-operations';

/** What generator.yaml adds to the bound operations: those the hooks call and further actions per operation. */
export interface IamExtras {
  readonly hookOperations?: readonly string[];
  readonly alsoNeeds?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The IAM actions a controller calls: every SDK operation bound in its descriptor
 * (what the runtime sends) and those its hooks call (`called_by_hooks`), as `<iamPrefix>:<Operation>`, or the
 * action the operation needs where its name differs (`names`: S3's GetBucketEncryption needs
 * s3:GetEncryptionConfiguration), plus the actions AWS also requires for one of them (`also_needs`:
 * iam:PassRole). Sorted and unique.
 * Tagging operations (TagResource, UntagResource, ListTagsForResource, …) are bound
 * like the others, so they are listed too.
 */
export function iamActions(descriptor: ServiceDescriptor, iamPrefix: string, names: ReadonlyMap<string, string> = new Map(), extras: IamExtras = {}): string[] {
  const ops = new Set<string>(extras.hookOperations ?? []);
  for (const r of descriptor.resources) {
    for (const op of operationBindings(resolveKind(descriptor, r))) ops.add(op.name);
  }
  const own = [...ops].map((op) => `${iamPrefix}:${names.get(op) ?? op}`);
  const also = [...ops].flatMap((op) => extras.alsoNeeds?.get(op) ?? []);
  return [...new Set([...own, ...also])].sort();
}
