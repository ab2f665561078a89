import type { ServiceDescriptor } from '../../runtime/descriptor';
import { resolveKind } from '../../runtime/kind-tagging';
import { operationBindings } from './operation-shapes';

/**
 * The IAM actions a controller calls: every SDK operation bound in its descriptor
 * (what the runtime sends), as `<iamPrefix>:<Operation>`, or the action the operation needs where
 * its name differs (`names`: S3's GetBucketEncryption needs s3:GetEncryptionConfiguration). Sorted and unique.
 * Tagging operations (TagResource, UntagResource, ListTagsForResource, …) are bound
 * like the others, so they are listed too.
 */
export function iamActions(descriptor: ServiceDescriptor, iamPrefix: string, names: ReadonlyMap<string, string> = new Map()): string[] {
  const ops = new Set<string>();
  for (const r of descriptor.resources) {
    for (const op of operationBindings(resolveKind(descriptor, r))) ops.add(op.name);
  }
  return [...new Set([...ops].map((op) => names.get(op) ?? op))].sort().map((action) => `${iamPrefix}:${action}`);
}
