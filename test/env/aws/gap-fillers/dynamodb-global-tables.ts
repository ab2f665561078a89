/**
 * DynamoDB global tables, version 2017.11.29 (CreateGlobalTable, DescribeGlobalTable, UpdateGlobalTable),
 * which moto 5.2.5 lacks entirely (../shared/reference/moto-coverage.md §8: its dispatcher raises
 * NotImplementedError, which reaches the client as an HTML HTTP 500), so the proxy answers these three
 * operations only after moto has answered one of them that way, and a moto that implements them is used
 * as is. Kept here, as AWS documents them:
 * - https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateGlobalTable.html
 *   a global table of that name must not exist (GlobalTableAlreadyExistsException); each replica is a
 *   table of the same name in its Region, with DynamoDB Streams enabled showing new and old images
 *   (checked here for the Region the request is signed for, the one moto can be asked about);
 * - https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeGlobalTable.html
 *   GlobalTableNotFoundException for a name that is not a global table;
 * - https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateGlobalTable.html
 *   ReplicaUpdates add (ReplicaAlreadyExistsException if present) or remove (ReplicaNotFoundException
 *   if absent) one Region each.
 * GlobalTableStatus is CREATING (UPDATING) in the answer to a create (update) and ACTIVE from the next
 * describe, as AWS reports the change in progress. A global table left with no replica is gone (ACK's
 * dynamodb-controller deletes a GlobalTable by removing every replica with UpdateGlobalTable; version
 * 2017.11.29 has no DeleteGlobalTable). Timestamps are epoch seconds, as awsJson1_0 sends them.
 * Replicas in the Region the request is signed for are looked up with moto's DescribeTable.
 */
import type { AwsCall } from "../aws-call";
import type { SyntheticResponse } from "../aws-errors";
import { dynamodbError, dynamodbJson } from "./dynamodb-common";
import type { GapAnswer, GapFiller } from "./types";

const GLOBAL_TABLE_OPERATIONS: ReadonlySet<string> = new Set(["CreateGlobalTable", "DescribeGlobalTable", "UpdateGlobalTable"]);

type Status = "CREATING" | "ACTIVE" | "UPDATING" | "DELETING";

interface GlobalTable {
  readonly name: string;
  readonly arn: string;
  readonly createdSeconds: number;
  readonly regions: readonly string[];
  /** Shown once (the answer to the call that changed it), ACTIVE afterwards. */
  readonly pending?: Status;
}

interface GlobalTablesState {
  /** `${account}|${name}` → the global table. */
  readonly tables: Map<string, GlobalTable>;
}

/** What the filler may ask moto: a table in the Region the request is signed for. */
interface TableLookup {
  readonly region: string;
  /** DescribeTable's `Table`, or undefined when moto has no such table. */
  describeTable(name: string): Promise<Record<string, unknown> | undefined>;
  readonly nowSeconds: number;
}

const DEFAULT_ACCOUNT = "123456789012";

function describe(t: GlobalTable, status: Status = t.pending ?? "ACTIVE"): Record<string, unknown> {
  return {
    GlobalTableName: t.name,
    GlobalTableArn: t.arn,
    CreationDateTime: t.createdSeconds,
    GlobalTableStatus: status,
    ReplicationGroup: t.regions.map((RegionName) => ({ RegionName })),
  };
}

function regionsOf(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.map((r) => (r && typeof r === "object" ? (r as Record<string, unknown>).RegionName : undefined));
  return out.every((r): r is string => typeof r === "string" && r !== "") ? out : undefined;
}

/** The replica table in the request's Region, if the Region is one of the replicas: it must exist with new-and-old-image streams. */
async function checkLocalReplica(name: string, regions: readonly string[], lookup: TableLookup): Promise<SyntheticResponse | { account?: string }> {
  if (!regions.includes(lookup.region)) return {};
  const table = await lookup.describeTable(name);
  if (!table) return dynamodbError("TableNotFoundException", `Table not found: ${name} in region ${lookup.region}`);
  const stream = table.StreamSpecification as Record<string, unknown> | undefined;
  if (stream?.StreamEnabled !== true || stream.StreamViewType !== "NEW_AND_OLD_IMAGES") {
    return dynamodbError("ValidationException", `Table ${name} in region ${lookup.region} must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES`);
  }
  const account = typeof table.TableArn === "string" ? table.TableArn.split(":")[4] : undefined;
  return account ? { account } : {};
}

const isResponse = (v: unknown): v is SyntheticResponse => typeof v === "object" && v !== null && "status" in v && "body" in v;

/** The proxy's answer to one of GLOBAL_TABLE_OPERATIONS; pure apart from `state` and the table lookup. */
async function answerGlobalTable(state: GlobalTablesState, call: AwsCall, lookup: TableLookup): Promise<SyntheticResponse> {
  const name = call.input.GlobalTableName;
  if (typeof name !== "string" || name === "") return dynamodbError("ValidationException", "1 validation error detected: Value null at 'globalTableName' failed to satisfy constraint: Member must not be null");
  const existing = [...state.tables.entries()].find(([, t]) => t.name === name);
  switch (call.operation) {
    case "CreateGlobalTable": {
      const regions = regionsOf(call.input.ReplicationGroup);
      if (!regions?.length) return dynamodbError("ValidationException", "1 validation error detected: Value at 'replicationGroup' failed to satisfy constraint: Member must not be empty");
      if (existing) return dynamodbError("GlobalTableAlreadyExistsException", `Global table with this name already exists: ${name}`);
      const local = await checkLocalReplica(name, regions, lookup);
      if (isResponse(local)) return local;
      const account = local.account ?? DEFAULT_ACCOUNT;
      const t: GlobalTable = { name, arn: `arn:aws:dynamodb::${account}:global-table/${name}`, createdSeconds: lookup.nowSeconds, regions: [...new Set(regions)], pending: "CREATING" };
      state.tables.set(`${account}|${name}`, t);
      return dynamodbJson(200, { GlobalTableDescription: describe(t) });
    }
    case "DescribeGlobalTable": {
      if (!existing) return dynamodbError("GlobalTableNotFoundException", `Global table not found: ${name}`);
      const [key, t] = existing;
      if (t.pending) state.tables.set(key, { ...t, pending: undefined });
      return dynamodbJson(200, { GlobalTableDescription: describe(t, "ACTIVE") });
    }
    default: {
      if (!existing) return dynamodbError("GlobalTableNotFoundException", `Global table not found: ${name}`);
      const [key, t] = existing;
      const updates = Array.isArray(call.input.ReplicaUpdates) ? (call.input.ReplicaUpdates as Record<string, unknown>[]) : [];
      let regions = [...t.regions];
      for (const u of updates) {
        const add = (u?.Create as Record<string, unknown> | undefined)?.RegionName;
        const remove = (u?.Delete as Record<string, unknown> | undefined)?.RegionName;
        if (typeof add === "string") {
          if (regions.includes(add)) return dynamodbError("ReplicaAlreadyExistsException", `Replica already exists in region ${add}`);
          const local = await checkLocalReplica(name, [add], lookup);
          if (isResponse(local)) return local;
          regions.push(add);
        } else if (typeof remove === "string") {
          if (!regions.includes(remove)) return dynamodbError("ReplicaNotFoundException", `Replica not found in region ${remove}`);
          regions = regions.filter((r) => r !== remove);
        } else return dynamodbError("ValidationException", "Each ReplicaUpdate must have exactly one of Create or Delete");
      }
      if (!regions.length) {
        state.tables.delete(key);
        return dynamodbJson(200, { GlobalTableDescription: describe({ ...t, regions }, "DELETING") });
      }
      const next: GlobalTable = { ...t, regions, pending: "UPDATING" };
      state.tables.set(key, next);
      return dynamodbJson(200, { GlobalTableDescription: describe(next) });
    }
  }
}

/** `nowSeconds` is the clock for CreationDateTime (a parameter so tests can fix it). */
export function dynamodbGlobalTables(nowSeconds: () => number = () => Math.floor(Date.now() / 1000)): GapFiller {
  const state: GlobalTablesState = { tables: new Map() };
  const answer: GapAnswer = (call, ctx) =>
    answerGlobalTable(state, call, {
      region: ctx.region,
      nowSeconds: nowSeconds(),
      describeTable: async (name) => {
        const out = await ctx.moto("DescribeTable", { TableName: name });
        if (out.status !== 200) return undefined;
        const table = (JSON.parse(out.body) as { Table?: unknown }).Table;
        return table && typeof table === "object" ? (table as Record<string, unknown>) : undefined;
      },
    });
  return {
    service: "dynamodb",
    gap: "moto 5.2.5 has no global tables (2017.11.29); https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateGlobalTable.html and siblings",
    operations: Object.fromEntries([...GLOBAL_TABLE_OPERATIONS].map((op) => [op, answer])),
  };
}
