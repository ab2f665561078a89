import { crossNamespacePlacement, type Advisory } from '../cross-namespace';
import type { KubeObject } from '../k8s/types';

/**
 * A FieldExport (services.k8s.aws/v1alpha1, ACK's schema): which field of which ACK resource goes
 * into which ConfigMap or Secret key. The CRD enforces the required fields at apply time; this reads
 * them back typed, and says in one line what is wrong with an object that slipped past it.
 */

export const FIELD_EXPORT = { group: 'services.k8s.aws', version: 'v1alpha1', plural: 'fieldexports', kind: 'FieldExport' } as const;
export const FIELD_EXPORT_REF = { group: FIELD_EXPORT.group, version: FIELD_EXPORT.version, plural: FIELD_EXPORT.plural };
/** ACK's finalizer for FieldExports (runtime pkg/runtime/field_export_reconciler.go). */
export const FIELD_EXPORT_FINALIZER = 'finalizers.services.k8s.aws/FieldExport';

export type TargetKind = 'configmap' | 'secret';

export interface SourceRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

export interface FieldExportSpec {
  readonly from: { readonly resource: SourceRef; readonly path: string };
  readonly to: { readonly kind: TargetKind; readonly name: string; readonly namespace?: string; readonly key?: string };
}

export type ReadSpec = { readonly ok: true; readonly spec: FieldExportSpec } | { readonly ok: false; readonly error: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function readFieldExportSpec(fe: KubeObject): ReadSpec {
  const spec = obj(fe.spec);
  const from = obj(spec.from);
  const resource = obj(from.resource);
  const to = obj(spec.to);
  const missing = [
    ['spec.from.resource.group', resource.group],
    ['spec.from.resource.kind', resource.kind],
    ['spec.from.resource.name', resource.name],
    ['spec.from.path', from.path],
    ['spec.to.kind', to.kind],
    ['spec.to.name', to.name],
  ].filter(([, v]) => str(v) === undefined).map(([k]) => k);
  if (missing.length) return { ok: false, error: `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required` };
  const kind = String(to.kind).toLowerCase();
  if (kind !== 'configmap' && kind !== 'secret') return { ok: false, error: `spec.to.kind must be configmap or secret, not "${String(to.kind)}"` };
  return {
    ok: true,
    spec: {
      from: { resource: { group: String(resource.group), kind: String(resource.kind), name: String(resource.name) }, path: String(from.path) },
      to: {
        kind,
        name: String(to.name),
        ...(str(to.namespace) ? { namespace: String(to.namespace) } : {}),
        ...(str(to.key) ? { key: String(to.key) } : {}),
      },
    },
  };
}

/** The group a FieldExport's source belongs to, without reading the rest: which controller owns it. */
export function sourceGroup(fe: KubeObject): string | undefined {
  return str(obj(obj(obj(fe.spec).from).resource).group);
}

/** ACK's default key: `<fieldexport namespace>.<fieldexport name>`. */
export function targetKey(fe: KubeObject, spec: FieldExportSpec): string {
  return spec.to.key ?? `${fe.metadata.namespace ?? ''}.${fe.metadata.name}`;
}

export interface TargetPlace {
  readonly namespace: string;
  /** ACK.Advisory when the target is in another namespace and that is allowed. */
  readonly advisory?: Advisory;
}

/** Cross-namespace targets follow --enable-cross-namespace (ACK §15): allowed with an advisory, or refused. */
export function targetPlace(fe: KubeObject, spec: FieldExportSpec, enableCrossNamespace: boolean): TargetPlace | { readonly denied: string } {
  const place = crossNamespacePlacement('field export', fe.metadata.namespace ?? '', spec.to, enableCrossNamespace);
  if (!place.allowed) return { denied: place.refusal };
  return { namespace: place.namespace, ...(place.advisory ? { advisory: place.advisory } : {}) };
}
