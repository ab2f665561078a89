import { parseAwsCall, type AwsCall } from "../aws-call";
import { createGapFillers, fillGap, type GapFillerContext } from ".";
import { lambdaCodeSigningConfigs } from "./lambda-code-signing-configs";
import { lambdaProvisionedConcurrency } from "./lambda-provisioned-concurrency";
import { qualifiedPolicy } from "./lambda-qualified-policies";

const HTML_404 = { status: 404, body: "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>" };
const ctx: GapFillerContext = { region: "us-east-1", accountId: "123456789012", moto: () => Promise.reject(new Error("no moto call expected")) };
const AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=x";
const lambda = (method: string, path: string, body: unknown = undefined): AwsCall =>
  parseAwsCall({ method, path, headers: { authorization: AUTH }, body: body === undefined ? "" : JSON.stringify(body) });
const json = async (r: unknown) => {
  const s = (await r) as { status: number; body: string; headers: Record<string, string> };
  return { status: s.status, code: s.headers["x-amzn-errortype"], body: s.body ? (JSON.parse(s.body) as Record<string, any>) : undefined };
};

describe("Lambda REST calls by operation", () => {
  it("names the operations the proxy answers, with path, query and body members as Lambda's API names them", () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0123";
    expect(lambda("GET", `/2020-04-22/code-signing-configs/${encodeURIComponent(arn)}`)).toMatchObject({ operation: "GetCodeSigningConfig", protocol: "restJson1", input: { CodeSigningConfigArn: arn } });
    expect(lambda("PUT", "/2019-09-30/functions/fn/provisioned-concurrency?Qualifier=live", { ProvisionedConcurrentExecutions: 2 })).toMatchObject({
      operation: "PutProvisionedConcurrencyConfig",
      input: { FunctionName: "fn", Qualifier: "live", ProvisionedConcurrentExecutions: 2 },
    });
    expect(lambda("DELETE", `/2017-03-31/tags/${encodeURIComponent(arn)}?tagKeys=a&tagKeys=b`)).toMatchObject({ operation: "UntagResource", input: { Resource: arn, TagKeys: ["a", "b"] } });
    expect(lambda("GET", "/2015-03-31/functions/fn")).toMatchObject({ operation: "GET /2015-03-31/functions/fn", protocol: "unknown" });
  });
});

describe("Lambda code signing configs (moto lacks them)", () => {
  it("create (AWS's default policy), get, update, tags, delete; a missing one is ResourceNotFoundException", async () => {
    const f = lambdaCodeSigningConfigs(() => new Date("2026-01-01T00:00:00Z"));
    const created = await json(f.operations.CreateCodeSigningConfig!(lambda("POST", "/2020-04-22/code-signing-configs", { AllowedPublishers: { SigningProfileVersionArns: ["arn:p"] }, Description: "d", Tags: { team: "ml" } }), ctx));
    expect(created.status).toBe(201);
    const config = created.body!.CodeSigningConfig;
    expect(config).toMatchObject({ Description: "d", AllowedPublishers: { SigningProfileVersionArns: ["arn:p"] }, CodeSigningPolicies: { UntrustedArtifactOnDeployment: "Warn" }, LastModified: "2026-01-01T00:00:00.000+0000" });
    expect(config.CodeSigningConfigArn).toBe(`arn:aws:lambda:us-east-1:123456789012:code-signing-config:${config.CodeSigningConfigId}`);
    const path = `/2020-04-22/code-signing-configs/${encodeURIComponent(config.CodeSigningConfigArn)}`;
    const tags = `/2017-03-31/tags/${encodeURIComponent(config.CodeSigningConfigArn)}`;
    expect((await json(f.operations.UpdateCodeSigningConfig!(lambda("PUT", path, { Description: "e" }), ctx))).body!.CodeSigningConfig.Description).toBe("e");
    expect((await json(f.operations.TagResource!(lambda("POST", tags, { Tags: { tier: "gold" } }), ctx))).status).toBe(204);
    await f.operations.UntagResource!(lambda("DELETE", `${tags}?tagKeys=team`), ctx);
    expect((await json(f.operations.ListTags!(lambda("GET", tags), ctx))).body).toEqual({ Tags: { tier: "gold" } });
    expect((await json(f.operations.DeleteCodeSigningConfig!(lambda("DELETE", path), ctx))).status).toBe(204);
    expect(await json(f.operations.GetCodeSigningConfig!(lambda("GET", path), ctx))).toMatchObject({ status: 404, code: "ResourceNotFoundException" });
    expect(await json(f.operations.CreateCodeSigningConfig!(lambda("POST", "/2020-04-22/code-signing-configs", { AllowedPublishers: {} }), ctx))).toMatchObject({ status: 400, code: "InvalidParameterValueException" });
  });

  it("a function's code signing config put and deleted here is laid over moto's GetFunctionCodeSigningConfig", async () => {
    const f = lambdaCodeSigningConfigs();
    const created = await json(f.operations.CreateCodeSigningConfig!(lambda("POST", "/2020-04-22/code-signing-configs", { AllowedPublishers: { SigningProfileVersionArns: ["arn:p"] } }), ctx));
    const arn = created.body!.CodeSigningConfig.CodeSigningConfigArn as string;
    const at = "/2020-06-30/functions/fn/code-signing-config";
    const moto = JSON.stringify({ CodeSigningConfigArn: null, FunctionName: "fn" });
    expect(f.overlay!(lambda("GET", at), moto)).toBeUndefined(); // nothing set here: moto's answer stands
    expect(await json(f.operations.PutFunctionCodeSigningConfig!(lambda("PUT", at, { CodeSigningConfigArn: "arn:nope" }), ctx))).toMatchObject({ status: 404, code: "ResourceNotFoundException" });
    expect((await json(f.operations.PutFunctionCodeSigningConfig!(lambda("PUT", at, { CodeSigningConfigArn: arn }), ctx))).body).toEqual({ CodeSigningConfigArn: arn, FunctionName: "fn" });
    expect(JSON.parse(f.overlay!(lambda("GET", at), moto)!)).toEqual({ CodeSigningConfigArn: arn, FunctionName: "fn" });
    expect((await json(f.operations.DeleteFunctionCodeSigningConfig!(lambda("DELETE", at), ctx))).status).toBe(204);
    expect(JSON.parse(f.overlay!(lambda("GET", at), JSON.stringify({ CodeSigningConfigArn: arn, FunctionName: "fn" }))!)).toEqual({ FunctionName: "fn" });
  });

  it("answers where moto has no route (HTML 404), and a code signing config's tags whatever moto said; a function's tags stay moto's", async () => {
    const fillers = createGapFillers();
    const created = await fillGap(fillers, lambda("POST", "/2020-04-22/code-signing-configs", { AllowedPublishers: { SigningProfileVersionArns: ["arn:p"] } }), HTML_404, ctx);
    expect(created).toMatchObject({ status: 201 });
    const arn = (JSON.parse((created as { body: string }).body) as { CodeSigningConfig: { CodeSigningConfigArn: string } }).CodeSigningConfig.CodeSigningConfigArn;
    const motoNotFound = { status: 404, body: '{"Type":"User","Message":"Function not found"}' };
    expect(await fillGap(fillers, lambda("GET", `/2017-03-31/tags/${encodeURIComponent(arn)}`), motoNotFound, ctx)).toMatchObject({ status: 200 });
    expect(await fillGap(fillers, lambda("GET", `/2017-03-31/tags/${encodeURIComponent("arn:aws:lambda:us-east-1:123456789012:function:fn")}`), motoNotFound, ctx)).toBeUndefined();
  });
});

describe("Lambda provisioned concurrency (moto lacks it)", () => {
  it("put per function and qualifier, allocated at once; unset is ProvisionedConcurrencyConfigNotFoundException; delete", async () => {
    const f = lambdaProvisionedConcurrency(() => new Date("2026-01-01T00:00:00Z"));
    const at = (q: string) => `/2019-09-30/functions/fn/provisioned-concurrency?Qualifier=${q}`;
    expect(await json(f.operations.GetProvisionedConcurrencyConfig!(lambda("GET", at("live")), ctx))).toMatchObject({ status: 404, code: "ProvisionedConcurrencyConfigNotFoundException" });
    expect(await json(f.operations.PutProvisionedConcurrencyConfig!(lambda("PUT", at("live"), { ProvisionedConcurrentExecutions: 3 }), ctx))).toMatchObject({ status: 202, body: { RequestedProvisionedConcurrentExecutions: 3, AllocatedProvisionedConcurrentExecutions: 3, Status: "READY" } });
    expect((await json(f.operations.GetProvisionedConcurrencyConfig!(lambda("GET", at("live")), ctx))).body).toMatchObject({ RequestedProvisionedConcurrentExecutions: 3 });
    expect((await json(f.operations.GetProvisionedConcurrencyConfig!(lambda("GET", at("1")), ctx))).status).toBe(404);
    expect((await json(f.operations.PutProvisionedConcurrencyConfig!(lambda("PUT", at("%24LATEST"), { ProvisionedConcurrentExecutions: 3 }), ctx))).code).toBe("InvalidParameterValueException");
    expect((await json(f.operations.DeleteProvisionedConcurrencyConfig!(lambda("DELETE", at("live")), ctx))).status).toBe(204);
    expect((await json(f.operations.GetProvisionedConcurrencyConfig!(lambda("GET", at("live")), ctx))).status).toBe(404);
  });
});

describe("Lambda policies per qualifier (moto keeps one per function)", () => {
  const arn = "arn:aws:lambda:us-east-1:123456789012:function:fn";
  const policy = (...resources: string[]) =>
    JSON.stringify({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: resources.map((r, i) => ({ Sid: `s${i}`, Resource: r })) }), RevisionId: "r" });
  const sids = (body: string | undefined) => (JSON.parse((JSON.parse(body!) as { Policy: string }).Policy) as { Statement: Array<{ Sid: string }> }).Statement.map((s) => s.Sid);
  it("AddPermission, GetPolicy and RemovePermission are named with their members; a qualified GetPolicy keeps its qualifier's statements", () => {
    expect(lambda("POST", "/2015-03-31/functions/fn/policy?Qualifier=live", { StatementId: "a" })).toMatchObject({ operation: "AddPermission", input: { FunctionName: "fn", Qualifier: "live", StatementId: "a" } });
    expect(lambda("DELETE", "/2015-03-31/functions/fn/policy/a?Qualifier=live")).toMatchObject({ operation: "RemovePermission", input: { FunctionName: "fn", StatementId: "a", Qualifier: "live" } });
    const get = lambda("GET", "/2015-03-31/functions/fn/policy?Qualifier=live");
    expect(get.operation).toBe("GetPolicy");
    expect(sids(qualifiedPolicy(get, policy(`${arn}:live`, `${arn}:other`, arn, `${arn}:live`)))).toEqual(["s0", "s3"]);
    expect(sids(qualifiedPolicy(get, policy(`${arn}:other`)))).toEqual([]);
    expect(qualifiedPolicy(get, policy(`${arn}:live`))).toBeUndefined(); // already its own
    expect(qualifiedPolicy(lambda("GET", "/2015-03-31/functions/fn/policy"), policy(`${arn}:live`))).toBeUndefined(); // unqualified: moto's
    expect(qualifiedPolicy(get, "not json")).toBeUndefined();
  });
});
