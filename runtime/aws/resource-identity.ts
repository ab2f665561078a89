/**
 * The AWS identity of one resource: its account and, when not the controller's own, the role its
 * calls use and how that role was chosen (role-resolution.ts). The role is assumed here (or its
 * cached keys reused), so a role that cannot be assumed is reported with the resource's namespace
 * before any AWS call.
 */
import type { KubeObject } from '../k8s/types';
import type { RoleLookup } from './carm';
import type { IamRoleSelector } from './iam-role-selector';
import { RoleAssumptionError, type RoleCredentials } from './role-credentials';
import { describeChoice, resolveRole } from './role-resolution';

export interface ResourceIdentity {
  readonly accountId: string;
  readonly roleArn?: string;
  /** The IAMRoleSelector that chose the role, for ACK.IAMRoleSelected. */
  readonly roleSelection?: { readonly roleArn: string; readonly selectorName: string; readonly selectorResourceVersion: string };
}

export interface IdentityResolverOptions {
  readonly ownAccountId: string;
  readonly service: { readonly service: string; readonly group: string; readonly version: string };
  readonly enableCarm: boolean;
  readonly gates: Readonly<Record<string, boolean>>;
  /** The watched IAMRoleSelectors; absent when the gate is off. */
  readonly selectors?: { all(): Iterable<IamRoleSelector> };
  readonly teamMap: RoleLookup;
  readonly accountMap: RoleLookup;
  readonly roles: Pick<RoleCredentials, 'get'>;
}

export class IdentityResolver {
  constructor(private readonly o: IdentityResolverOptions) {}

  async resolve(obj: KubeObject, kind: string, ns: { readonly annotations: Readonly<Record<string, string>>; readonly labels: Readonly<Record<string, string>> }): Promise<ResourceIdentity> {
    const { o } = this;
    const namespace = obj.metadata.namespace ?? '';
    const choice = await resolveRole({
      ownAccountId: o.ownAccountId,
      service: o.service.service,
      namespaceAnnotations: ns.annotations,
      enableCarm: o.enableCarm,
      gates: o.gates,
      ...(o.selectors
        ? {
            selectors: {
              all: o.selectors.all(),
              subject: { namespace, namespaceLabels: ns.labels, group: o.service.group, version: o.service.version, kind, labels: obj.metadata.labels ?? {} },
            },
          }
        : {}),
      teamMap: o.teamMap,
      accountMap: o.accountMap,
    });
    if (choice.via === 'own') return { accountId: choice.accountId };
    try {
      await o.roles.get(choice.roleArn);
    } catch (err) {
      if (!(err instanceof RoleAssumptionError)) throw err;
      throw new RoleAssumptionError(choice.roleArn, err.cause, `for namespace ${namespace} (${describeChoice(choice)})`);
    }
    return {
      accountId: choice.accountId,
      roleArn: choice.roleArn,
      ...(choice.via === 'selector'
        ? { roleSelection: { roleArn: choice.roleArn, selectorName: choice.selector.name, selectorResourceVersion: choice.selector.resourceVersion } }
        : {}),
    };
  }
}
