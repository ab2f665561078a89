import type { HookContext, ResourceView, SdkObject } from '../descriptor';
import { resolveKind, type ResolvedKind } from '../kind-tagging';
import { hookCallable } from '../bound-operations';
import { classifyAwsError, type ClassifiedError } from '../aws/errors';
import type { Observed } from '../convert/operations';
import { getPath, isObject, type JsonObject } from '../convert/paths';
import { scrub, sensitiveValues } from '../convert/shapes';
import type { KubeObject } from '../k8s/types';
import { finalizerName } from './annotations';
import { CONDITION, changedConditions, deriveConditions, type Condition, type ConditionInput } from './conditions';
import type { Outcome } from './outcome';
import type { AwsTarget, ReconcileEnv } from './ports';
import type { Fill } from './references';

/** The object was deleted while a reconcile wrote to it: the reconcile ends with nothing left to do. */
export class ObjectGone extends Error {}

/**
 * One reconcile's state, shared by its phases: the object as last stored, the status being built,
 * and the writes to Kubernetes (each keeps `cur` the freshest stored copy).
 */
export class RunState {
  cur: KubeObject;
  status: JsonObject;
  /** Status as stored in Kubernetes, to skip writes that change nothing. */
  private stored: JsonObject;
  readonly previousConditions: readonly Condition[];
  /** Status as this reconcile found it, for the events hook. */
  readonly previousStatus: JsonObject;
  readonly fin: string;
  /** Spec values resolved from reference fields: used for AWS calls, never stored in the spec. */
  resolved: readonly Fill[] = [];
  /** Values read from Kubernetes Secrets (is_secret fields) this reconcile: masked wherever text leaves it. */
  readonly secretValues: string[] = [];
  /**
   * The last ReadOne output of this reconcile, as AWS sent it: a collection listed by the same
   * operation (GetInstanceProfile's roles, GetOpenIDConnectProvider's client IDs) reads it from here.
   */
  lastRead?: { readonly operation: string; readonly output: SdkObject };
  /** ReferencesResolved and advisories, kept on every status this sync writes. */
  referenceConditions: Pick<ConditionInput, 'referencesResolved' | 'advisories'> = {};

  constructor(
    obj: KubeObject,
    readonly env: ReconcileEnv,
  ) {
    this.cur = obj;
    this.status = { ...(obj.status ?? {}) };
    this.stored = obj.status ?? {};
    this.previousStatus = this.stored;
    this.previousConditions = Array.isArray(obj.status?.conditions) ? (obj.status.conditions as Condition[]) : [];
    this.fin = finalizerName(env.service.group, env.descriptor.kind);
  }

  get d(): ResolvedKind {
    return resolveKind(this.env.service, this.env.descriptor);
  }
  get shapes() {
    return this.env.service.shapes;
  }
  get annotations(): Readonly<Record<string, string>> {
    return this.cur.metadata.annotations ?? {};
  }
  /** Our finalizer is on the object: this controller created or adopted the AWS resource. */
  get managed(): boolean {
    return (this.cur.metadata.finalizers ?? []).includes(this.fin);
  }
  get arn(): string | undefined {
    const a = getPath(this.status, 'ackResourceMetadata.arn');
    return typeof a === 'string' ? a : undefined;
  }

  /** Lays a read (or a create/update output) over the status, with where the resource lives. */
  setObserved(o: Observed): void {
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

  classify(err: unknown): ClassifiedError {
    return classifyAwsError(err, { notFound: this.d.notFound, terminalCodes: this.d.terminalCodes });
  }

  /** Text with the spec's @sensitive values masked, for conditions, events and logs. */
  scrubbed(text: string): string {
    return scrub(text, [...sensitiveValues(this.cur.spec, { struct: this.d.specShape }, this.shapes), ...this.secretValues]);
  }

  /** Writes conditions and status if anything changed, emits an Event per transition, returns `outcome`. */
  async finish(input: ConditionInput, outcome: Outcome, emit = true): Promise<Outcome> {
    const now = formatNow(this.env.now?.() ?? new Date());
    const refs = this.referenceConditions;
    const advisories = [...(refs.advisories ?? []), ...(input.advisories ?? [])];
    const merged: ConditionInput = { ...refs, ...input, ...(advisories.length ? { advisories } : {}), ...roleSelected(this.env.target) };
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

  async writeStatus(status: JsonObject): Promise<void> {
    this.status = status;
    if (sameJson(status, this.stored)) return;
    const next = await this.env.store.patchStatus(this.cur, status);
    if (!next) throw new ObjectGone();
    this.cur = next;
    this.stored = status;
  }

  async patchObject(change: (current: KubeObject) => JsonObject | undefined): Promise<void> {
    const next = await this.env.store.patch(this.cur, change);
    if (!next) throw new ObjectGone();
    this.cur = next;
  }

  view(spec?: JsonObject, status?: JsonObject): ResourceView {
    return {
      namespace: this.cur.metadata.namespace ?? '',
      name: this.cur.metadata.name,
      generation: this.cur.metadata.generation ?? 0,
      annotations: this.annotations,
      spec: spec ?? this.cur.spec ?? {},
      status: status ?? this.status,
    };
  }

  hookContext(): HookContext {
    return {
      call: (operation, input) => {
        if (!hookCallable(this.env.service, this.d).has(operation)) {
          throw new Error(`a ${this.d.kind} hook called ${operation}, which the kind does not bind and generator.yaml does not mark called_by_hooks (the recommended IAM policy lacks it)`);
        }
        return this.env.aws.call('UPDATE', operation, input);
      },
      region: this.env.target.region,
      accountId: this.env.target.accountId,
      log: (message, fields) => this.env.log.info(message, fields),
    };
  }
}

/** Hook status fields over a status: null removes a field (a merge patch would otherwise keep it). */
export function overStatus(base: JsonObject, fields: Readonly<Record<string, unknown>>): JsonObject {
  const out: JsonObject = { ...base, ...(fields as JsonObject) };
  for (const [k, v] of Object.entries(fields)) if (v === null) delete out[k];
  return out;
}

export function withItem(list: readonly string[] | undefined, item: string): string[] {
  const l = [...(list ?? [])];
  if (!l.includes(item)) l.push(item);
  return l;
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

/** ACK's ACK.IAMRoleSelected, when a selector chose the role. */
function roleSelected(target: AwsTarget): Pick<ConditionInput, 'iamRoleSelected'> {
  const s = target.roleSelection;
  if (!s) return {};
  return { iamRoleSelected: { status: 'True', reason: 'Selected', message: `roleARN: ${s.roleArn}, selectorName: ${s.selectorName}, selectorResourceVersion: ${s.selectorResourceVersion}` } };
}
