import type { ResourceDescriptor, ServiceDescriptor, TaggingBinding } from './descriptor';

/** A kind as the reconciler works on it: its tagging API resolved (its own, else its service's). */
export type ResolvedKind = ResourceDescriptor & { readonly tagging?: TaggingBinding };

type Service = Pick<ServiceDescriptor, 'tagging'>;
const resolved = new WeakMap<Service, WeakMap<ResourceDescriptor, ResolvedKind>>();

/**
 * The kind with the service's tagging API filled in where the kind declares none: generated code
 * declares a tagging API shared by the service's kinds once, on the service. Only a kind with tags
 * uses one; `tagging: null` says the kind has none.
 */
export function resolveKind(service: Service, d: ResourceDescriptor): ResolvedKind {
  let kinds = resolved.get(service);
  if (!kinds) resolved.set(service, (kinds = new WeakMap()));
  const hit = kinds.get(d);
  if (hit) return hit;
  const { tagging, ...rest } = d;
  const own = tagging === null ? undefined : (tagging ?? (d.tags ? service.tagging : undefined));
  const out: ResolvedKind = own ? { ...rest, tagging: own } : rest;
  kinds.set(d, out);
  return out;
}
