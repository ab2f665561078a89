import type { KubeObject } from '../k8s/types';
import { lookupRole, TEAM_ROLE_MAP, ACCOUNT_ROLE_MAP } from './carm';
import { parseSelector, type IamRoleSelector } from './iam-role-selector';
import { IdentityResolver, type IdentityResolverOptions } from './resource-identity';
import { RoleAssumptionError } from './role-credentials';

const TEAM_ROLE = 'arn:aws:iam::222222222222:role/team-a';
const SEL_ROLE = 'arn:aws:iam::333333333333:role/sel';
const obj = (namespace: string): KubeObject => ({ apiVersion: 'sagemaker.services.k8s.aws/v1alpha1', kind: 'Model', metadata: { name: 'm', namespace, labels: { app: 'x' } } });
const sel = (): IamRoleSelector => {
  const p = parseSelector({ apiVersion: 'services.k8s.aws/v1alpha1', kind: 'IAMRoleSelector', metadata: { name: 'ml', resourceVersion: '9' }, spec: { arn: SEL_ROLE, namespaceSelector: { names: ['ml'] } } });
  if (!p.ok) throw new Error(p.error);
  return p.selector;
};

function resolver(over: Partial<IdentityResolverOptions> = {}) {
  const assumed: string[] = [];
  const r = new IdentityResolver({
    ownAccountId: '123456789012',
    service: { service: 'sagemaker', group: 'sagemaker.services.k8s.aws', version: 'v1alpha1' },
    enableCarm: true,
    gates: { TeamLevelCARM: true, IAMRoleSelector: true },
    selectors: { all: () => [sel()] },
    teamMap: { roleFor: async (id) => lookupRole({ 'team-a': TEAM_ROLE }, TEAM_ROLE_MAP, id) },
    accountMap: { roleFor: async (id) => lookupRole({}, ACCOUNT_ROLE_MAP, id) },
    roles: { get: async (role) => (assumed.push(role), { accessKeyId: 'ASIA', secretAccessKey: 's' }) },
    ...over,
  });
  return { r, assumed };
}

const ns = (annotations: Record<string, string> = {}) => ({ annotations, labels: {} });

describe('IdentityResolver', () => {
  it('own credentials: the own account, no role, nothing assumed', async () => {
    const { r, assumed } = resolver();
    expect(await r.resolve(obj('plain'), 'Model', ns())).toEqual({ accountId: '123456789012' });
    expect(assumed).toEqual([]);
  });

  it("a selector's role is assumed and reported for ACK.IAMRoleSelected", async () => {
    const { r, assumed } = resolver();
    expect(await r.resolve(obj('ml'), 'Model', ns())).toEqual({
      accountId: '333333333333',
      roleArn: SEL_ROLE,
      roleSelection: { roleArn: SEL_ROLE, selectorName: 'ml', selectorResourceVersion: '9' },
    });
    expect(assumed).toEqual([SEL_ROLE]);
  });

  it("the team's role, in the role's account", async () => {
    const { r } = resolver();
    expect(await r.resolve(obj('team'), 'Model', ns({ 'services.k8s.aws/team-id': 'team-a' }))).toEqual({ accountId: '222222222222', roleArn: TEAM_ROLE });
  });

  it('a role STS refuses: the error names role, namespace and where the role came from', async () => {
    const refuse = async (role: string) => {
      throw new RoleAssumptionError(role, Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    };
    const { r } = resolver({ roles: { get: refuse } });
    await expect(r.resolve(obj('team'), 'Model', ns({ 'services.k8s.aws/team-id': 'team-a' }))).rejects.toThrow(
      `cannot assume role ${TEAM_ROLE} for namespace team (team "team-a" in ack-role-team-map): AccessDenied: not authorized`,
    );
  });
});
