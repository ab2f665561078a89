import type { ReferenceBinding } from '../descriptor';
import { crossNamespacePlacement, type Advisory } from '../cross-namespace';
import { getPath, isObject, type JsonObject } from '../convert/paths';
import type { KubeObject } from '../k8s/types';
import { CONDITION, type Condition, type ConditionValue } from './conditions';
import type { ObjectReader } from './ports';

/**
 * Reference fields (ACK reference §6.9, §15): `roleRef: {from: {name, namespace}}` names another
 * ACK resource whose `status.ackResourceMetadata.arn` fills `roleARN` for AWS calls. A binding with
 * `at` sits in a nested structure (vpcConfig.subnetRefs), in every item of a list on the way.
 * Resolved values live in memory only; they are never written back into the user's spec.
 */


/** A step from spec down to a structure: a member name, or an index into a list. */
export type Step = string | number;

/** One value a reference resolved to, and where in the spec it goes: `route` to the holder, then `target`. */
export interface Fill {
  readonly route: readonly Step[];
  readonly target: string;
  readonly value: unknown;
}

/** The referenced object a failed resolution waits for, so the controller can wake the referrer when it changes. */
export interface Awaited {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespace: string;
  readonly name: string;
}

export type Resolution =
  /** The spec sets no reference field. */
  | { readonly kind: 'none' }
  | { readonly kind: 'resolved'; readonly fills: readonly Fill[]; readonly advisories: readonly Advisory[] }
  /**
   * False when retrying cannot help (terminal target, cross-namespace denied), else Unknown; as ACK.
   * `message` is ACK's text (the condition reason); `detail` ours, naming the field and the object.
   */
  | {
      readonly kind: 'failed';
      readonly status: 'Unknown' | 'False';
      readonly message: string;
      readonly detail: string;
      readonly advisories: readonly Advisory[];
      readonly awaiting?: Awaited;
    };

class ReferenceFailure extends Error {
  constructor(
    message: string,
    readonly status: 'Unknown' | 'False',
    readonly detail?: string,
    readonly awaiting?: Awaited,
  ) {
    super(message);
  }
}

interface NamedRef {
  readonly name: string;
  readonly namespace?: string;
}

/** A structure that holds a binding's reference field, and how to reach it from spec. */
interface Holder {
  readonly route: readonly Step[];
  readonly obj: JsonObject;
}

/** Every structure at `at` under spec, fanning out over list items on the way; spec itself for a top-level binding. */
export function holdersOf(spec: JsonObject, at: readonly string[] = []): Holder[] {
  let found: Holder[] = [{ route: [], obj: spec }];
  for (const key of at) {
    const next: Holder[] = [];
    for (const h of found) {
      const v = h.obj[key];
      if (isObject(v)) next.push({ route: [...h.route, key], obj: v });
      else if (Array.isArray(v)) v.forEach((item, i) => isObject(item) && next.push({ route: [...h.route, key, i], obj: item }));
    }
    found = next;
  }
  return found;
}

/** A spec path as users read it: vpcConfig.subnetRefs, actions[1].targetGroupRef. */
export function routeText(route: readonly Step[], field: string): string {
  return [...route, field].reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

export interface UsedReference {
  readonly binding: ReferenceBinding;
  readonly route: readonly Step[];
  readonly refs: readonly NamedRef[];
}

/** The references the spec sets, checked as ACK checks them: a name, and not both a field and its reference. */
export function referencesInSpec(spec: JsonObject, bindings: readonly ReferenceBinding[]): UsedReference[] {
  const out: UsedReference[] = [];
  for (const b of bindings) {
    for (const { route, obj } of holdersOf(spec, b.at)) {
      const raw = obj[b.field];
      if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) continue;
      const target = obj[b.target];
      if (target !== undefined && target !== null) {
        throw new ReferenceFailure(`both resource reference wrapper and ID cannot be used together: ${routeText(route, b.target)},${routeText(route, b.field)}`, 'Unknown');
      }
      const items: unknown[] = b.many && Array.isArray(raw) ? raw : [raw];
      const refs = items.map((item): NamedRef => {
        const from = isObject(item) && isObject(item.from) ? item.from : {};
        if (typeof from.name !== 'string' || !from.name) throw new ReferenceFailure(`provided resource reference is nil or empty: ${routeText(route, b.field)}`, 'Unknown');
        return { name: from.name, ...(typeof from.namespace === 'string' && from.namespace ? { namespace: from.namespace } : {}) };
      });
      out.push({ binding: b, route, refs });
    }
  }
  return out;
}

/** ACK's ValidateCrossNamespaceReference: where to read the referenced object, and the advisory if it is elsewhere. */
export function referenceNamespace(owner: string, ref: NamedRef, enableCrossNamespace: boolean): { namespace: string; advisory?: Advisory } {
  const place = crossNamespacePlacement('resource reference', owner, ref, enableCrossNamespace);
  if (!place.allowed) {
    throw new ReferenceFailure(place.refusal, 'False', `it names namespace "${place.namespace}", and this controller runs with --enable-cross-namespace=false`);
  }
  return { namespace: place.namespace, ...(place.advisory ? { advisory: place.advisory } : {}) };
}

/** The value a referenced object offers: it must be synced and not terminal (unless the binding skips that), and have the field. */
export function referencedValue(obj: KubeObject, b: ReferenceBinding, namespace: string): unknown {
  const where = `resource:${b.kind}, namespace:${namespace}, name:${obj.metadata.name}`;
  const awaiting = { group: b.group, version: b.version, plural: b.plural, namespace, name: obj.metadata.name };
  if (!b.skipStateValidation) {
    const conditions = (Array.isArray(obj.status?.conditions) ? obj.status.conditions : []) as Condition[];
    const isTrue = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
    if (isTrue(CONDITION.terminal)) {
      throw new ReferenceFailure(`the referenced resource has 'ACK.Terminal' condition 'True'. Cannot be referenced. ${where}`, 'False', 'it is ACK.Terminal; fix it first');
    }
    if (!isTrue(CONDITION.synced)) throw new ReferenceFailure(`the referenced resource is not synced yet. ${where}`, 'Unknown', 'it is not synced yet', awaiting);
  }
  const v = getPath(obj as unknown as JsonObject, b.path);
  if (v === undefined || v === null || v === '') {
    throw new ReferenceFailure(`the referenced resource is missing the target field. ${where}, targetField:${b.path}`, 'Unknown', `it has no ${b.path} yet`, awaiting);
  }
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
  let current = '';
  try {
    const used = referencesInSpec(spec, bindings);
    if (used.length === 0) return { kind: 'none' };
    const fills: Fill[] = [];
    for (const { binding, route, refs } of used) {
      const resolved: unknown[] = [];
      for (const ref of refs) {
        current = `spec.${routeText(route, binding.field)} names ${binding.kind} "${ref.name}" (${binding.plural}.${binding.group})`;
        const { namespace, advisory } = referenceNamespace(ownerNamespace, ref, enableCrossNamespace);
        current += ` in namespace "${namespace}"`;
        // ACK keys advisories by reason: one per resource, however many references cross.
        if (advisory && !advisories.some((a) => a.reason === advisory.reason)) advisories.push(advisory);
        if (!reader) throw new ReferenceFailure(`cannot read ${binding.plural}.${binding.group}: no reader configured`, 'Unknown');
        const obj = await reader.get(binding, namespace, ref.name);
        if (!obj) {
          const awaiting = { group: binding.group, version: binding.version, plural: binding.plural, namespace, name: ref.name };
          throw new ReferenceFailure(`${binding.plural}.${binding.group} "${ref.name}" not found`, 'Unknown', 'which does not exist', awaiting);
        }
        resolved.push(referencedValue(obj, binding, namespace));
      }
      fills.push({ route, target: binding.target, value: binding.many ? resolved : resolved[0] });
    }
    return { kind: 'resolved', fills, advisories };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const f = err instanceof ReferenceFailure ? err : undefined;
    const detail = current && f?.detail ? `${current}, ${f.detail}` : current ? `${current}: ${message}` : message;
    return { kind: 'failed', status: f?.status ?? 'Unknown', message, detail, advisories, ...(f?.awaiting ? { awaiting: f.awaiting } : {}) };
  }
}

/** ACK.ReferencesResolved as ACK sets it: True without a message; else the error as the reason. */
export function referencesCondition(r: Exclude<Resolution, { kind: 'none' }>): ConditionValue {
  return r.kind === 'resolved' ? { status: 'True' } : { status: r.status, reason: r.message, message: 'Reference resolution failed' };
}

/** `value` at route + key under `root`, copying only what lies on the way (lists stay lists). */
function setAt(root: JsonObject, route: readonly Step[], key: string, value: unknown): JsonObject {
  const put = (node: unknown, i: number): unknown => {
    if (i === route.length) {
      const copy = { ...(node as JsonObject) };
      if (value === undefined) delete copy[key];
      else copy[key] = value;
      return copy;
    }
    const step = route[i]!;
    if (typeof step === 'number') {
      const list = [...(node as unknown[])];
      list[step] = put(list[step], i + 1);
      return list;
    }
    const obj = node as JsonObject;
    return { ...obj, [step]: put(obj[step], i + 1) };
  };
  return put(root, 0) as JsonObject;
}

/** The spec for AWS calls: the user's spec with resolved values laid over it. */
export function applyResolved(spec: JsonObject, fills: readonly Fill[]): JsonObject {
  return fills.reduce((acc, f) => setAt(acc, f.route, f.target, f.value), spec);
}

/** ACK's ClearResolvedReferences: a field whose reference is set is never written into the stored spec. */
export function withoutResolved(spec: JsonObject, bindings: readonly ReferenceBinding[]): JsonObject {
  let out = spec;
  for (const b of bindings) {
    for (const { route, obj } of holdersOf(spec, b.at)) {
      if (obj[b.field] !== undefined && obj[b.field] !== null && obj[b.target] !== undefined) out = setAt(out, route, b.target, undefined);
    }
  }
  return out;
}
