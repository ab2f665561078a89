import { CONDITIONS, type Schema } from './crd';
import { runtimeCrd } from './runtime-crd';

/**
 * ACK's `FieldExport` CRD (`services.k8s.aws/v1alpha1`, namespaced), the runtime's own kind: shipped
 * with every controller (crds/ and the chart's crds/, as ACK's charts ship it). One definition shared
 * by every service, so whichever chart installs it first the schema is the same, and ACK's FieldExport
 * manifests apply unchanged. ACK's AdoptedResource CRD was removed from ACK (runtime #209): not shipped.
 */
export const FIELD_EXPORT_CRD_FILE = 'crds/services.k8s.aws_fieldexports.yaml';

const SYNCED = '.status.conditions[?(@.type=="ACK.ResourceSynced")].status';

const str = (description?: string): Schema => ({ ...(description ? { description } : {}), type: 'string' });

export function fieldExportCrd(): Schema {
  return runtimeCrd({
    kind: 'FieldExport',
    plural: 'fieldexports',
    scope: 'Namespaced',
    columns: [
      { name: 'Kind', type: 'string', jsonPath: '.spec.from.resource.kind' },
      { name: 'Source', type: 'string', jsonPath: '.spec.from.resource.name' },
      { name: 'Path', type: 'string', jsonPath: '.spec.from.path', priority: 1 },
      { name: 'To', type: 'string', jsonPath: '.spec.to.kind' },
      { name: 'Target', type: 'string', jsonPath: '.spec.to.name' },
      { name: 'Synced', type: 'string', jsonPath: SYNCED },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
    schema: schema(),
  });
}

function schema(): Schema {
  return {
    description: 'FieldExport copies one field of an ACK resource into a key of a ConfigMap or Secret, and keeps it up to date as the resource changes.',
    type: 'object',
    properties: {
      apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
      kind: str('Kind is a string value representing the REST resource this object represents.'),
      metadata: { type: 'object' },
      spec: {
        description: 'What to export, and where to.',
        type: 'object',
        properties: {
          from: {
            description: 'The field to export: an ACK resource in the FieldExport\'s namespace, and a path into it.',
            type: 'object',
            properties: {
              path: str('A jq path into the resource, e.g. .status.ackResourceMetadata.arn or .spec.endpointName. The first result is exported.'),
              resource: {
                description: 'The ACK resource, in the same namespace as the FieldExport.',
                type: 'object',
                properties: {
                  group: str('API group of the resource, e.g. sagemaker.services.k8s.aws.'),
                  kind: str('Kind of the resource, e.g. Endpoint.'),
                  name: str('Name of the resource.'),
                },
                required: ['group', 'kind', 'name'],
              },
            },
            required: ['path', 'resource'],
          },
          to: {
            description: 'The ConfigMap or Secret key the value is written to.',
            type: 'object',
            properties: {
              key: str('The data key; default `<FieldExport namespace>.<FieldExport name>`.'),
              kind: { description: 'configmap or secret.', type: 'string', enum: ['configmap', 'secret'] },
              name: str('Name of the ConfigMap or Secret.'),
              namespace: str('Namespace of the ConfigMap or Secret; default the FieldExport\'s. Another namespace needs --enable-cross-namespace.'),
            },
            required: ['kind', 'name'],
          },
        },
        required: ['from', 'to'],
      },
      status: {
        description: 'The outcome of the last export.',
        type: 'object',
        properties: { conditions: CONDITIONS },
        required: ['conditions'],
      },
    },
  };
}
