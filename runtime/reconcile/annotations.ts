/** The annotation keys of ACK's user-visible contract (reference §4). */
export const ANNOTATION = {
  region: 'services.k8s.aws/region',
  deletionPolicy: 'services.k8s.aws/deletion-policy',
  readOnly: 'services.k8s.aws/read-only',
  adoptionPolicy: 'services.k8s.aws/adoption-policy',
  adoptionFields: 'services.k8s.aws/adoption-fields',
  adopted: 'services.k8s.aws/adopted',
  // on the namespace
  defaultRegion: 'services.k8s.aws/default-region',
  ownerAccountId: 'services.k8s.aws/owner-account-id',
  /** With the TeamLevelCARM gate: the team whose role (ack-role-team-map) the namespace's resources use. */
  teamId: 'services.k8s.aws/team-id',
  endpointUrl: 'services.k8s.aws/endpoint-url',
} as const;

/** `<service>.services.k8s.aws/deletion-policy`, read on the namespace. */
export function namespaceDeletionPolicyKey(service: string): string {
  return `${service.toLowerCase()}.services.k8s.aws/deletion-policy`;
}

export function finalizerName(group: string, kind: string): string {
  return `finalizers.${group}/${kind}`;
}
