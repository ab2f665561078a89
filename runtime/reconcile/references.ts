import type { ReferenceBinding } from '../descriptor';
import { getPath, isObject, type JsonObject } from '../convert/paths';
import type { KubeObject } from '../k8s/types';
import { CONDITION, type Condition, type ConditionValue } from './conditions';
import type { ObjectReader } from './ports';

/**
 * Reference fields (ACK reference §6.9, §15): `roleRef: {from: {name, namespace}}` names another
 * ACK resource whose `status.ackResourceMetadata.arn` fills `roleARN` for AWS calls. Resolved
 * values live in memory only; they are never written back into the user's spec.
 */

export interface Advisory {
  readonly reason: string;
  readonly message: string;
}

export type Resolution =
  /** The spec sets no reference field. */
  | { readonly kind: 'none' }
  /** Spec field (JSON name) → value, to lay over the spec for AWS calls. */
  | { readonly kind: 'resolved'; readonly values: JsonObject; readonly advisories: readonly Advisory[] }
  /** False when retrying cannot help (terminal target, cross-namespace denied), else Unknown; as ACK. */
  | { readonly kind: 'failed'; readonly status: 'Unknown' | 'False'; readonly message: string; readonly advisories: readonly Advisory[] };

class ReferenceFailure extends Error {
  constructor(
    message: string,
    readonly status: 'Unknown' | 'False',
  ) {
    super(message);
  }
}

interface NamedRef {
  readonly name: string;
  readonly namespace?: string;
}

/** The references the spec sets, checked as ACK checks them: a name, and not both a field and its reference. */
export function referencesInSpec(spec: JsonObject, bindings: readonly ReferenceBinding[]): { binding: ReferenceBinding; refs: NamedRef[] }[] {
  const out: { binding: ReferenceBinding; refs: NamedRef[] }[] = [];
  for (const b of bindings) {
    const raw = spec[b.field];
    if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) continue;
    const target = spec[b.target];
    if (target !== undefined && target !== null) {
      throw new ReferenceFailure(`both resource reference wrapper and ID cannot be used together: ${b.target},${b.field}`, 'Unknown');
    }
    const items: unknown[] = b.many && Array.isArray(raw) ? raw : [raw];
    const refs = items.map((item): NamedRef => {
      const from = isObject(item) && isObject(item.from) ? item.from : {};
      if (typeof from.name !== 'string' || !from.name) throw new ReferenceFailure(`provided resource reference is nil or empty: ${b.field}`, 'Unknown');
      return { name: from.name, ...(typeof from.namespace === 'string' && from.namespace ? { namespace: from.namespace } : {}) };
    });
    out.push({ binding: b, refs });
  }
  return out;
}

/** ACK's ValidateCrossNamespaceReference: where to read the referenced object, and the advisory if it is elsewhere. */
export function referenceNamespace(owner: string, ref: NamedRef, enableCrossNamespace: boolean): { namespace: string; advisory?: Advisory } {
  if (!ref.namespace || ref.namespace === owner) return { namespace: owner };
  if (!enableCrossNamespace) {
    throw new ReferenceFailure(
      `cross-namespace resource reference is not allowed. Set --enable-cross-namespace=true to allow it. sourceNamespace:${owner},targetNamespace:${ref.namespace},name:${ref.name}`,
      'False',
    );
  }
  return {
    namespace: ref.namespace,
    advisory: {
      reason: 'CrossNamespaceOptInRequired',
      message: `Cross-namespace resource reference detected: resource in namespace "${owner}" references "${ref.name}" in namespace "${ref.namespace}". Cross-namespace behavior will be disabled by default in a future release. Set --enable-cross-namespace=true to preserve this behavior.`,
    },
  };
}

/** The value a referenced object offers: it must be synced and not terminal (unless the binding skips that), and have the field. */
export function referencedValue(obj: KubeObject, b: ReferenceBinding, namespace: string): unknown {
  const where = `resource:${b.kind}, namespace:${namespace}, name:${obj.metadata.name}`;
  if (!b.skipStateValidation) {
    const conditions = (Array.isArray(obj.status?.conditions) ? obj.status.conditions : []) as Condition[];
    const isTrue = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
    if (isTrue(CONDITION.terminal)) throw new ReferenceFailure(`the referenced resource has 'ACK.Terminal' condition 'True'. Cannot be referenced. ${where}`, 'False');
    if (!isTrue(CONDITION.synced)) throw new ReferenceFailure(`the referenced resource is not synced yet. ${where}`, 'Unknown');
  }
  const v = getPath(obj as unknown as JsonObject, b.path);
  if (v === undefined || v === null || v === '') throw new ReferenceFailure(`the referenced resource is missing the target field. ${where}, targetField:${b.path}`, 'Unknown');
  return v;
}

/** Reads every referenced object the spec names and collects the values. The only I/O here is `reader`. */
export async function resolveReferences(
  spec: JsonObject,
  ownerNamespace: string,
  bindings: readonly ReferenceBinding[],
  reader: ObjectReader | undefined,
  enableCrossNamespace: boolean,
): Promise<Resolution> {
  const advisories: Advisory[] = [];
  try {
    const used = referencesInSpec(spec, bindings);
    if (used.length === 0) return { kind: 'none' };
    const values: JsonObject = {};
    for (const { binding, refs } of used) {
      const resolved: unknown[] = [];
      for (const ref of refs) {
        const { namespace, advisory } = referenceNamespace(ownerNamespace, ref, enableCrossNamespace);
        // ACK keys advisories by reason: one per resource, however many references cross.
        if (advisory && !advisories.some((a) => a.reason === advisory.reason)) advisories.push(advisory);
        if (!reader) throw new ReferenceFailure(`cannot read ${binding.plural}.${binding.group}: no reader configured`, 'Unknown');
        const obj = await reader.get(binding, namespace, ref.name);
        if (!obj) throw new ReferenceFailure(`${binding.plural}.${binding.group} "${ref.name}" not found`, 'Unknown');
        resolved.push(referencedValue(obj, binding, namespace));
      }
      values[binding.target] = binding.many ? resolved : resolved[0];
    }
    return { kind: 'resolved', values, advisories };
  } catch (err) {
    const status = err instanceof ReferenceFailure ? err.status : 'Unknown';
    return { kind: 'failed', status, message: err instanceof Error ? err.message : String(err), advisories };
  }
}

/** ACK.ReferencesResolved as ACK sets it: True without a message; else the error as the reason. */
export function referencesCondition(r: Exclude<Resolution, { kind: 'none' }>): ConditionValue {
  return r.kind === 'resolved' ? { status: 'True' } : { status: r.status, reason: r.message, message: 'Reference resolution failed' };
}

/** The spec for AWS calls: the user's spec with resolved values laid over it. */
export function applyResolved(spec: JsonObject, values: JsonObject): JsonObject {
  return { ...spec, ...values };
}

/** ACK's ClearResolvedReferences: a field whose reference is set is never written into the stored spec. */
export function withoutResolved(spec: JsonObject, bindings: readonly ReferenceBinding[]): JsonObject {
  const out = { ...spec };
  for (const b of bindings) if (spec[b.field] !== undefined && spec[b.field] !== null) delete out[b.target];
  return out;
}
