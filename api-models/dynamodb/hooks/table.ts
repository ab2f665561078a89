import type { DeltaEntry, RequeueRequest, ResourceHooks, ResourceView, SdkObject } from '../../../runtime/descriptor';

/**
 * DynamoDB Table, as ACK's customUpdateTable does it: UpdateTable carries one change per call (AWS
 * allows one throughput change or one index creation/deletion at a time, and none while the table
 * is UPDATING; the `updateable` guard in generator.yaml waits for ACTIVE), so each reconcile sends
 * the first group of changes in this order and asks for another look; the next group goes then.
 * Global secondary indexes (custom_sync) become GlobalSecondaryIndexUpdates, one action per call; then
 * replicas (`tableReplicas`, global tables 2019.11.21) become ReplicaUpdates, one Region per call.
 */

/** Groups of UpdateTable members sent together, first differing group first (ACK's order: fast fields, then throughput, then indexes). */
export const UPDATE_GROUPS: readonly (readonly string[])[] = [
  ['DeletionProtectionEnabled', 'TableClass', 'BillingMode'],
  ['SSESpecification'],
  ['StreamSpecification'],
  ['ProvisionedThroughput', 'OnDemandThroughput'],
];

/** The look after an update step, for the next step (ACK requeues 10 s while UPDATING; the guard holds it until ACTIVE). */
export const NEXT_STEP_MS = 2_000;

type Json = Record<string, unknown>;

/** The look again while an index is being built (ACK: 10 s). */
export const INDEX_WAIT_MS = 10_000;

/** Indexes AWS reports in a state other than ACTIVE (CREATING, UPDATING, DELETING). */
export function indexesInProgress(status: Readonly<Record<string, unknown>>): string[] {
  const list = Array.isArray(status.globalSecondaryIndexesDescriptions) ? status.globalSecondaryIndexesDescriptions : [];
  return list
    .filter((g): g is Record<string, unknown> => typeof g === 'object' && g !== null)
    .filter((g) => typeof g.indexStatus === 'string' && g.indexStatus !== 'ACTIVE')
    .map((g) => String(g.indexName));
}
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** ACK names that are not the SDK member with a lower first letter. */
const SDK_NAMES: Readonly<Record<string, string>> = { kmsMasterKeyID: 'KMSMasterKeyId' };

/** JSON (ACK names) of the index, key and replica structures → SDK members: the member names with a lower first letter, but for SDK_NAMES. */
export function toSdk(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toSdk);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [SDK_NAMES[k] ?? k.charAt(0).toUpperCase() + k.slice(1), toSdk(x)]));
}

const gsis = (spec: Readonly<Json>): Json[] => (Array.isArray(spec.globalSecondaryIndexes) ? spec.globalSecondaryIndexes.filter(isObj) : []);
const byName = (list: readonly Json[]) => new Map(list.map((g) => [String(g.indexName), g]));

/** A table with on-demand billing reports 0/0 throughput for itself and its indexes: not a setting. */
function zeroThroughput(pt: unknown): boolean {
  return isObj(pt) && !pt.readCapacityUnits && !pt.writeCapacityUnits;
}

function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown => (Array.isArray(v) ? v.map(canon) : isObj(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v);
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** Whether AWS's index has what the spec's says (members the spec leaves unset are AWS's to choose). */
function indexMatches(want: Json, have: Json | undefined): boolean {
  if (!have) return false;
  for (const k of ['keySchema', 'projection'] as const) if (want[k] !== undefined && !sameJson(want[k], have[k])) return false;
  if (want.provisionedThroughput !== undefined && !zeroThroughput(want.provisionedThroughput)) {
    const w = want.provisionedThroughput as Json;
    const h = isObj(have.provisionedThroughput) ? have.provisionedThroughput : {};
    if (Number(w.readCapacityUnits) !== Number(h.readCapacityUnits) || Number(w.writeCapacityUnits) !== Number(h.writeCapacityUnits)) return false;
  }
  return true;
}

/**
 * The next index action: a deletion first (also of an index whose key schema or projection changed,
 * which AWS cannot change in place), then a creation, then a throughput update. Undefined: in step.
 */
export function nextIndexAction(desired: Readonly<Json>, latest: Readonly<Json>): Json | undefined {
  const want = byName(gsis(desired));
  const have = byName(gsis(latest));
  for (const [name, h] of have) {
    const w = want.get(name);
    if (!w || (w.keySchema !== undefined && !sameJson(w.keySchema, h.keySchema)) || (w.projection !== undefined && !sameJson(w.projection, h.projection))) {
      return { Delete: { IndexName: name } };
    }
  }
  for (const [name, w] of want) if (!have.has(name)) return { Create: toSdk(w) };
  for (const [name, w] of want) {
    if (!indexMatches(w, have.get(name))) return { Update: { IndexName: name, ProvisionedThroughput: toSdk(w.provisionedThroughput) } };
  }
  return undefined;
}

const replicaList = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** Replicas AWS reports in a state other than ACTIVE (CREATING, UPDATING, DELETING, …). */
export function replicasInProgress(status: Readonly<Json>): string[] {
  return replicaList(status.replicas).filter((r) => typeof r.replicaStatus === 'string' && r.replicaStatus !== 'ACTIVE').map((r) => String(r.regionName));
}

/** A read-capacity or max-read-units override the spec sets, and AWS reports otherwise. */
function overrideDiffers(want: Json, have: Json): boolean {
  const member = (o: unknown, k: string) => (isObj(o) ? o[k] : undefined);
  const pto = member(want.provisionedThroughputOverride, 'readCapacityUnits');
  const odto = member(want.onDemandThroughputOverride, 'maxReadRequestUnits');
  return (pto !== undefined && pto !== member(have.provisionedThroughputOverride, 'readCapacityUnits'))
    || (odto !== undefined && odto !== member(have.onDemandThroughputOverride, 'maxReadRequestUnits'));
}

/**
 * Whether AWS's replica (a status.replicas ReplicaDescription) has what the spec's says, as ACK's
 * equalCreateReplicationGroupMemberActions compares it: KMS key, table class override, throughput
 * overrides and each listed index's overrides. Members the spec leaves unset are AWS's (it reports
 * a replica's default class and key), so they are not compared.
 */
export function replicaMatches(want: Readonly<Json>, have: Readonly<Json>): boolean {
  if (want.kmsMasterKeyID !== undefined && !sameKey(want.kmsMasterKeyID, have.kmsMasterKeyID)) return false;
  const haveClass = isObj(have.replicaTableClassSummary) ? have.replicaTableClassSummary.tableClass : undefined;
  if (want.tableClassOverride !== undefined && want.tableClassOverride !== haveClass) return false;
  if (overrideDiffers(want, have)) return false;
  const indexes = byName(replicaList(have.globalSecondaryIndexes));
  return replicaList(want.globalSecondaryIndexes).every((w) => {
    const h = indexes.get(String(w.indexName));
    return h !== undefined && !overrideDiffers(w, h);
  });
}

/**
 * The next replica action (global tables version 2019.11.21), as ACK's Table controller: one per call,
 * a creation for a Region the spec names that AWS lacks, then an update of one that differs from the
 * spec (replicaMatches), then a deletion of one the spec dropped.
 * Undefined: in step, or the spec does not manage replicas.
 */
export function nextReplicaAction(desired: Readonly<Json>, status: Readonly<Json>): Json | undefined {
  if (desired.tableReplicas === undefined) return undefined;
  const want = replicaList(desired.tableReplicas);
  const have = new Map(replicaList(status.replicas).map((r) => [String(r.regionName), r]));
  const wanted = new Set(want.map((r) => String(r.regionName)));
  for (const r of want) if (!have.has(String(r.regionName))) return { Create: toSdk(r) };
  for (const r of want) if (!replicaMatches(r, have.get(String(r.regionName))!)) return { Update: toSdk(r) };
  for (const region of have.keys()) if (!wanted.has(region)) return { Delete: { RegionName: region } };
  return undefined;
}

/** The UpdateTable input for the first group of changes: `input` holds only the members that differ (omit_unchanged_fields). */
export function nextUpdate(input: SdkObject, desired: Readonly<Json>, latest: Readonly<Json>, status: Readonly<Json> = {}): SdkObject | undefined {
  const base: SdkObject = { TableName: input.TableName };
  for (const group of UPDATE_GROUPS) {
    const present = group.filter((m) => input[m] !== undefined);
    if (!present.length) continue;
    const out: SdkObject = { ...base };
    for (const m of present) out[m] = input[m];
    // Switching to provisioned billing must say the throughput in the same call.
    if (present.includes('BillingMode') && input.BillingMode === 'PROVISIONED' && desired.provisionedThroughput !== undefined) {
      out.ProvisionedThroughput = toSdk(desired.provisionedThroughput);
    }
    return out;
  }
  const action = nextIndexAction(desired, latest);
  // A new index's key attributes must be defined in the same call.
  if (action) return { ...base, GlobalSecondaryIndexUpdates: [action], ...(action.Create ? { AttributeDefinitions: toSdk(desired.attributeDefinitions) } : {}) };
  const replica = nextReplicaAction(desired, status);
  return replica ? { ...base, ReplicaUpdates: [replica] } : undefined;
}

/** A KMS key id, ARN or alias that the reported key ARN can be: the ARN itself, its key id, or an alias (not resolvable here). */
export function sameKey(desired: unknown, reportedArn: unknown): boolean {
  if (typeof desired !== 'string' || typeof reportedArn !== 'string') return desired === reportedArn;
  return desired === reportedArn || reportedArn.endsWith(`:key/${desired}`) || desired.startsWith('alias/') || desired.includes(':alias/');
}

export const table: ResourceHooks = {
  /**
   * DescribeTable reports billing mode and table class inside summaries, and the indexes' states
   * beside their definitions: the spec's fields and ACK's status.globalSecondaryIndexesDescriptions.
   */
  afterReadOne(output: SdkObject): SdkObject {
    const t = isObj(output.Table) ? output.Table : undefined;
    if (!t) return output;
    const billing = isObj(t.BillingModeSummary) ? t.BillingModeSummary.BillingMode : undefined;
    const sse = isObj(t.SSEDescription) ? t.SSEDescription : undefined;
    const tableClass = isObj(t.TableClassSummary) ? t.TableClassSummary.TableClass : undefined;
    return {
      ...output,
      Table: {
        ...t,
        ...(billing !== undefined ? { BillingMode: billing } : {}),
        ...(tableClass !== undefined ? { TableClass: tableClass } : {}),
        // No SSEDescription: the default encryption (an AWS-owned key), which the spec says as enabled: false.
        SSESpecification: sse
          ? { Enabled: sse.Status === 'ENABLED' || sse.Status === 'UPDATING', SSEType: sse.SSEType, ...(sse.KMSMasterKeyArn !== undefined ? { KMSMasterKeyId: sse.KMSMasterKeyArn } : {}) }
          : { Enabled: false },
        ...(t.GlobalSecondaryIndexes !== undefined ? { GlobalSecondaryIndexesDescriptions: t.GlobalSecondaryIndexes } : {}),
        // No Replicas: none (reported as such, so a spec naming Regions sees them missing).
        TableReplicas: replicaList(t.Replicas).map((r) => ({ RegionName: r.RegionName })),
      },
    };
  },

  /**
   * Index lists compare by name, not order; on-demand tables' 0/0 throughput is not drift; AWS reports
   * the SSE key as an ARN, so a key id or alias naming it is not drift.
   */
  customizeDelta(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): readonly DeltaEntry[] {
    return delta.filter((e) => {
      if (e.path === 'sseSpecification.kmsMasterKeyID') return !sameKey(e.desired, e.latest);
      if (e.path === 'globalSecondaryIndexes') return nextIndexAction(desired.spec, latest.spec) !== undefined;
      if (e.path === 'tableReplicas' || e.path.startsWith('tableReplicas.')) return nextReplicaAction(desired.spec, latest.status) !== undefined;
      if (e.path.startsWith('provisionedThroughput') && desired.spec.billingMode === 'PAY_PER_REQUEST') return false;
      return true;
    });
  },

  /**
   * An index action waits while an index is still being built or removed (AWS allows one at a time;
   * ACK's requeueWaitGSIReady). Other changes go first; they may be made while an index backfills.
   */
  checkUpdate(delta: readonly DeltaEntry[], _desired: ResourceView, latest: ResourceView): RequeueRequest | undefined {
    const onlyIndexes = delta.every((e) => e.path === 'globalSecondaryIndexes' || e.path.startsWith('globalSecondaryIndexes.'));
    const busy = indexesInProgress(latest.status);
    if (onlyIndexes && busy.length) return { requeueAfterMs: INDEX_WAIT_MS, reason: `index ${busy.join(', ')} is not ACTIVE yet; the next index change waits` };
    // A replica change waits for every replica to be ACTIVE (ACK: one replica update at a time).
    const onlyReplicas = delta.every((e) => e.path === 'tableReplicas' || e.path.startsWith('tableReplicas.'));
    const replicating = replicasInProgress(latest.status);
    if (onlyReplicas && replicating.length) return { requeueAfterMs: INDEX_WAIT_MS, reason: `replica ${replicating.join(', ')} is not ACTIVE yet; the next replica change waits` };
    return undefined;
  },

  beforeUpdate(input: SdkObject, _delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): SdkObject | RequeueRequest {
    const next = nextUpdate(input, desired.spec, latest.spec, latest.status);
    return next ?? { requeueAfterMs: NEXT_STEP_MS, reason: 'no UpdateTable change to send yet' };
  },

  /** Another look soon: the next group of changes, if any, goes then (ACK: requeueWaitWhileUpdating). */
  afterUpdate() {
    return { requeue: { requeueAfterMs: NEXT_STEP_MS, reason: 'table updated; looking for the next change' } };
  },
};
