import type { Schema } from './crd';
import { runtimeCrd } from './runtime-crd';

/**
 * ACK's `IAMRoleSelector` CRD (`services.k8s.aws/v1alpha1`, cluster-scoped): the same group, kind and
 * fields as ACK's runtime ships, so ACK's manifests apply unchanged. It is shared by every service,
 * so every chart carries the same file. Beyond ACK, the API server checks at apply time what ACK's
 * controller only logs: a role ARN, no empty or duplicate namespace names, no all-empty type entry.
 */
export const IAM_ROLE_SELECTOR_CRD_FILE = 'crds/services.k8s.aws_iamroleselectors.yaml';

const ROLE_ARN_PATTERN = '^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$';

const matchLabels = (description: string): Schema => ({
  type: 'object',
  description,
  properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Every label must be present with this value.' } },
});

export function iamRoleSelectorCrd(): Schema {
  return runtimeCrd({
    kind: 'IAMRoleSelector',
    plural: 'iamroleselectors',
    scope: 'Cluster',
    columns: [
      { name: 'ARN', type: 'string', jsonPath: '.spec.arn' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
    schema: selectorSchema(),
  });
}

function selectorSchema(): Schema {
  return {
    description:
      'IAMRoleSelector chooses the IAM role ACK controllers assume for the resources it selects ' +
      '(feature gate IAMRoleSelector). Its selectors are ANDed. A resource no IAMRoleSelector matches uses ' +
      'CARM or the controller\'s own credentials; one that several match is not reconciled.',
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        required: ['arn'],
        properties: {
          arn: {
            type: 'string',
            description: 'The IAM role to assume; its account is where the resources live.',
            pattern: ROLE_ARN_PATTERN,
            'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable once set' }],
          },
          namespaceSelector: {
            type: 'object',
            description: 'Namespaces by name (any of names) and by labels (all of matchLabels).',
            required: ['names'],
            properties: {
              names: { type: 'array', items: { type: 'string', minLength: 1 }, 'x-kubernetes-list-type': 'set' },
              labelSelector: matchLabels('Labels of the namespace.'),
            },
          },
          resourceTypeSelector: {
            type: 'array',
            description: 'Resource types (any entry); an empty group, version or kind matches any.',
            items: {
              type: 'object',
              required: ['group', 'version', 'kind'],
              properties: { group: { type: 'string' }, version: { type: 'string' }, kind: { type: 'string' } },
              'x-kubernetes-validations': [
                { rule: "self.group != '' || self.version != '' || self.kind != ''", message: 'at least one of group, version or kind must be set' },
              ],
            },
          },
          resourceLabelSelector: matchLabels('Labels of the resource.'),
        },
      },
      status: { type: 'object' },
    },
  };
}
