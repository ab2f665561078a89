import { answerGlobalTable, emptyGlobalTablesState, GLOBAL_TABLE_OPERATIONS } from "../dynamodb-global-tables";
import type { GapAnswer, GapFiller } from "./types";

/**
 * DynamoDB global tables (2017.11.29), which moto 5.2.5 lacks (../shared/reference/moto-coverage.md §8):
 * the filler in ../dynamodb-global-tables.ts, plugged in here; replicas are looked up with moto's DescribeTable.
 */
export function dynamodbGlobalTables(): GapFiller {
  const state = emptyGlobalTablesState();
  const answer: GapAnswer = (call, ctx) =>
    answerGlobalTable(state, call, {
      region: ctx.region,
      nowSeconds: Math.floor(Date.now() / 1000),
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
