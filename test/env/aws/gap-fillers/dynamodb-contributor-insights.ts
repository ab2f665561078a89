import { dynamodbError, dynamodbJson } from "./dynamodb-common";
import type { GapFiller } from "./types";

/**
 * DynamoDB contributor insights: moto 5.2.5 answers DescribeContributorInsights and
 * UpdateContributorInsights with an HTML 500 (../shared/reference/moto-coverage.md §8). Kept here per table
 * (and index), as DynamoDB documents them: the table must exist (ResourceNotFoundException, asked of moto);
 * an update answers ENABLING/DISABLING and the next describe ENABLED/DISABLED; a table never changed is
 * DISABLED. A setting is dropped once moto no longer knows its table.
 */
const API = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference";

type Status = "ENABLING" | "ENABLED" | "DISABLING" | "DISABLED";
interface Setting {
  readonly status: Status;
  readonly updatedSeconds: number;
}

const settled: Record<Status, Status> = { ENABLING: "ENABLED", ENABLED: "ENABLED", DISABLING: "DISABLED", DISABLED: "DISABLED" };

export function dynamodbContributorInsights(): GapFiller {
  const settings = new Map<string, Setting>();
  const keyOf = (input: Record<string, unknown>) => `${String(input.TableName)}|${typeof input.IndexName === "string" ? input.IndexName : ""}`;
  const names = (input: Record<string, unknown>) => ({ TableName: input.TableName, ...(typeof input.IndexName === "string" ? { IndexName: input.IndexName } : {}) });
  const tableExists = async (moto: (op: string, input: Record<string, unknown>) => Promise<{ status: number }>, input: Record<string, unknown>) =>
    typeof input.TableName === "string" && (await moto("DescribeTable", { TableName: input.TableName })).status === 200;
  return {
    service: "dynamodb",
    gap: `moto 5.2.5 has no contributor insights; ${API}/API_UpdateContributorInsights.html, ${API}/API_DescribeContributorInsights.html`,
    operations: {
      UpdateContributorInsights: async (call, ctx) => {
        const action = call.input.ContributorInsightsAction;
        if (action !== "ENABLE" && action !== "DISABLE") return dynamodbError("ValidationException", "1 validation error detected: Value at 'contributorInsightsAction' failed to satisfy constraint: Member must satisfy enum value set: [ENABLE, DISABLE]");
        if (!(await tableExists(ctx.moto, call.input))) {
          settings.delete(keyOf(call.input));
          return dynamodbError("ResourceNotFoundException", `Requested resource not found: Table: ${String(call.input.TableName)} not found`);
        }
        const status: Status = action === "ENABLE" ? "ENABLING" : "DISABLING";
        settings.set(keyOf(call.input), { status, updatedSeconds: Math.floor(Date.now() / 1000) });
        return dynamodbJson(200, { ...names(call.input), ContributorInsightsStatus: status });
      },
      DescribeContributorInsights: async (call, ctx) => {
        if (!(await tableExists(ctx.moto, call.input))) {
          settings.delete(keyOf(call.input));
          return dynamodbError("ResourceNotFoundException", `Requested resource not found: Table: ${String(call.input.TableName)} not found`);
        }
        const s = settings.get(keyOf(call.input));
        const status = s ? settled[s.status] : "DISABLED";
        if (s) settings.set(keyOf(call.input), { ...s, status });
        return dynamodbJson(200, { ...names(call.input), ContributorInsightsRuleList: [], ContributorInsightsStatus: status, ...(s ? { LastUpdateDateTime: s.updatedSeconds } : {}) });
      },
    },
  };
}
