import { CarmError, lookupRole, TEAM_ROLE_MAP, ACCOUNT_ROLE_MAP, type RoleLookup } from './carm';
import { parseSelector, type IamRoleSelector, type SelectionSubject } from './iam-role-selector';
import { describeChoice, resolveRole, RoleSelectionError, type RoleResolutionInput } from './role-resolution';

const OWN = '123456789012';
const TEAM_ROLE = 'arn:aws:iam::222222222222:role/team-a';
const ACCOUNT_ROLE = 'arn:aws:iam::333333333333:role/carm';
const SELECTOR_ROLE = 'arn:aws:iam::444444444444:role/selected';

function mapOf(configMap: string, data: Record<string, string> | undefined): RoleLookup & { asked: string[] } {
  const asked: string[] = [];
  return { asked, roleFor: async (id, service) => (asked.push(id), lookupRole(data, configMap, id, service)) };
}

function selector(name: string, names: string[], arn = SELECTOR_ROLE): IamRoleSelector {
  const p = parseSelector({ apiVersion: 'services.k8s.aws/v1alpha1', kind: 'IAMRoleSelector', metadata: { name, resourceVersion: '3' }, spec: { arn, namespaceSelector: { names } } });
  if (!p.ok) throw new Error(p.error);
  return p.selector;
}

const subject: SelectionSubject = { namespace: 'ml', namespaceLabels: {}, group: 'sagemaker.services.k8s.aws', version: 'v1alpha1', kind: 'Model', labels: {} };

function input(over: Partial<RoleResolutionInput>): RoleResolutionInput {
  return {
    ownAccountId: OWN,
    service: 'sagemaker',
    namespaceAnnotations: {},
    enableCarm: true,
    gates: { TeamLevelCARM: true, IAMRoleSelector: true },
    selectors: { all: [], subject },
    teamMap: mapOf(TEAM_ROLE_MAP, { 'team-a': TEAM_ROLE }),
    accountMap: mapOf(ACCOUNT_ROLE_MAP, { '333333333333': ACCOUNT_ROLE }),
    ...over,
  };
}

const BOTH = { 'services.k8s.aws/team-id': 'team-a', 'services.k8s.aws/owner-account-id': '333333333333' };

describe('resolveRole', () => {
  it('a matching selector wins over team and account CARM, without reading their maps', async () => {
    const teamMap = mapOf(TEAM_ROLE_MAP, undefined);
    const c = await resolveRole(input({ namespaceAnnotations: BOTH, selectors: { all: [selector('ml', ['ml'])], subject }, teamMap }));
    expect(c).toEqual({ via: 'selector', accountId: '444444444444', roleArn: SELECTOR_ROLE, selector: { name: 'ml', resourceVersion: '3' } });
    expect(teamMap.asked).toEqual([]);
    expect(describeChoice(c)).toBe('IAMRoleSelector ml');
  });

  it('several matching selectors are an error naming them', async () => {
    const all = [selector('b', ['ml']), selector('a', [])];
    await expect(resolveRole(input({ selectors: { all, subject } }))).rejects.toThrow(
      new RoleSelectionError('multiple (2) matching IAMRoleSelectors found: a, b; make them disjoint so one role applies'),
    );
  });

  it('with the selector gate off, selectors are ignored', async () => {
    const c = await resolveRole(input({ gates: { TeamLevelCARM: true }, selectors: { all: [selector('ml', ['ml'])], subject } }));
    expect(c).toEqual({ via: 'own', accountId: OWN });
  });

  it('team CARM: the team annotation → ack-role-team-map; the account is the role\'s; team beats owner account', async () => {
    const c = await resolveRole(input({ namespaceAnnotations: BOTH }));
    expect(c).toEqual({ via: 'team', accountId: '222222222222', roleArn: TEAM_ROLE, teamId: 'team-a' });
    expect(describeChoice(c)).toBe('team "team-a" in ack-role-team-map');
  });

  it('without the TeamLevelCARM gate the team annotation is ignored and the owner account applies', async () => {
    const c = await resolveRole(input({ namespaceAnnotations: BOTH, gates: {} }));
    expect(c).toEqual({ via: 'account', accountId: '333333333333', roleArn: ACCOUNT_ROLE });
  });

  it('ServiceLevelCARM looks up <service>.<id> first', async () => {
    const teamMap = mapOf(TEAM_ROLE_MAP, { 'team-a': TEAM_ROLE, 'sagemaker.team-a': 'arn:aws:iam::555555555555:role/sm' });
    const c = await resolveRole(input({ namespaceAnnotations: BOTH, gates: { TeamLevelCARM: true, ServiceLevelCARM: true }, teamMap }));
    expect(c).toMatchObject({ via: 'team', accountId: '555555555555' });
  });

  it('a team missing from the map is ACK\'s CARM error', async () => {
    const p = resolveRole(input({ namespaceAnnotations: { 'services.k8s.aws/team-id': 'team-z' } }));
    await expect(p).rejects.toThrow(CarmError);
    await expect(p).rejects.toThrow('retrieving role ARN for team ID "team-z" from "ack-role-team-map" configmap: key not found in CARM configmap');
    const none = resolveRole(input({ namespaceAnnotations: { 'services.k8s.aws/team-id': 'team-a' }, teamMap: mapOf(TEAM_ROLE_MAP, undefined) }));
    await expect(none).rejects.toThrow('configmap: CARM configmap not found');
  });

  it('with CARM off (or the own account) the controller\'s credentials are used', async () => {
    expect(await resolveRole(input({ namespaceAnnotations: BOTH, enableCarm: false }))).toEqual({ via: 'own', accountId: OWN });
    expect(await resolveRole(input({ namespaceAnnotations: { 'services.k8s.aws/owner-account-id': OWN } }))).toEqual({ via: 'own', accountId: OWN });
  });

  it('a selector still applies with CARM off', async () => {
    const c = await resolveRole(input({ enableCarm: false, selectors: { all: [selector('ml', ['ml'])], subject } }));
    expect(c.via).toBe('selector');
  });
});
