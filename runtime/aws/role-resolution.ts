/**
 * Which identity a resource's AWS calls use. Precedence (ACK's order, reference §6.2 and §13):
 *   1. an IAMRoleSelector that matches (gate `IAMRoleSelector`); several matches are an error;
 *   2. the namespace's team (`services.k8s.aws/team-id`, gate `TeamLevelCARM`) → `ack-role-team-map`;
 *   3. the namespace's owner account (`services.k8s.aws/owner-account-id`) → `ack-role-account-map`;
 *   4. the controller's own credentials.
 * CARM (2, 3) needs `--enable-carm`. Unlike ACK, the selector gate may be on together with CARM: a
 * matching selector wins, a namespace no selector covers still gets its CARM role.
 */
import { ANNOTATION } from '../reconcile/annotations';
import { ACCOUNT_ROLE_MAP, TEAM_ROLE_MAP, type RoleLookup } from './carm';
import { roleAccount, selectRole, type IamRoleSelector, type SelectionSubject } from './iam-role-selector';

export type RoleChoice =
  | { readonly via: 'own'; readonly accountId: string }
  | { readonly via: 'selector'; readonly accountId: string; readonly roleArn: string; readonly selector: { readonly name: string; readonly resourceVersion: string } }
  | { readonly via: 'team'; readonly accountId: string; readonly roleArn: string; readonly teamId: string }
  | { readonly via: 'account'; readonly accountId: string; readonly roleArn: string };

/** Several IAMRoleSelectors match one resource: none is used, the resource waits for the operator. */
export class RoleSelectionError extends Error {
  override readonly name = 'RoleSelectionError';
}

export interface RoleResolutionInput {
  readonly ownAccountId: string;
  readonly service: string;
  readonly namespaceAnnotations: Readonly<Record<string, string>>;
  readonly enableCarm: boolean;
  readonly gates: Readonly<Record<string, boolean>>;
  /** Present when the IAMRoleSelector gate is on. */
  readonly selectors?: { readonly all: Iterable<IamRoleSelector>; readonly subject: SelectionSubject };
  readonly teamMap: RoleLookup;
  readonly accountMap: RoleLookup;
}

export async function resolveRole(i: RoleResolutionInput): Promise<RoleChoice> {
  if (i.gates.IAMRoleSelector && i.selectors) {
    const s = selectRole(i.selectors.all, i.selectors.subject);
    if (s.kind === 'many') {
      throw new RoleSelectionError(`multiple (${s.names.length}) matching IAMRoleSelectors found: ${s.names.join(', ')}; make them disjoint so one role applies`);
    }
    if (s.kind === 'one') {
      const { arn, name, resourceVersion } = s.selector;
      return { via: 'selector', accountId: roleAccount(arn) ?? i.ownAccountId, roleArn: arn, selector: { name, resourceVersion } };
    }
  }
  if (!i.enableCarm) return { via: 'own', accountId: i.ownAccountId };
  const service = i.gates.ServiceLevelCARM ? i.service : undefined;
  const team = i.namespaceAnnotations[ANNOTATION.teamId];
  if (i.gates.TeamLevelCARM && team) {
    const roleArn = await i.teamMap.roleFor(team, service);
    return { via: 'team', accountId: roleAccount(roleArn) ?? i.ownAccountId, roleArn, teamId: team };
  }
  const owner = i.namespaceAnnotations[ANNOTATION.ownerAccountId];
  if (owner && owner !== i.ownAccountId) return { via: 'account', accountId: owner, roleArn: await i.accountMap.roleFor(owner, service) };
  return { via: 'own', accountId: i.ownAccountId };
}

/** For messages: where a role came from. */
export function describeChoice(c: RoleChoice): string {
  switch (c.via) {
    case 'own':
      return "the controller's own credentials";
    case 'selector':
      return `IAMRoleSelector ${c.selector.name}`;
    case 'team':
      return `team "${c.teamId}" in ${TEAM_ROLE_MAP}`;
    case 'account':
      return `account ${c.accountId} in ${ACCOUNT_ROLE_MAP}`;
  }
}
