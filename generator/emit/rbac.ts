import type { ServiceModel } from '../model/types';

/**
 * ServiceModel → the Kubernetes RBAC rules the controller needs, grouped by where
 * the chart binds them. The kinds come from the model; the built-in resources are
 * what runtime/ calls (runtime/k8s/client.ts CORE), with exactly the verbs it uses.
 */

export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

export interface RbacRules {
  /** Bound cluster-wide (installScope cluster) or in each watched namespace (installScope namespace). */
  readonly watched: readonly PolicyRule[];
  /** Cluster-scoped reads: namespace annotations and labels (region, owner account, team), IAMRoleSelectors. Always a ClusterRole. */
  readonly cluster: readonly PolicyRule[];
  /** In the release namespace only: CARM's ConfigMaps (ack-role-account-map, ack-role-team-map). */
  readonly system: readonly PolicyRule[];
  /** In the leader-election namespace, when leader election is on. */
  readonly leaderElection: readonly PolicyRule[];
}

/** Reconcile reads, watches and patches the CR, its status and its finalizers; it never creates or deletes CRs. */
const CR_VERBS = ['get', 'list', 'watch', 'patch', 'update'];
const STATUS_VERBS = ['get', 'patch', 'update'];
const FINALIZER_VERBS = ['update'];
/** References read the referenced CR (ACK grants get/list; watch lets a cache serve them later). */
const REFERENCED_VERBS = ['get', 'list', 'watch'];

/**
 * FieldExports (runtime/field-export): watched, finalized and given status by merge patch; their
 * targets read, created when missing and patched one key at a time. Secrets are also read for
 * secret references (is_secret fields), by name.
 */
const FIELD_EXPORT_RULES: readonly PolicyRule[] = [
  { apiGroups: ['services.k8s.aws'], resources: ['fieldexports'], verbs: ['get', 'list', 'watch', 'patch'] },
  { apiGroups: ['services.k8s.aws'], resources: ['fieldexports/status'], verbs: ['patch'] },
  { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'create', 'patch'] },
];

export function toRbacRules(model: ServiceModel): RbacRules {
  const plurals = model.resources.map((r) => r.plural).sort();
  const crRules: PolicyRule[] =
    plurals.length === 0
      ? []
      : [
          { apiGroups: [model.group], resources: plurals, verbs: CR_VERBS },
          { apiGroups: [model.group], resources: plurals.map((p) => `${p}/status`), verbs: STATUS_VERBS },
          { apiGroups: [model.group], resources: plurals.map((p) => `${p}/finalizers`), verbs: FINALIZER_VERBS },
        ];
  return {
    watched: [
      ...crRules,
      ...referencedRules(model),
      ...FIELD_EXPORT_RULES,
      // The event recorder creates Events next to the CR; patch aggregates repeats.
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    ],
    cluster: [
      // Read by name for their annotations and labels (runtime/k8s/namespace-cache.ts), never listed.
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      // IAMRoleSelectors are cluster-scoped; the controller only watches them (it never writes their empty status).
      { apiGroups: ['services.k8s.aws'], resources: ['iamroleselectors'], verbs: ['list', 'watch'] },
    ],
    // The CARM maps are read by name (runtime/aws/carm.ts), never listed.
    system: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    leaderElection: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }],
  };
}

/** Kinds of other services that reference fields read, one rule per API group. */
function referencedRules(model: ServiceModel): PolicyRule[] {
  const byGroup = new Map<string, Set<string>>();
  for (const r of model.resources) {
    for (const ref of r.references) {
      if (ref.group === model.group) continue;
      byGroup.set(ref.group, (byGroup.get(ref.group) ?? new Set()).add(ref.plural));
    }
  }
  return [...byGroup]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([group, plurals]) => ({ apiGroups: [group], resources: [...plurals].sort(), verbs: REFERENCED_VERBS }));
}
