/**
 * DynamoDB table settings moto 5.2.5 accepts and then answers wrongly (../shared/reference/moto-coverage.md
 * §8: "TableClass ... dropped; SSE updates are ignored"):
 * - CreateTable/UpdateTable's `TableClass` is never stored, so DescribeTable has no `TableClassSummary`
 *   (AWS: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableClassSummary.html,
 *   STANDARD unless set);
 * - UpdateTable's `SSESpecification` is ignored, so DescribeTable keeps the SSEDescription of the create
 *   (AWS: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html, "the new
 *   server-side encryption settings"; SSEDescription is absent for the default AWS-owned key).
 * - UpdateTable's `ReplicaUpdates` (global tables version 2019.11.21) are accepted and dropped, so
 *   DescribeTable has no `Replicas` (§8: "Replicas ... dropped"; AWS:
 *   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ReplicaDescription.html). The proxy
 *   keeps the replicas Create/Update/Delete made and reports each ACTIVE at once (no data is copied and
 *   no replica table is made in the other Region).
 * The proxy remembers what the last accepted CreateTable/UpdateTable said and shows it in the table
 * descriptions moto returns (DescribeTable, CreateTable, UpdateTable). Pure apart from `state`.
 */
import type { AwsCall } from "./aws-call";

type Body = Record<string, unknown>;

interface TableSettings {
  readonly tableClass?: string;
  /** The SSEDescription to show; null: none (SSE disabled, AWS-owned key). */
  readonly sse?: Body | null;
  /** The replicas UpdateTable's ReplicaUpdates made, as ReplicaDescriptions. */
  readonly replicas?: readonly Body[];
}

export interface DynamoDbState {
  /** table name → what the accepted calls set. */
  readonly tables: Map<string, TableSettings>;
}

export const emptyDynamoDbState = (): DynamoDbState => ({ tables: new Map() });

const isObj = (v: unknown): v is Body => typeof v === "object" && v !== null && !Array.isArray(v);

/** The SSEDescription AWS reports for an SSESpecification; the key moto made stands in for AWS's managed key. */
export function sseDescriptionFor(spec: Body, current: Body | undefined): Body | null {
  if (spec.Enabled !== true) return null;
  const key = typeof spec.KMSMasterKeyId === "string" && spec.KMSMasterKeyId.startsWith("arn:") ? spec.KMSMasterKeyId : current?.KMSMasterKeyArn;
  return { Status: "ENABLED", SSEType: typeof spec.SSEType === "string" ? spec.SSEType : "KMS", ...(typeof key === "string" ? { KMSMasterKeyArn: key } : {}) };
}

/** The replicas after one UpdateTable's ReplicaUpdates: Create adds a Region, Update changes it, Delete removes it. */
export function applyReplicaUpdates(replicas: readonly Body[], updates: unknown): Body[] {
  let out = [...replicas];
  for (const u of Array.isArray(updates) ? updates.filter(isObj) : []) {
    const [action, spec] = Object.entries(u)[0] ?? [];
    if (!isObj(spec) || typeof spec.RegionName !== "string") continue;
    const rest = out.filter((r) => r.RegionName !== spec.RegionName);
    const current = out.find((r) => r.RegionName === spec.RegionName);
    if (action === "Delete") out = rest;
    else if (action === "Create" || (action === "Update" && current)) out = [...rest, replicaDescription({ ...current, ...spec })];
  }
  return out;
}

function replicaDescription(spec: Body): Body {
  const { RegionName, KMSMasterKeyId, ProvisionedThroughputOverride, OnDemandThroughputOverride, GlobalSecondaryIndexes, TableClassOverride } = spec;
  return {
    RegionName,
    ReplicaStatus: "ACTIVE",
    ...(KMSMasterKeyId !== undefined ? { KMSMasterKeyId } : {}),
    ...(ProvisionedThroughputOverride !== undefined ? { ProvisionedThroughputOverride } : {}),
    ...(OnDemandThroughputOverride !== undefined ? { OnDemandThroughputOverride } : {}),
    ...(GlobalSecondaryIndexes !== undefined ? { GlobalSecondaryIndexes } : {}),
    ...(TableClassOverride !== undefined ? { ReplicaTableClassSummary: { TableClass: TableClassOverride } } : {}),
  };
}

/** Records what an accepted call set (call it only for a 200 answer), and forgets a deleted table. */
export function recordTableCall(state: DynamoDbState, call: AwsCall, answer: Body | undefined): void {
  if (call.service !== "dynamodb") return;
  const name = typeof call.input.TableName === "string" ? call.input.TableName : undefined;
  if (!name) return;
  if (call.operation === "DeleteTable") {
    state.tables.delete(name);
    return;
  }
  if (call.operation !== "CreateTable" && call.operation !== "UpdateTable") return;
  const before = call.operation === "CreateTable" ? {} : state.tables.get(name) ?? {};
  const description = isObj(answer?.TableDescription) ? answer.TableDescription : undefined;
  const next: TableSettings = {
    ...before,
    ...(typeof call.input.TableClass === "string" ? { tableClass: call.input.TableClass } : {}),
    ...(call.operation === "UpdateTable" && isObj(call.input.SSESpecification)
      ? { sse: sseDescriptionFor(call.input.SSESpecification, isObj(before.sse) ? before.sse : isObj(description?.SSEDescription) ? description.SSEDescription : undefined) }
      : {}),
    ...(call.operation === "UpdateTable" && call.input.ReplicaUpdates !== undefined ? { replicas: applyReplicaUpdates(before.replicas ?? [], call.input.ReplicaUpdates) } : {}),
  };
  state.tables.set(name, next);
}

/** A table description moto returned, as AWS would report it after the recorded calls; undefined: unchanged. */
export function correctTableDescription(state: DynamoDbState, call: AwsCall, output: Body): Body | undefined {
  if (call.service !== "dynamodb") return undefined;
  const member = call.operation === "DescribeTable" ? "Table" : call.operation === "CreateTable" || call.operation === "UpdateTable" ? "TableDescription" : undefined;
  const table = member ? output[member] : undefined;
  if (!member || !isObj(table) || typeof table.TableName !== "string") return undefined;
  const settings = state.tables.get(table.TableName);
  const patched: Body = { ...table, TableClassSummary: { TableClass: settings?.tableClass ?? "STANDARD" } };
  if (settings?.sse === null) delete patched.SSEDescription;
  else if (settings?.sse) patched.SSEDescription = settings.sse;
  if (settings?.replicas?.length) patched.Replicas = settings.replicas;
  return { ...output, [member]: patched };
}
