import { toRbacRules } from './rbac';
import { widgets } from './test-fixtures';

describe('toRbacRules', () => {
  const { model } = widgets();
  const rules = toRbacRules(model);

  it('grants the CRs, their status and finalizers, and nothing that creates or deletes them', () => {
    const group = rules.watched.filter((r) => r.apiGroups.includes('widgets.services.k8s.aws'));
    expect(group).toEqual([
      { apiGroups: ['widgets.services.k8s.aws'], resources: ['widgets'], verbs: ['get', 'list', 'watch', 'patch', 'update'] },
      { apiGroups: ['widgets.services.k8s.aws'], resources: ['widgets/status'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: ['widgets.services.k8s.aws'], resources: ['widgets/finalizers'], verbs: ['update'] },
    ]);
  });

  it('lists one resource per kind of the model, sorted', () => {
    const two = { ...model, resources: [{ ...model.resources[0]!, plural: 'zebras' }, { ...model.resources[0]!, plural: 'apples' }] };
    expect(toRbacRules(two).watched[0]!.resources).toEqual(['apples', 'zebras']);
  });

  it('FieldExports and their targets, secrets, and events where the CRs are; reads namespaces, IAMRoleSelectors and CARM ConfigMaps; leases only for leader election', () => {
    expect(rules.watched.slice(3)).toEqual([
      { apiGroups: ['services.k8s.aws'], resources: ['fieldexports'], verbs: ['get', 'list', 'watch', 'patch'] },
      { apiGroups: ['services.k8s.aws'], resources: ['fieldexports/status'], verbs: ['patch'] },
      { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'create', 'patch'] },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    ]);
    expect(rules.cluster).toEqual([
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      { apiGroups: ['services.k8s.aws'], resources: ['iamroleselectors'], verbs: ['list', 'watch'] },
    ]);
    expect(rules.system).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    expect(rules.leaderElection).toEqual([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }]);
  });

  it('never grants a wildcard or a delete', () => {
    const all = [...rules.watched, ...rules.cluster, ...rules.system, ...rules.leaderElection];
    for (const r of all) {
      expect(r.verbs).not.toContain('*');
      expect(r.verbs).not.toContain('delete');
      expect(r.resources).not.toContain('*');
    }
  });
});
