/**
 * Requests rewritten before moto sees them, where moto treats a member differently from AWS. The proxy
 * sends the returned body instead of the client's (moto does not check the signature); `read` asks
 * moto for current state (a JSON-protocol call of the same service).
 */
import type { AwsCall } from "./aws-call";

export type MotoRead = (operation: string, input: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>;

/** The body moto should get instead of `body`, or undefined to send it unchanged. */
export async function correctRequest(call: AwsCall, body: string, read: MotoRead): Promise<string | undefined> {
  return platformEndpointUserData(call, body) ?? keyPolicyNamed(call) ?? (await queuePolicyKept(call, read));
}

/**
 * SQS SetQueueAttributes without Policy: moto 5.2.5 clears the queue's policy (sqs/models.py
 * Queue._set_attributes ends with `self.policy = attributes.get("Policy")`); AWS changes only the
 * attributes given (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html).
 * Send the current policy along so moto keeps it.
 */
async function queuePolicyKept(call: AwsCall, read: MotoRead): Promise<string | undefined> {
  if (call.service !== "sqs" || call.operation !== "SetQueueAttributes" || call.protocol !== "awsJson1_1") return undefined;
  const attrs = call.input.Attributes;
  if (!attrs || typeof attrs !== "object" || "Policy" in attrs) return undefined;
  const current = await read("GetQueueAttributes", { QueueUrl: call.input.QueueUrl, AttributeNames: ["Policy"] });
  const policy = (current?.Attributes as Record<string, unknown> | undefined)?.Policy;
  if (typeof policy !== "string") return undefined;
  return JSON.stringify({ ...call.input, Attributes: { ...attrs, Policy: policy } });
}

/**
 * KMS GetKeyPolicy and PutKeyPolicy without PolicyName: AWS takes the only policy name there is,
 * `default` (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html: "If no policy
 * name is specified, the default value is default"); moto 5.2.5 answers NotFoundException "No such
 * policy exists". Name it for moto.
 */
function keyPolicyNamed(call: AwsCall): string | undefined {
  if (call.service !== "kms" || (call.operation !== "GetKeyPolicy" && call.operation !== "PutKeyPolicy")) return undefined;
  if (typeof call.input.PolicyName === "string") return undefined;
  return JSON.stringify({ ...call.input, PolicyName: "default" });
}

/**
 * SNS CreatePlatformEndpoint's CustomUserData member (https://docs.aws.amazon.com/sns/latest/api/API_CreatePlatformEndpoint.html)
 * is dropped by moto 5.2.5, which reads CustomUserData only from the Attributes map: GetEndpointAttributes then
 * never reports it. Send it as the attribute too.
 */
function platformEndpointUserData(call: AwsCall, body: string): string | undefined {
  if (call.service !== "sns" || call.operation !== "CreatePlatformEndpoint") return undefined;
  const params = new URLSearchParams(body);
  const data = params.get("CustomUserData");
  if (data === null) return undefined;
  const keys = [...params.keys()].filter((k) => /^Attributes\.entry\.\d+\.key$/.test(k));
  if (keys.some((k) => params.get(k) === "CustomUserData")) return undefined;
  const n = keys.length + 1;
  params.append(`Attributes.entry.${n}.key`, "CustomUserData");
  params.append(`Attributes.entry.${n}.value`, data);
  return params.toString();
}

/**
 * Lambda PutFunctionEventInvokeConfig replaces a function's asynchronous invocation configuration on AWS
 * ("If a configuration already exists for a function, version, or alias, this operation overwrites it",
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html). moto 5.2.5 appends
 * it to a list and GetFunctionEventInvokeConfig answers the first (awslambda/models.py
 * put_function_event_invoke_config / get_function_event_invoke_config), so a second put never shows.
 * The path to DELETE at moto first, so the put replaces; undefined for any other call.
 */
export function clearedBeforePut(call: AwsCall, method: string | undefined, url: string | undefined): string | undefined {
  if (call.service !== "lambda" || method !== "PUT" || !url) return undefined;
  const path = url.split("?")[0]!;
  return /^\/2019-09-25\/functions\/[^/]+\/event-invoke-config$/.test(path) ? url : undefined;
}
