import type { OperationBinding, ResourceDescriptor, ServiceDescriptor } from './descriptor';

/** Every SDK call a kind's descriptor binds: its operations, tagging, sub-resources and collections. */
export function operationBindings(d: ResourceDescriptor): OperationBinding[] {
  const ops: (OperationBinding | undefined)[] = [
    ...Object.values(d.operations),
    ...(d.tagging ? [d.tagging.tag, d.tagging.untag, d.tagging.list] : []),
    ...(d.subResources ?? []).flatMap((s) => [s.put, s.read, s.delete]),
    ...(d.collections ?? []).flatMap((c) => [c.add, c.remove, c.list, c.get]),
  ];
  return ops.filter((o): o is OperationBinding => o !== undefined);
}

/**
 * The operations a kind's hooks may call: those the kind binds and those generator.yaml marks
 * `called_by_hooks` for the service. The recommended IAM policy lists exactly these, so a hook
 * calling another would fail in a real account; the runtime refuses it in every test first.
 */
export function hookCallable(service: Pick<ServiceDescriptor, 'hookOperations'>, d: ResourceDescriptor): ReadonlySet<string> {
  return new Set([...operationBindings(d).map((b) => b.name), ...(service.hookOperations ?? [])]);
}
