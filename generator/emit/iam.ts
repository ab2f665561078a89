import type { ServiceDescriptor } from '../../runtime/descriptor';
import { resolveKind } from '../../runtime/kind-tagging';

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
    for (const op of Object.values(r.operations)) if (op) ops.add(op.name);
    for (const op of Object.values(resolveKind(descriptor, r).tagging ?? {})) if (op) ops.add(op.name);
    for (const s of r.subResources ?? []) for (const op of [s.put, s.read, s.delete]) if (op) ops.add(op.name);
    for (const c of r.collections ?? []) for (const op of [c.add, c.remove, c.list, c.get]) if (op) ops.add(op.name);
  }
  return [...new Set([...ops].map((op) => names.get(op) ?? op))].sort().map((action) => `${iamPrefix}:${action}`);
}
