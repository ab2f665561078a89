/**
 * ACK's cross-namespace rule (ACK runtime §15, ValidateCrossNamespaceReference), the one place it is
 * written: a resource reference, a secret reference or a FieldExport target names an object; with no
 * namespace, or its owner's, it is read there. Another namespace is refused when
 * --enable-cross-namespace=false, else used with the ACK.Advisory CrossNamespaceOptInRequired.
 */

export type CrossNamespaceUse = 'resource reference' | 'secret reference' | 'field export';

export interface Advisory {
  readonly reason: string;
  readonly message: string;
}

export type Placement =
  | { readonly allowed: true; readonly namespace: string; readonly advisory?: Advisory }
  | { readonly allowed: false; readonly namespace: string; readonly refusal: string };

const CROSS_NAMESPACE_ADVISORY = 'CrossNamespaceOptInRequired';

/** ACK words a refused secret reference as a resource reference (one validator for both); FieldExport has its own. */
const refusedAs: Record<CrossNamespaceUse, string> = {
  'resource reference': 'resource reference',
  'secret reference': 'resource reference',
  'field export': 'field export',
};

export function crossNamespacePlacement(
  use: CrossNamespaceUse,
  owner: string,
  named: { readonly name: string; readonly namespace?: string },
  enableCrossNamespace: boolean,
): Placement {
  const target = named.namespace;
  if (!target || target === owner) return { allowed: true, namespace: owner };
  if (!enableCrossNamespace) {
    return {
      allowed: false,
      namespace: target,
      refusal: `cross-namespace ${refusedAs[use]} is not allowed. Set --enable-cross-namespace=true to allow it. sourceNamespace:${owner},targetNamespace:${target},name:${named.name}`,
    };
  }
  return {
    allowed: true,
    namespace: target,
    advisory: {
      reason: CROSS_NAMESPACE_ADVISORY,
      message: `Cross-namespace ${use} detected: resource in namespace "${owner}" references "${named.name}" in namespace "${target}". Cross-namespace behavior will be disabled by default in a future release. Set --enable-cross-namespace=true to preserve this behavior.`,
    },
  };
}
