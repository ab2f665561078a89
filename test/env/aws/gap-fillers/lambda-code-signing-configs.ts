import { randomBytes } from "node:crypto";
import type { AwsCall } from "../aws-call";
import { awsError, restJsonOk, type SyntheticResponse } from "../aws-errors";
import type { GapFiller, GapFillerContext } from "./types";

/**
 * Lambda code signing configs, which moto 5.2.5 lacks entirely (../shared/reference/moto-coverage.md §8:
 * no route, an HTML 404): the operations ACK's CodeSigningConfig calls, as Lambda's API reference documents
 * them (Create 201, Get 200, Update 200, Delete 204; AWS's default policy `Warn`), and the tags of a code
 * signing config ARN (TagResource 204, UntagResource 204, ListTags 200), which moto cannot resolve.
 */
const API = "https://docs.aws.amazon.com/lambda/latest/api";
const ARN_KIND = ":code-signing-config:";

type Config = Record<string, unknown> & { CodeSigningConfigArn: string };

const notFound = (arn: string): SyntheticResponse => awsError("restJson1", 404, "ResourceNotFoundException", `The resource you requested does not exist. (Service: Lambda, ARN: ${arn})`);
const invalid = (message: string): SyntheticResponse => awsError("restJson1", 400, "InvalidParameterValueException", message);
const str = (call: AwsCall, member: string) => (typeof call.input[member] === "string" ? (call.input[member] as string) : undefined);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function lambdaCodeSigningConfigs(now: () => Date = () => new Date()): GapFiller {
  const configs = new Map<string, { config: Config; tags: Record<string, string> }>();
  /** A function's code signing config set or removed here (null) since moto created it; moto keeps the create's. */
  const functions = new Map<string, string | null>();
  const lastModified = () => now().toISOString().replace("Z", "+0000");
  const owned = (call: AwsCall) => (str(call, "Resource") ?? "").includes(ARN_KIND);
  const get = (call: AwsCall, member: string) => configs.get(str(call, member) ?? "");

  return {
    service: "lambda",
    gap: `moto 5.2.5 has no code signing config operations, nor Put/DeleteFunctionCodeSigningConfig; ${API}/API_CreateCodeSigningConfig.html and siblings, ${API}/API_PutFunctionCodeSigningConfig.html, ${API}/API_TagResource.html`,
    owns: owned,
    overlay: (call, body) => {
      // moto answers GetFunctionCodeSigningConfig with what CreateFunction set; a later put or delete is kept here.
      if (call.operation !== "GetFunctionCodeSigningConfig") return undefined;
      const name = str(call, "FunctionName") ?? "";
      if (!functions.has(name)) return undefined;
      const arn = functions.get(name);
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const out: Record<string, unknown> = { ...parsed };
      if (arn) out.CodeSigningConfigArn = arn;
      else delete out.CodeSigningConfigArn;
      return JSON.stringify(out);
    },
    operations: {
      CreateCodeSigningConfig: (call: AwsCall, ctx: GapFillerContext) => {
        const publishers = call.input.AllowedPublishers;
        if (!isObject(publishers) || !Array.isArray(publishers.SigningProfileVersionArns) || publishers.SigningProfileVersionArns.length === 0) {
          return invalid("AllowedPublishers.SigningProfileVersionArns must name at least one signing profile version");
        }
        const id = `csc-${randomBytes(9).toString("hex").slice(0, 17)}`;
        const arn = `arn:aws:lambda:${ctx.region}:${ctx.accountId}${ARN_KIND}${id}`;
        const config: Config = {
          CodeSigningConfigId: id,
          CodeSigningConfigArn: arn,
          Description: str(call, "Description") ?? "",
          AllowedPublishers: publishers,
          CodeSigningPolicies: isObject(call.input.CodeSigningPolicies) ? call.input.CodeSigningPolicies : { UntrustedArtifactOnDeployment: "Warn" },
          LastModified: lastModified(),
        };
        const tags = isObject(call.input.Tags) ? (call.input.Tags as Record<string, string>) : {};
        configs.set(arn, { config, tags: { ...tags } });
        return restJsonOk(201, { CodeSigningConfig: config });
      },
      GetCodeSigningConfig: (call) => {
        const found = get(call, "CodeSigningConfigArn");
        return found ? restJsonOk(200, { CodeSigningConfig: found.config }) : notFound(str(call, "CodeSigningConfigArn") ?? "");
      },
      UpdateCodeSigningConfig: (call) => {
        const found = get(call, "CodeSigningConfigArn");
        if (!found) return notFound(str(call, "CodeSigningConfigArn") ?? "");
        const changes = Object.fromEntries(["Description", "AllowedPublishers", "CodeSigningPolicies"].filter((k) => call.input[k] !== undefined).map((k) => [k, call.input[k]]));
        found.config = { ...found.config, ...changes, LastModified: lastModified() };
        return restJsonOk(200, { CodeSigningConfig: found.config });
      },
      DeleteCodeSigningConfig: (call) => {
        const arn = str(call, "CodeSigningConfigArn") ?? "";
        if (!configs.delete(arn)) return notFound(arn);
        return restJsonOk(204);
      },
      PutFunctionCodeSigningConfig: (call) => {
        const arn = str(call, "CodeSigningConfigArn") ?? "";
        if (!configs.has(arn)) return notFound(arn);
        const name = str(call, "FunctionName") ?? "";
        functions.set(name, arn);
        return restJsonOk(200, { CodeSigningConfigArn: arn, FunctionName: name });
      },
      DeleteFunctionCodeSigningConfig: (call) => {
        functions.set(str(call, "FunctionName") ?? "", null);
        return restJsonOk(204);
      },
      ListTags: (call) => {
        const found = get(call, "Resource");
        return found ? restJsonOk(200, { Tags: found.tags }) : notFound(str(call, "Resource") ?? "");
      },
      TagResource: (call) => {
        const found = get(call, "Resource");
        if (!found) return notFound(str(call, "Resource") ?? "");
        Object.assign(found.tags, isObject(call.input.Tags) ? call.input.Tags : {});
        return restJsonOk(204);
      },
      UntagResource: (call) => {
        const found = get(call, "Resource");
        if (!found) return notFound(str(call, "Resource") ?? "");
        for (const k of Array.isArray(call.input.TagKeys) ? call.input.TagKeys : []) delete found.tags[String(k)];
        return restJsonOk(204);
      },
    },
  };
}
