import { KubeApiError } from '../k8s/http';
import type { KubeObject } from '../k8s/types';
import { CONDITION, deriveConditions, type Condition, type ConditionInput } from '../reconcile/conditions';
import type { EventPort, LogPort, ObjectReader, ResourceStore } from '../reconcile/ports';
import { firstResult, parsePath, PathSyntaxError, SUPPORTED_SYNTAX, type Query } from './path';
import { FIELD_EXPORT_FINALIZER, readFieldExportSpec, sourceGroup, targetKey, targetPlace, type FieldExportSpec, type TargetKind } from './spec';
import { exportText, keyProblem, keyRemoval, targetWrite, type TargetObject } from './target';

/**
 * One FieldExport reconcile, as ACK's fieldExportReconciler does it (reference §18): finalizer, read
 * the source in the FieldExport's namespace, require it synced, evaluate the path, write the key.
 * Differences from ACK, each where its users hurt: success sets ResourceSynced/Ready; a missing
 * target is created; deleting the FieldExport removes the key it wrote; floats, lists and objects
 * export (as JSON). Level-triggered: it never asks what woke it.
 */

/** The ConfigMaps and Secrets a FieldExport writes. Errors are the API server's (KubeApiError). */
export interface TargetPort {
  get(kind: TargetKind, namespace: string, name: string): Promise<TargetObject | undefined>;
  create(kind: TargetKind, namespace: string, body: Record<string, unknown>): Promise<void>;
  patch(kind: TargetKind, namespace: string, name: string, patch: Record<string, unknown>): Promise<void>;
}

export interface FieldExportEnv {
  /** This controller's API group: FieldExports of other groups belong to other controllers. */
  readonly group: string;
  readonly version: string;
  /** This service's kinds, by lower-cased kind (ACK matches kinds case-insensitively). */
  readonly kinds: ReadonlyMap<string, { readonly kind: string; readonly plural: string }>;
  readonly sources: ObjectReader;
  readonly targets: TargetPort;
  /** The FieldExport objects themselves (finalizer and status). */
  readonly store: ResourceStore;
  readonly events: EventPort;
  readonly log: LogPort;
  readonly enableCrossNamespace: boolean;
  /** Labels put on a ConfigMap or Secret the export creates. */
  readonly createdLabels: Readonly<Record<string, string>>;
  readonly now?: () => Date;
}

export type FieldExportOutcome =
  /** Not this controller's: another service's group. */
  | { readonly kind: 'ignored' }
  /** The key holds the value. */
  | { readonly kind: 'exported' }
  /** Waiting on the source (missing, not synced, no value at the path): its informer wakes us. */
  | { readonly kind: 'waiting'; readonly reason: string }
  /** Cannot succeed until the FieldExport's spec changes. */
  | { readonly kind: 'terminal'; readonly reason: string }
  /** The target write failed (missing namespace, RBAC, API error): retry with backoff. */
  | { readonly kind: 'retry'; readonly reason: string }
  /** Deleted: the key is removed and the finalizer released. */
  | { readonly kind: 'deleted' };

interface Failure {
  readonly outcome: 'waiting' | 'terminal' | 'retry';
  readonly reason: string;
  readonly message: string;
}

type Attempt =
  | { readonly ok: true; readonly wrote: boolean; readonly summary: string; readonly advisory?: { reason: string; message: string } }
  | ({ readonly ok: false; readonly advisory?: { reason: string; message: string } } & Failure);

export async function reconcileFieldExport(fe: KubeObject, env: FieldExportEnv): Promise<FieldExportOutcome> {
  if (sourceGroup(fe) !== env.group) return { kind: 'ignored' };
  const finalizers = fe.metadata.finalizers ?? [];
  if (fe.metadata.deletionTimestamp) {
    if (!finalizers.includes(FIELD_EXPORT_FINALIZER)) return { kind: 'deleted' };
    await removeExportedKey(fe, env);
    await env.store.patch(fe, (c) =>
      (c.metadata.finalizers ?? []).includes(FIELD_EXPORT_FINALIZER)
        ? { metadata: { resourceVersion: c.metadata.resourceVersion, finalizers: (c.metadata.finalizers ?? []).filter((f) => f !== FIELD_EXPORT_FINALIZER) } }
        : undefined,
    );
    return { kind: 'deleted' };
  }
  let cur = fe;
  if (!finalizers.includes(FIELD_EXPORT_FINALIZER)) {
    const next = await env.store.patch(fe, (c) =>
      (c.metadata.finalizers ?? []).includes(FIELD_EXPORT_FINALIZER)
        ? undefined
        : { metadata: { resourceVersion: c.metadata.resourceVersion, finalizers: [...(c.metadata.finalizers ?? []), FIELD_EXPORT_FINALIZER] } },
    );
    if (!next) return { kind: 'deleted' };
    cur = next;
  }
  const attempt = await exportField(cur, env);
  await writeStatus(cur, attempt, env);
  if (attempt.ok) return { kind: 'exported' };
  return { kind: attempt.outcome, reason: attempt.reason };
}

async function exportField(fe: KubeObject, env: FieldExportEnv): Promise<Attempt> {
  const read = readFieldExportSpec(fe);
  if (!read.ok) return { ok: false, outcome: 'terminal', reason: 'InvalidSpec', message: read.error };
  const spec = read.spec;
  let query: Query;
  try {
    query = parsePath(spec.from.path);
  } catch (err) {
    if (!(err instanceof PathSyntaxError)) throw err;
    return { ok: false, outcome: 'terminal', reason: 'InvalidPath', message: `unable to parse path "${spec.from.path}": ${err.message}; supported: ${SUPPORTED_SYNTAX}` };
  }
  const key = targetKey(fe, spec);
  const badKey = keyProblem(key);
  if (badKey) return { ok: false, outcome: 'terminal', reason: 'InvalidKey', message: `spec.to.key: ${badKey}` };
  const place = targetPlace(fe, spec, env.enableCrossNamespace);
  if ('denied' in place) return { ok: false, outcome: 'terminal', reason: 'CrossNamespaceNotAllowed', message: place.denied };
  const advisory = place.advisory;
  const failed = (f: Failure): Attempt => ({ ok: false, ...f, ...(advisory ? { advisory } : {}) });

  const known = env.kinds.get(spec.from.resource.kind.toLowerCase());
  if (!known) {
    const kinds = [...env.kinds.values()].map((k) => k.kind).join(', ');
    return failed({ outcome: 'terminal', reason: 'UnknownKind', message: `kind "${spec.from.resource.kind}" is not a kind of ${env.group}; its kinds are ${kinds}` });
  }
  const namespace = fe.metadata.namespace ?? '';
  const where = `${known.kind} ${namespace}/${spec.from.resource.name}`;
  const source = await env.sources.get({ group: env.group, version: env.version, plural: known.plural }, namespace, spec.from.resource.name);
  if (!source) return failed({ outcome: 'waiting', reason: 'SourceNotFound', message: `the source resource ${where} does not exist` });
  if (!isSynced(source)) return failed({ outcome: 'waiting', reason: 'SourceNotSynced', message: `the source resource ${where} is not synced yet` });
  const text = exportText(firstResult(query, source));
  if (text === undefined) return failed({ outcome: 'waiting', reason: 'PathNotFound', message: `path "${spec.from.path}" does not exist in ${where}` });

  const to = `${spec.to.kind} ${place.namespace}/${spec.to.name}`;
  try {
    const wrote = await writeKey(env.targets, spec.to.kind, { namespace: place.namespace, name: spec.to.name }, key, text, env.createdLabels);
    return { ok: true, wrote, summary: `exported ${spec.from.path} of ${where} to ${to}, key ${key}`, ...(advisory ? { advisory } : {}) };
  } catch (err) {
    return failed(targetFailure(err, place.namespace, to));
  }
}

/**
 * Reads the target and writes the key if it differs; true when it wrote. Two FieldExports creating
 * one target race: the loser finds it created (AlreadyExists) and patches its key in at once.
 */
async function writeKey(targets: TargetPort, kind: TargetKind, where: { namespace: string; name: string }, key: string, text: string, labels: Readonly<Record<string, string>>): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const write = targetWrite(kind, where, await targets.get(kind, where.namespace, where.name), key, text, labels);
    try {
      if (write.kind === 'create') await targets.create(kind, where.namespace, write.body);
      if (write.kind === 'patch') await targets.patch(kind, where.namespace, where.name, write.patch);
      return write.kind !== 'none';
    } catch (err) {
      const created = err instanceof KubeApiError && err.status === 409 && write.kind === 'create';
      if (!created || attempt > 0) throw err;
    }
  }
}

function targetFailure(err: unknown, namespace: string, to: string): Failure {
  if (err instanceof KubeApiError) {
    // A create answered NotFound: the namespace itself is missing (a missing object is created).
    if (err.status === 404) return { outcome: 'retry', reason: 'TargetNamespaceNotFound', message: `cannot write ${to}: namespace "${namespace}" does not exist` };
    if (err.status === 403) return { outcome: 'retry', reason: 'TargetForbidden', message: `cannot write ${to}: the controller is not allowed to (${err.message})` };
    return { outcome: 'retry', reason: 'TargetWriteFailed', message: `cannot write ${to}: ${err.message}` };
  }
  throw err;
}

function isSynced(o: KubeObject): boolean {
  const conditions = (Array.isArray(o.status?.conditions) ? o.status.conditions : []) as Condition[];
  return conditions.some((c) => c.type === CONDITION.synced && c.status === 'True');
}

async function writeStatus(fe: KubeObject, a: Attempt, env: FieldExportEnv): Promise<void> {
  const input: ConditionInput = a.ok
    ? { synced: { status: 'True', reason: 'Exported', message: a.summary } }
    : a.outcome === 'terminal'
      ? { synced: { status: 'False', reason: a.reason, message: a.message }, terminal: { reason: a.reason, message: a.message, observedGeneration: fe.metadata.generation ?? 0 } }
      : { synced: { status: 'False', reason: a.reason, message: a.message }, recoverable: { reason: a.reason, message: a.message } };
  const withAdvisory: ConditionInput = a.advisory ? { ...input, advisories: [a.advisory] } : input;
  const previous = (Array.isArray(fe.status?.conditions) ? fe.status.conditions : []) as Condition[];
  const now = (env.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const conditions = deriveConditions(withAdvisory, previous, now);
  if (a.ok && a.wrote) env.events.emit(fe, 'Normal', 'Exported', a.summary);
  if (sameConditions(previous, conditions)) return;
  if (!a.ok) env.events.emit(fe, 'Warning', a.reason, a.message);
  await env.store.patchStatus(fe, { ...(fe.status ?? {}), conditions });
}

function sameConditions(a: readonly Condition[], b: readonly Condition[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Best effort: a target already gone, or one we may not touch, must not wedge the deletion. */
async function removeExportedKey(fe: KubeObject, env: FieldExportEnv): Promise<void> {
  const read = readFieldExportSpec(fe);
  if (!read.ok) return;
  const spec: FieldExportSpec = read.spec;
  const key = targetKey(fe, spec);
  const place = targetPlace(fe, spec, env.enableCrossNamespace);
  if ('denied' in place || keyProblem(key)) return;
  try {
    const current = await env.targets.get(spec.to.kind, place.namespace, spec.to.name);
    const patch = keyRemoval(current, key);
    if (patch) await env.targets.patch(spec.to.kind, place.namespace, spec.to.name, patch);
  } catch (err) {
    if (!(err instanceof KubeApiError)) throw err;
    env.log.warn('field export deleted, but its key could not be removed from the target', { target: `${spec.to.kind} ${place.namespace}/${spec.to.name}`, key, error: err.message });
  }
}
