import type { Schema } from './crd';

/** The group of the kinds the runtime itself serves (FieldExport, IAMRoleSelector), as ACK's runtime has them. */
export const RUNTIME_GROUP = 'services.k8s.aws';

export interface RuntimeKind {
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly columns: readonly Schema[];
  readonly schema: Schema;
}

/** A v1alpha1 CRD of the runtime's own group, with the status subresource and the `aws` category. */
export function runtimeCrd(k: RuntimeKind): Schema {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${k.plural}.${RUNTIME_GROUP}` },
    spec: {
      group: RUNTIME_GROUP,
      names: { kind: k.kind, listKind: `${k.kind}List`, plural: k.plural, singular: k.kind.toLowerCase(), categories: ['aws'] },
      scope: k.scope,
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: k.columns,
          schema: { openAPIV3Schema: k.schema },
        },
      ],
    },
  };
}
