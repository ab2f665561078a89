import type { DeltaEntry, HookContext, OperationBinding, ReadManyBinding, RequeueRequest, ResourceView, SdkObject, ShapeTable, SkipDelete, TerminalRequest, UpdateEffects } from '../descriptor';
import { classifyAwsError, describeError, type ClassifiedError } from '../aws/errors';
import { buildInput, latestSpec, observeOutput, pickFromMany, type Observed } from '../convert/operations';
import { getPath, isObject, setPath, type JsonObject } from '../convert/paths';
import { scrub, sensitiveValues } from '../convert/shapes';
import type { KubeObject } from '../k8s/types';
import { ANNOTATION, finalizerName } from './annotations';
import {
  CONDITION,
  SYNCED_FALSE,
  SYNCED_TRUE,
  changedConditions,
  deriveConditions,
  type Condition,
  type ConditionInput,
  type ConditionValue,
} from './conditions';
import { computeDelta, immutableViolations, lateInitialize } from './delta';
import { applyResolved, referencesCondition, resolveReferences, withoutResolved } from './references';
import { readAfterCreateDelays } from './read-after-create';
import { tagEntries, tagLayout, withDefaultTags } from './tags';
import type { Outcome } from './outcome';
import { NOT_SYNCED_REQUEUE_MS, isAdopted, isReadOnly, parseAdoption } from './policy';
import type { ReconcileEnv } from './ports';
import { evaluateSynced } from './synced';

const LATE_INIT_REQUEUE_MS = 5_000;
const READ_AFTER_CREATE_REQUEUE_MS = 2_000;

/**
 * ACK's reconcile algorithm (reference §6), level-triggered: it looks only at the object and AWS,
 * never at what woke it. All I/O goes through `env`.
 */
export async function reconcile(obj: KubeObject, env: ReconcileEnv): Promise<Outcome> {
  const run = new Run(obj, env);
  try {
    return obj.metadata.deletionTimestamp ? await run.delete() : await run.sync();
  } catch (err) {
    if (err instanceof ObjectGone) return { kind: 'done' };
    throw err;
  }
}

class ObjectGone extends Error {}

function isRequeue(v: unknown): v is RequeueRequest {
  return isObject(v) && typeof v.requeueAfterMs === 'number' && typeof v.reason === 'string';
}

function isTerminalRequest(v: unknown): v is TerminalRequest {
  return isObject(v) && v.terminal === true && typeof v.message === 'string';
}

function isSkipDelete(v: unknown): v is SkipDelete {
  return isObject(v) && v.skipDelete === true;
}

/** One reconcile's state: the object as last stored, and the status being built. */
class Run {
  private cur: KubeObject;
  private status: JsonObject;
  /** Status as stored in Kubernetes, to skip writes that change nothing. */
  private stored: JsonObject;
  private readonly previousConditions: readonly Condition[];
  /** Status as this reconcile found it, for the events hook. */
  private readonly previousStatus: JsonObject;
  private readonly fin: string;
  /** Spec values resolved from reference fields: used for AWS calls, never stored in the spec. */
  private resolved: JsonObject = {};
  /** ReferencesResolved and advisories, kept on every status this sync writes. */
  private referenceConditions: Pick<ConditionInput, 'referencesResolved' | 'advisories'> = {};

  constructor(
    obj: KubeObject,
    private readonly env: ReconcileEnv,
  ) {
    this.cur = obj;
    this.status = { ...(obj.status ?? {}) };
    this.stored = obj.status ?? {};
    this.previousStatus = this.stored;
    this.previousConditions = Array.isArray(obj.status?.conditions) ? (obj.status.conditions as Condition[]) : [];
    this.fin = finalizerName(env.descriptor.group, env.descriptor.kind);
  }

  private get d() {
    return this.env.descriptor;
  }
  private get shapes() {
    return this.env.service.shapes;
  }
  private get annotations(): Readonly<Record<string, string>> {
    return this.cur.metadata.annotations ?? {};
  }
  private get managed(): boolean {
    return (this.cur.metadata.finalizers ?? []).includes(this.fin);
  }
  private get arn(): string | undefined {
    const a = getPath(this.status, 'ackResourceMetadata.arn');
    return typeof a === 'string' ? a : undefined;
  }

  // ---------------------------------------------------------------- sync

  async sync(): Promise<Outcome> {
    const ann = this.annotations;
    const readOnly = isReadOnly(ann);
    const adoption = parseAdoption(ann);
    if (adoption.kind === 'invalid') return this.terminal('InvalidAdoptionPolicy', adoption.message);

    const meta = isObject(this.status.ackResourceMetadata) ? this.status.ackResourceMetadata : {};
    const { accountId } = this.env.target;
    const region = this.env.target.desiredRegion ?? this.env.target.region;
    if (typeof meta.region === 'string' && meta.region !== region) {
      return this.terminal('RegionDrift', `Resource already exists in region ${meta.region}, but the desired state specifies region ${region}.`);
    }
    if (typeof meta.ownerAccountID === 'string' && meta.ownerAccountID !== accountId) {
      return this.terminal('AccountDrift', `Resource already exists in account ${meta.ownerAccountID}, but the role used for reconciliation is in account ${accountId}.`);
    }

    const needAdoption = adoption.kind === 'adopt' && !isAdopted(ann) && !this.managed;
    // As in ACK, adopting (policy adopt) or read-only resources proceed with unresolved references.
    const unresolved = await this.resolveReferences(readOnly || (needAdoption && adoption.policy === 'adopt'));
    if (unresolved) return unresolved;
    let desired: JsonObject = applyResolved({ ...(this.cur.spec ?? {}) }, this.resolved);
    if (needAdoption) desired = this.applyAdoptionFields(desired, adoption.fields);

    let latest: Observed | undefined;
    try {
      latest = await this.read(desired);
    } catch (err) {
      return this.failure(err);
    }

    let updatedFields: string[] = [];
    let effects: UpdateEffects | undefined;
    if (!latest) {
      if ((needAdoption && adoption.policy === 'adopt') || isAdopted(ann)) {
        return this.recoverable('AdoptedResourceNotFound', 'adopted resource not found in AWS; it will not be created');
      }
      if (readOnly) return this.recoverable('ReadOnlyResourceNotFound', 'read-only resource not found in AWS');
      const created = await this.create(desired);
      if (created.kind !== 'created') return created.outcome;
      latest = created.latest;
      if (!latest) {
        return this.finish({ synced: { status: 'False', reason: 'Created', message: 'Resource created; waiting for AWS to report it' } }, {
          kind: 'requeueAfter',
          ms: READ_AFTER_CREATE_REQUEUE_MS,
          reason: 'read after create',
        });
      }
    } else if (needAdoption) {
      const adoptedSpec = { ...desired, ...latest.spec };
      const adopt = adoption.policy === 'adopt';
      await this.patchObject((c) => ({
        metadata: {
          resourceVersion: c.metadata.resourceVersion,
          finalizers: withItem(c.metadata.finalizers, this.fin),
          annotations: { [ANNOTATION.adopted]: 'true' },
        },
        // adopt: the CR takes AWS's state; adopt-or-create keeps the user's spec and updates AWS next.
        ...(adopt ? { spec: withoutResolved(adoptedSpec, this.d.references ?? []) } : {}),
      }));
      this.env.events.emit(this.cur, 'Normal', 'Adopted', `adopted existing AWS resource (${adoption.policy})`);
      this.setObserved(latest);
      if (!adopt) {
        return this.finish({ synced: { status: 'False', reason: 'Adopted', message: 'Adopted; requeuing to apply the spec' } }, { kind: 'requeueAfter', ms: 0, reason: 'adopted' });
      }
      desired = adoptedSpec;
    } else if (readOnly) {
      const delta = this.delta(desired, latest);
      if (delta.length) this.env.log.info('desired resource state has changed, but resource is read-only - skipping update', { skipped: true, diff: delta.map((e) => e.path) });
    } else {
      if (!this.managed) {
        return this.terminal(
          'ResourceAlreadyExists',
          'This resource already exists but is not managed by ACK. To bring the resource under ACK management, you should explicitly adopt the resource by populating the services.k8s.aws/adoption-policy and services.k8s.aws/adoption-fields annotations.',
        );
      }
      try {
        latest = await this.observed(desired, latest);
      } catch (err) {
        return this.failure(err);
      }
      const updated = await this.update(desired, latest);
      if (updated.kind === 'outcome') return updated.outcome;
      updatedFields = updated.fields;
      if (updated.latest) latest = updated.latest;
      effects = updated.effects;
    }

    this.setObserved(latest);
    if (effects) await this.applyEffects(effects);
    this.emitHookEvents();
    return this.settle(desired, latest, { readOnly, updatedFields, ...(effects ? { effects } : {}) });
  }

  /**
   * After AWS and the spec agree (or could not be made to): late initialization, the synced verdict,
   * the conditions and what to do next.
   */
  private async settle(
    desired: JsonObject,
    latest: Observed,
    o: { readOnly: boolean; updatedFields: readonly string[]; effects?: UpdateEffects },
  ): Promise<Outcome> {
    const { readOnly, updatedFields, effects } = o;
    const hookVerdict = this.env.hooks?.isSynced?.(this.view());
    const verdict = hookVerdict ?? evaluateSynced(this.d.synced, { spec: this.cur.spec, status: this.status });
    let lateInit: ConditionValue | undefined;
    let lateInitPending = false;
    if (!readOnly && this.d.lateInitialize.length) {
      // A field filled from its reference is not unset: late initialization must not store it.
      const li = lateInitialize(applyResolved(this.cur.spec ?? {}, this.resolved), latestSpec(desired, latest), this.d.lateInitialize);
      if (li.filled.length) {
        let patch: JsonObject = {};
        for (const p of li.filled) patch = setPath(patch, p, getPath(li.spec, p));
        await this.patchObject(() => ({ spec: patch }));
      }
      // Server defaults arrive while a resource settles. A field AWS still leaves out once the
      // resource is settled has no default to copy; waiting for it would requeue forever.
      lateInitPending = li.pending.length > 0 && !verdict.synced;
      lateInit = lateInitPending
        ? { status: 'False', reason: 'Delayed Late Initialization', message: `Late initialization did not complete, requeuing with delay of 5 seconds (waiting for ${li.pending.join(', ')})` }
        : { status: 'True', reason: 'Late initialization successful', message: li.pending.length ? `Late initialization successful (AWS reports no value for ${li.pending.join(', ')})` : 'Late initialization successful' };
    }

    const synced: ConditionValue = verdict.synced
      ? { ...SYNCED_TRUE, ...(hookVerdict?.message ? { message: hookVerdict.message } : {}) }
      : { ...SYNCED_FALSE, message: !verdict.message ? SYNCED_FALSE.message : hookVerdict ? verdict.message : `Resource not synced: ${verdict.message}` };
    if (updatedFields.length) this.env.events.emit(this.cur, 'Normal', 'Updated', `updated in AWS: ${updatedFields.join(', ')}`);
    const lateInitCondition = lateInit ? { lateInitialized: lateInit } : {};
    if (hookVerdict?.terminal) {
      // The AWS resource itself failed (ACK's SetTerminalState): Terminal, with ResourceSynced as judged.
      const message = this.scrubbed(hookVerdict.terminal);
      this.env.log.warn('resource is in a terminal state in AWS', { message });
      return this.finish(
        { synced, terminal: { reason: 'ResourceTerminal', message, keepsSynced: true }, ...lateInitCondition },
        { kind: 'terminal', error: { code: 'ResourceTerminal', message } },
      );
    }
    const outcome: Outcome = effects?.requeue
      ? { kind: 'requeueAfter', ms: effects.requeue.requeueAfterMs, reason: effects.requeue.reason }
      : lateInitPending
        ? { kind: 'requeueAfter', ms: LATE_INIT_REQUEUE_MS, reason: 'late initialization pending' }
        : verdict.synced
          ? { kind: 'synced' }
          : { kind: 'requeueAfter', ms: NOT_SYNCED_REQUEUE_MS, reason: 'not synced' };
    return this.finish({ synced, ...lateInitCondition }, outcome);
  }

  /**
   * Resolves reference fields into `this.resolved` and records their conditions. A failure ends the
   * sync before any AWS call (an outcome to return) unless `proceedAnyway`; ACK retries it with backoff.
   */
  private async resolveReferences(proceedAnyway: boolean): Promise<Outcome | undefined> {
    const bindings = this.d.references ?? [];
    if (bindings.length === 0) return undefined;
    const namespace = this.cur.metadata.namespace ?? '';
    const r = await resolveReferences(this.cur.spec ?? {}, namespace, bindings, this.env.objects, this.env.enableCrossNamespace ?? true);
    if (r.kind === 'none') return undefined;
    for (const a of r.advisories) this.env.log.info('cross-namespace resource reference detected; this behavior will be disabled by default in a future release', { advisory: a.reason });
    this.referenceConditions = { referencesResolved: referencesCondition(r), ...(r.advisories.length ? { advisories: r.advisories } : {}) };
    if (r.kind === 'resolved') {
      this.resolved = r.values;
      return undefined;
    }
    this.env.log.warn('references not resolved', { message: r.message });
    if (proceedAnyway) return undefined;
    return this.finish(
      { synced: { status: 'False', reason: 'ReferencesNotResolved', message: `Resource not synced: ${r.message}` } },
      { kind: 'recoverable', error: { code: 'ReferencesNotResolved', message: r.message }, throttled: false },
    );
  }

  /** afterObserve: what the hook did about this read, laid over it before anything compares it. */
  private async observed(desired: JsonObject, latest: Observed): Promise<Observed> {
    const hook = this.env.hooks?.afterObserve;
    if (!hook) return latest;
    const r = await hook(this.view(latestSpec(desired, latest), { ...this.status, ...latest.status }), this.hookContext());
    if (!r?.status) return latest;
    // Both: setObserved lays the read over this.status, and a removed field must stay removed.
    this.status = overStatus(this.status, r.status);
    return { ...latest, status: overStatus(latest.status, r.status) };
  }

  /** afterUpdate's effects: annotations on the object, status fields over the observed status. */
  private async applyEffects(effects: UpdateEffects): Promise<void> {
    if (effects.status) this.status = overStatus(this.status, effects.status);
    const annotations = effects.annotations;
    if (annotations && Object.entries(annotations).some(([k, v]) => this.annotations[k] !== v)) {
      await this.patchObject(() => ({ metadata: { annotations: { ...annotations } } }));
    }
  }

  private applyAdoptionFields(spec: JsonObject, fields: Readonly<Record<string, string>>): JsonObject {
    let out = spec;
    const specMembers = new Set((this.shapes[this.d.specShape] ?? []).map((f) => f.json));
    for (const [k, v] of Object.entries(fields)) {
      if (k === 'arn') this.status = setPath(this.status, 'ackResourceMetadata.arn', v);
      else if (specMembers.has(k)) out = setPath(out, k, v);
    }
    return out;
  }

  private async create(desired: JsonObject): Promise<{ kind: 'created'; latest: Observed | undefined } | { kind: 'failed'; outcome: Outcome }> {
    if (!this.managed) {
      // Before the first AWS write: a CR deleted from here on is cleaned up in AWS.
      await this.patchObject((c) =>
        (c.metadata.finalizers ?? []).includes(this.fin)
          ? undefined
          : { metadata: { resourceVersion: c.metadata.resourceVersion, finalizers: withItem(c.metadata.finalizers, this.fin) } },
      );
    }
    const op = this.d.operations.create;
    let input = buildInput(op, this.d, this.shapes, { spec: desired, status: this.status, arn: this.arn });
    input = withDefaultTags(input, tagLayout(this.d, this.shapes), this.env.defaultTags);
    let output: SdkObject;
    try {
      if (this.env.hooks?.beforeCreate) input = await this.env.hooks.beforeCreate(input, this.view(), this.hookContext());
      output = await this.env.aws.call('CREATE', op.name, input);
    } catch (err) {
      return { kind: 'failed', outcome: await this.failure(err, 'write') };
    }
    if (this.env.hooks?.afterCreate) output = this.env.hooks.afterCreate(output, this.view(desired));
    const created = observeOutput(op, this.d, this.shapes, output);
    this.setObserved(created);
    // Identifiers reach Kubernetes before anything else can fail: a crash now cannot create twice.
    await this.writeStatus(this.status);
    this.env.events.emit(this.cur, 'Normal', 'Created', `created in AWS${created.arn ? `: ${created.arn}` : ''}`);
    this.env.log.info('created new resource', { arn: created.arn });
    return { kind: 'created', latest: await this.readAfterCreate(desired) };
  }

  /**
   * AWS is eventually consistent: a Describe right after Create may say "not found". Retry with
   * backoff for ~10 s, as ACK does; any other error, or still nothing, leaves it to a requeue.
   */
  private async readAfterCreate(desired: JsonObject): Promise<Observed | undefined> {
    if (!this.identifiersPresent(desired)) return undefined;
    const sleep = this.env.sleep ?? defaultSleep;
    for (const delay of [0, ...readAfterCreateDelays()]) {
      if (delay) {
        this.env.log.debug('created resource not readable yet; retrying', { afterMs: delay });
        await sleep(delay);
      }
      try {
        const latest = await this.read(desired);
        if (latest) return latest;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  private async update(
    desired: JsonObject,
    latest: Observed,
  ): Promise<{ kind: 'outcome'; outcome: Outcome } | { kind: 'updated'; fields: string[]; latest?: Observed; effects?: UpdateEffects }> {
    const delta = this.delta(desired, latest);
    if (!delta.length) return { kind: 'updated', fields: [] };
    const fields = delta.map((e) => `spec.${e.path}`);
    this.env.log.info('desired resource state has changed', { diff: fields });
    const check = this.env.hooks?.checkUpdate?.(delta, this.view(desired), this.view(latestSpec(desired, latest), { ...this.status, ...latest.status }));
    if (isTerminalRequest(check)) return { kind: 'outcome', outcome: await this.terminal(check.reason, this.scrubbed(check.message)) };
    if (isRequeue(check)) return { kind: 'outcome', outcome: await this.updatePending(check, latest) };
    const frozen = immutableViolations(delta, this.d.immutable);
    if (frozen.length) {
      return {
        kind: 'outcome',
        outcome: await this.terminal('ImmutableFieldChanged', `${frozen.map((p) => `spec.${p}`).join(', ')} cannot be changed after creation; revert the change or recreate the resource`),
      };
    }
    const op = this.d.operations.update;
    if (!op) {
      return { kind: 'outcome', outcome: await this.terminal('UpdateNotSupported', `${this.d.kind} cannot be updated in AWS; changed: ${fields.join(', ')}`) };
    }
    let input = buildInput(op, this.d, this.shapes, { spec: desired, status: this.status, arn: this.arn });
    try {
      if (this.env.hooks?.beforeUpdate) {
        const r = await this.env.hooks.beforeUpdate(input, delta, this.view(desired), this.view(latest.spec, { ...this.status, ...latest.status }), this.hookContext());
        if (isRequeue(r)) return { kind: 'outcome', outcome: await this.updatePending(r, latest) };
        input = r;
      }
      const output = await this.env.aws.call('UPDATE', op.name, input);
      this.setObserved(observeOutput(op, this.d, this.shapes, output));
    } catch (err) {
      return { kind: 'outcome', outcome: await this.failure(err, 'write') };
    }
    this.env.log.info('updated resource', { fields });
    let after: Observed | undefined;
    try {
      after = await this.read(desired);
    } catch {
      after = undefined;
    }
    const afterLatest = after ?? latest;
    const effects = this.env.hooks?.afterUpdate?.(this.view(desired), this.view(latestSpec(desired, afterLatest), { ...this.status, ...afterLatest.status }), this.hookContext());
    return { kind: 'updated', fields, ...(after ? { latest: after } : {}), ...(effects ? { effects } : {}) };
  }

  /** As ACK, the postponement records this read's status (and the hook's fields) with its reason. */
  private updatePending(r: RequeueRequest, latest: Observed): Promise<Outcome> {
    this.setObserved(latest);
    if (r.status) this.status = overStatus(this.status, r.status);
    this.env.log.info('update postponed', { reason: r.reason, requeueAfterMs: r.requeueAfterMs });
    return this.finish({ synced: { status: 'False', reason: 'UpdatePending', message: r.reason } }, { kind: 'requeueAfter', ms: r.requeueAfterMs, reason: r.reason });
  }

  private delta(desired: JsonObject, latest: Observed): readonly DeltaEntry[] {
    const observedSpec = latestSpec(desired, latest);
    const delta = computeDelta(desired, observedSpec, this.d.specShape, this.shapes, this.d.compareIgnored);
    const tagsPath = this.d.tags?.path;
    const filtered = tagsPath ? delta.filter((e) => !this.onlySystemTagsDiffer(e, tagsPath)) : delta;
    return this.env.hooks?.customizeDelta?.(filtered, this.view(desired), this.view(observedSpec)) ?? filtered;
  }

  /** AWS adds `aws:*` and controller tags the user never wrote; they are not drift. */
  private onlySystemTagsDiffer(e: DeltaEntry, tagsPath: string): boolean {
    if (e.path !== tagsPath) return false;
    const isSystem = (k: string) => k.startsWith('aws:') || k in (this.env.defaultTags ?? {});
    const norm = (v: unknown): string => {
      const entries = tagEntries(v, tagLayout(this.d, this.shapes)).filter(([k]) => !isSystem(k));
      return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    };
    return norm(e.desired) === norm(e.latest);
  }

  /** ReadOne, or ReadMany and pick; undefined when AWS says it does not exist. */
  private async read(desired: JsonObject): Promise<Observed | undefined> {
    const source = { spec: desired, status: this.status, arn: this.arn };
    if (!this.identifiersPresent(desired)) return undefined;
    const { readOne, readMany } = this.d.operations;
    try {
      let item: SdkObject | undefined;
      let observed: Observed | undefined;
      if (readOne) {
        let output = await this.env.aws.call('READ_ONE', readOne.name, buildInput(readOne, this.d, this.shapes, source));
        if (this.env.hooks?.afterReadOne) output = await this.env.hooks.afterReadOne(output, this.view(desired), this.hookContext());
        observed = observeOutput(readOne, this.d, this.shapes, output);
      } else if (readMany) {
        const output = await this.env.aws.call('READ_MANY', readMany.name, buildInput(readMany, this.d, this.shapes, source));
        item = pickFromMany(readMany, this.d, this.shapes, output, desired);
        if (!item) return undefined;
        if (this.env.hooks?.afterReadOne) item = await this.env.hooks.afterReadOne(item, this.view(desired), this.hookContext());
        observed = observeOutput(itemBinding(readMany, this.shapes), this.d, this.shapes, item);
      } else {
        throw new Error(`${this.d.kind} declares neither readOne nor readMany`);
      }
      return observed;
    } catch (err) {
      if (this.classify(err).class === 'notFound') return undefined;
      throw err;
    }
  }

  /** ACK skips ReadOne when an identifier is missing (never created): that is "not found". */
  private identifiersPresent(desired: JsonObject): boolean {
    return this.d.primaryKey.every((p) => {
      if (p === 'status.ackResourceMetadata.arn') return this.arn !== undefined;
      if (p.startsWith('spec.')) return getPath(desired, p.slice(5)) !== undefined;
      if (p.startsWith('status.')) return getPath(this.status, p.slice(7)) !== undefined;
      return true;
    });
  }

  private setObserved(o: Observed): void {
    const { target } = this.env;
    const previousArn = this.arn;
    this.status = {
      ...this.status,
      ...o.status,
      ackResourceMetadata: {
        ...(isObject(this.status.ackResourceMetadata) ? this.status.ackResourceMetadata : {}),
        ...(o.arn ?? previousArn ? { arn: o.arn ?? previousArn } : {}),
        ownerAccountID: target.accountId,
        region: target.region,
        partition: target.partition,
      },
    };
  }

  // ---------------------------------------------------------------- delete

  async delete(): Promise<Outcome> {
    if (!this.managed) return { kind: 'done' };
    if (this.env.deletionPolicy === 'retain' || isReadOnly(this.annotations)) {
      await this.removeFinalizer();
      const why = isReadOnly(this.annotations) ? 'resource is read-only' : 'deletion policy is retain';
      this.env.log.info('AWS resource will not be deleted', { reason: why });
      this.env.events.emit(this.cur, 'Normal', 'Retained', `AWS resource kept: ${why}`);
      return { kind: 'done' };
    }
    let latest: Observed | undefined;
    try {
      latest = await this.read({ ...(this.cur.spec ?? {}) });
    } catch (err) {
      return this.deleteFailure(err);
    }
    if (!latest) {
      await this.removeFinalizer();
      this.env.events.emit(this.cur, 'Normal', 'Deleted', 'AWS resource is gone');
      return { kind: 'done' };
    }
    this.setObserved(latest);
    const op = this.d.operations.delete;
    const hooks = this.env.hooks;
    try {
      const before = await hooks?.beforeDelete?.(this.view(), this.hookContext());
      if (isRequeue(before)) return this.deletePending(before);
      if (isSkipDelete(before)) {
        await this.removeFinalizer();
        this.env.log.info('nothing to delete in AWS', { reason: before.reason });
        this.env.events.emit(this.cur, 'Normal', 'Deleted', `nothing to delete in AWS: ${before.reason}`);
        return { kind: 'done' };
      }
      if (op) await this.env.aws.call('DELETE', op.name, buildInput(op, this.d, this.shapes, { spec: this.cur.spec ?? {}, status: this.status, arn: this.arn }));
      const after = await hooks?.afterDelete?.(this.view(), this.hookContext());
      if (isRequeue(after)) return this.deletePending(after);
    } catch (err) {
      if (this.classify(err).class !== 'notFound') return this.deleteFailure(err);
    }
    await this.removeFinalizer();
    if (op) this.env.events.emit(this.cur, 'Normal', 'Deleted', 'deleted in AWS');
    else this.env.events.emit(this.cur, 'Warning', 'DeleteNotSupported', `${this.d.kind} has no delete operation; the AWS resource was left in place`);
    this.env.log.info('deleted resource');
    return { kind: 'done' };
  }

  private async deletePending(r: RequeueRequest): Promise<Outcome> {
    if (r.status) this.status = overStatus(this.status, r.status);
    await this.finish({ synced: { status: 'False', reason: 'Deleting', message: r.reason } }, { kind: 'done' }, false);
    return { kind: 'requeueAfter', ms: r.requeueAfterMs, reason: r.reason };
  }

  /** AWS refused or failed the delete: say why, keep the finalizer, retry with backoff. Never terminal. */
  private async deleteFailure(err: unknown): Promise<Outcome> {
    const c = this.classify(err);
    const message = `delete failed, will retry: ${this.scrubbed(describeError(c))}`;
    this.env.log.warn('delete failed', { code: c.code, class: c.class });
    const before = this.previousConditions.find((p) => p.type === CONDITION.recoverable);
    if (before?.message !== message) this.env.events.emit(this.cur, 'Warning', 'DeleteFailed', message);
    await this.finish({ synced: { status: 'False', reason: 'DeleteFailed', message }, recoverable: { reason: c.code, message } }, { kind: 'done' }, false);
    return { kind: 'recoverable', error: { code: c.code, message }, throttled: c.class === 'throttled' };
  }

  private async removeFinalizer(): Promise<void> {
    const next = await this.env.store.patch(this.cur, (c) =>
      (c.metadata.finalizers ?? []).includes(this.fin)
        ? { metadata: { resourceVersion: c.metadata.resourceVersion, finalizers: (c.metadata.finalizers ?? []).filter((f) => f !== this.fin) } }
        : undefined,
    );
    if (next) this.cur = next;
  }

  // ---------------------------------------------------------------- errors, status, events

  private classify(err: unknown): ClassifiedError {
    return classifyAwsError(err, { notFound: this.d.notFound, terminalCodes: this.d.terminalCodes });
  }

  private scrubbed(text: string): string {
    return scrub(text, sensitiveValues(this.cur.spec, { struct: this.d.specShape }, this.shapes));
  }

  /**
   * A write AWS rejects as invalid will be rejected again for the same spec: Terminal until the
   * spec changes, instead of ACK's endless retries. Reads keep retrying.
   */
  private async failure(err: unknown, call: 'read' | 'write' = 'read'): Promise<Outcome> {
    if (err instanceof ObjectGone) throw err;
    const c = this.classify(err);
    const message = this.scrubbed(describeError(c));
    if (c.class === 'terminal' || (c.class === 'validation' && call === 'write')) return this.terminal(c.code, message);
    return this.recoverable(c.code, message, c.class === 'throttled');
  }

  private async terminal(reason: string, message: string): Promise<Outcome> {
    this.env.log.warn('terminal error', { reason, message });
    return this.finish({ synced: SYNCED_FALSE, terminal: { reason, message } }, { kind: 'terminal', error: { code: reason, message } });
  }

  private async recoverable(reason: string, message: string, throttled = false): Promise<Outcome> {
    this.env.log.warn('recoverable error', { reason, message, throttled });
    return this.finish(
      { synced: { status: 'Unknown', reason, message: 'Unable to determine if desired resource state matches latest observed state' }, recoverable: { reason, message } },
      { kind: 'recoverable', error: { code: reason, message }, throttled },
    );
  }

  /** Writes conditions and status if anything changed, emits an Event per transition, returns `outcome`. */
  private async finish(input: ConditionInput, outcome: Outcome, emit = true): Promise<Outcome> {
    const now = formatNow(this.env.now?.() ?? new Date());
    const refs = this.referenceConditions;
    const advisories = [...(refs.advisories ?? []), ...(input.advisories ?? [])];
    const merged: ConditionInput = { ...refs, ...input, ...(advisories.length ? { advisories } : {}) };
    const conditions = deriveConditions(merged, this.previousConditions, now);
    await this.writeStatus({ ...this.status, conditions });
    if (emit) {
      for (const c of changedConditions(this.previousConditions, conditions)) {
        if (c.type === CONDITION.terminal && c.status === 'True') this.env.events.emit(this.cur, 'Warning', 'Terminal', c.message ?? c.reason ?? '');
        if (c.type === CONDITION.recoverable && c.status === 'True') this.env.events.emit(this.cur, 'Warning', 'Recoverable', c.message ?? c.reason ?? '');
      }
    }
    return outcome;
  }

  private async writeStatus(status: JsonObject): Promise<void> {
    this.status = status;
    if (sameJson(status, this.stored)) return;
    const next = await this.env.store.patchStatus(this.cur, status);
    if (!next) throw new ObjectGone();
    this.cur = next;
    this.stored = status;
  }

  private async patchObject(change: (current: KubeObject) => JsonObject | undefined): Promise<void> {
    const next = await this.env.store.patch(this.cur, change);
    if (!next) throw new ObjectGone();
    this.cur = next;
  }

  /**
   * Emitted before the status that records them is written: if that write fails, the next reconcile
   * emits them again and the keys keep them from being recorded twice.
   */
  private emitHookEvents(): void {
    const events = this.env.hooks?.events?.(this.view(), this.view(undefined, this.previousStatus)) ?? [];
    for (const e of events) this.env.events.emit(this.cur, e.type, e.reason, this.scrubbed(e.message), { key: e.key });
  }

  private view(spec?: JsonObject, status?: JsonObject): ResourceView {
    return {
      namespace: this.cur.metadata.namespace ?? '',
      name: this.cur.metadata.name,
      generation: this.cur.metadata.generation ?? 0,
      annotations: this.annotations,
      spec: spec ?? this.cur.spec ?? {},
      status: status ?? this.status,
    };
  }

  private hookContext(): HookContext {
    return {
      call: (operation, input) => this.env.aws.call('UPDATE', operation, input),
      region: this.env.target.region,
      accountId: this.env.target.accountId,
      log: (message, fields) => this.env.log.info(message, fields),
    };
  }
}

/** A ReadMany item read as if it were a ReadOne output of the list's item shape. */
function itemBinding(op: ReadManyBinding, shapes: ShapeTable): OperationBinding {
  const member = op.output ? shapes[op.output]?.find((m) => m.sdk === op.itemsMember) : undefined;
  const t = member?.type;
  const item = typeof t === 'object' && 'list' in t && typeof t.list === 'object' && 'struct' in t.list ? t.list.struct : undefined;
  return { name: op.name, ...(item ? { output: item } : {}) };
}

/** Hook status fields over a status: null removes a field (a merge patch would otherwise keep it). */
function overStatus(base: JsonObject, fields: Readonly<Record<string, unknown>>): JsonObject {
  const out: JsonObject = { ...base, ...(fields as JsonObject) };
  for (const [k, v] of Object.entries(fields)) if (v === null) delete out[k];
  return out;
}

function withItem(list: readonly string[] | undefined, item: string): string[] {
  const l = [...(list ?? [])];
  if (!l.includes(item)) l.push(item);
  return l;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function formatNow(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Key-order-insensitive: the API server returns stored objects with sorted keys. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    isObject(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val,
  );
}
