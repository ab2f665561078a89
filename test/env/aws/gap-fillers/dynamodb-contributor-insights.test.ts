import type { AwsCall } from "../aws-call";
import { createGapFillers, fillGap, type GapFillerContext } from ".";
import { dynamodbContributorInsights } from "./dynamodb-contributor-insights";

const HTML_500 = { status: 500, body: "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>" };
const call = (operation: string, input: Record<string, unknown>): AwsCall => ({ service: "dynamodb", operation, protocol: "awsJson1_1", input });
const ctx = (tables: string[]): GapFillerContext => ({
  region: "us-east-1",
  accountId: "123456789012",
  moto: async (_op, input) => (tables.includes(String(input.TableName)) ? { status: 200, body: "{}" } : { status: 400, body: '{"__type":"ResourceNotFoundException"}' }),
});
const answer = async (r: unknown) => {
  const s = (await r) as { status: number; body: string };
  return { status: s.status, body: JSON.parse(s.body) as Record<string, unknown> };
};

describe("DynamoDB contributor insights gap filler (moto 5.2.5 answers HTML 500)", () => {
  it("is plugged in: answers only moto's unknown-operation reply", async () => {
    const fillers = createGapFillers();
    expect(await fillGap(fillers, call("DescribeContributorInsights", { TableName: "t" }), HTML_500, ctx(["t"]))).toMatchObject({ status: 200 });
    expect(await fillGap(fillers, call("DescribeContributorInsights", { TableName: "t" }), { status: 200, body: "{}" }, ctx(["t"]))).toBeUndefined();
  });

  it("DISABLED until enabled; ENABLING in the update's answer, ENABLED afterwards; per table and index", async () => {
    const f = dynamodbContributorInsights();
    const describe = (input: Record<string, unknown>) => answer(f.operations.DescribeContributorInsights!(call("DescribeContributorInsights", input), ctx(["t"])));
    const update = (input: Record<string, unknown>) => answer(f.operations.UpdateContributorInsights!(call("UpdateContributorInsights", input), ctx(["t"])));
    expect((await describe({ TableName: "t" })).body).toMatchObject({ TableName: "t", ContributorInsightsStatus: "DISABLED", ContributorInsightsRuleList: [] });
    expect((await update({ TableName: "t", ContributorInsightsAction: "ENABLE" })).body).toEqual({ TableName: "t", ContributorInsightsStatus: "ENABLING" });
    expect((await describe({ TableName: "t" })).body.ContributorInsightsStatus).toBe("ENABLED");
    expect((await describe({ TableName: "t", IndexName: "byG" })).body).toMatchObject({ IndexName: "byG", ContributorInsightsStatus: "DISABLED" });
    expect((await update({ TableName: "t", ContributorInsightsAction: "DISABLE" })).body.ContributorInsightsStatus).toBe("DISABLING");
    expect((await describe({ TableName: "t" })).body.ContributorInsightsStatus).toBe("DISABLED");
  });

  it("an unknown table is ResourceNotFoundException; a bad action is a ValidationException", async () => {
    const f = dynamodbContributorInsights();
    const missing = await answer(f.operations.DescribeContributorInsights!(call("DescribeContributorInsights", { TableName: "x" }), ctx([])));
    expect([missing.status, missing.body.__type]).toEqual([400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"]);
    const bad = await answer(f.operations.UpdateContributorInsights!(call("UpdateContributorInsights", { TableName: "t", ContributorInsightsAction: "ON" }), ctx(["t"])));
    expect(String(bad.body.__type)).toMatch(/ValidationException$/);
  });
});
