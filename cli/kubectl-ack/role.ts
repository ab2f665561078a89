/**
 * Which role the controller used for a resource, as far as the user's kubeconfig can tell, so the
 * plugin reads logs as the same identity. Pure. In the controller's order: a selector (its
 * ACK.IAMRoleSelected condition names the role it chose), the namespace's team, its owner account.
 */
import type { KubeObject } from '../../runtime/k8s/types';
import { ANNOTATION } from '../../runtime/reconcile/annotations';
import { CONDITION, type Condition } from '../../runtime/reconcile/conditions';

export type RoleHint = { readonly selected: string } | { readonly team: string } | { readonly account: string } | undefined;

export function roleHint(resource: KubeObject, namespaceAnnotations: Readonly<Record<string, string>>): RoleHint {
  const conditions = (Array.isArray(resource.status?.conditions) ? resource.status.conditions : []) as Condition[];
  const selected = conditions.find((c) => c.type === CONDITION.iamRoleSelected && c.status === 'True');
  const arn = selected?.message ? /^roleARN: ([^,]+),/.exec(selected.message)?.[1] : undefined;
  if (arn) return { selected: arn };
  const team = namespaceAnnotations[ANNOTATION.teamId];
  if (team) return { team };
  const account = namespaceAnnotations[ANNOTATION.ownerAccountId];
  return account ? { account } : undefined;
}
