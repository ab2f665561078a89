import { parseAwsCall } from "./aws-call";
import { clearedBeforePut, correctRequest, type MotoRead } from "./request-corrections";

const noRead: MotoRead = () => Promise.reject(new Error("no read expected"));
const sqsCall = (input: Record<string, unknown>) =>
  parseAwsCall({
    method: "POST",
    path: "/",
    headers: { "x-amz-target": "AmazonSQS.SetQueueAttributes", authorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request" },
    body: JSON.stringify(input),
  });

const call = (body: string, service = "sns") =>
  parseAwsCall({
    method: "POST",
    path: "/",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/${service}/aws4_request` },
    body,
  });

describe("request corrections", () => {
  it("CreatePlatformEndpoint's CustomUserData is also sent as the attribute moto reads", async () => {
    const body = "Action=CreatePlatformEndpoint&Version=2010-03-31&PlatformApplicationArn=arn&Token=t&CustomUserData=u%201&Attributes.entry.1.key=Enabled&Attributes.entry.1.value=true";
    const out = new URLSearchParams(await correctRequest(call(body), body, noRead));
    expect(out.get("Attributes.entry.2.key")).toBe("CustomUserData");
    expect(out.get("Attributes.entry.2.value")).toBe("u 1");
    expect(out.get("CustomUserData")).toBe("u 1");
  });

  it("leaves other requests, and ones already carrying the attribute, alone", async () => {
    const without = "Action=CreatePlatformEndpoint&PlatformApplicationArn=arn&Token=t";
    expect(await correctRequest(call(without), without, noRead)).toBeUndefined();
    const both = "Action=CreatePlatformEndpoint&CustomUserData=u&Attributes.entry.1.key=CustomUserData&Attributes.entry.1.value=u";
    expect(await correctRequest(call(both), both, noRead)).toBeUndefined();
    const topic = "Action=CreateTopic&Name=x&CustomUserData=u";
    expect(await correctRequest(call(topic), topic, noRead)).toBeUndefined();
    expect(await correctRequest(call(without, "sqs"), without, noRead)).toBeUndefined();
  });

  it("SetQueueAttributes without Policy carries the queue's current policy, so moto keeps it as AWS does", async () => {
    const input = { QueueUrl: "http://q/1/orders", Attributes: { VisibilityTimeout: "45" } };
    const asked: unknown[] = [];
    const read: MotoRead = async (operation, i) => {
      asked.push([operation, i]);
      return { Attributes: { Policy: '{"Statement":[1]}' } };
    };
    const out = JSON.parse((await correctRequest(sqsCall(input), JSON.stringify(input), read))!);
    expect(out).toEqual({ QueueUrl: "http://q/1/orders", Attributes: { VisibilityTimeout: "45", Policy: '{"Statement":[1]}' } });
    expect(asked).toEqual([["GetQueueAttributes", { QueueUrl: "http://q/1/orders", AttributeNames: ["Policy"] }]]);
    const withPolicy = { ...input, Attributes: { Policy: "{}" } };
    expect(await correctRequest(sqsCall(withPolicy), JSON.stringify(withPolicy), noRead)).toBeUndefined();
    expect(await correctRequest(sqsCall(input), JSON.stringify(input), async () => ({ Attributes: {} }))).toBeUndefined();
  });

  it("KMS GetKeyPolicy/PutKeyPolicy without PolicyName name AWS's default policy for moto", async () => {
    const kms = (operation: string, input: Record<string, unknown>) =>
      parseAwsCall({
        method: "POST",
        path: "/",
        headers: { "x-amz-target": `TrentService.${operation}`, authorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kms/aws4_request" },
        body: JSON.stringify(input),
      });
    expect(JSON.parse((await correctRequest(kms("GetKeyPolicy", { KeyId: "k" }), '{"KeyId":"k"}', noRead))!)).toEqual({ KeyId: "k", PolicyName: "default" });
    expect(await correctRequest(kms("GetKeyPolicy", { KeyId: "k", PolicyName: "default" }), "{}", noRead)).toBeUndefined();
    expect(await correctRequest(kms("DescribeKey", { KeyId: "k" }), "{}", noRead)).toBeUndefined();
  });

  it("Lambda PutFunctionEventInvokeConfig clears moto's list first so the put replaces, as AWS does; nothing else does", () => {
    const lambda = (method: string, path: string) =>
      parseAwsCall({ method, path, headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request" }, body: "{}" });
    const put = "/2019-09-25/functions/scorer/event-invoke-config?Qualifier=live";
    expect(clearedBeforePut(lambda("PUT", put), "PUT", put)).toBe(put);
    expect(clearedBeforePut(lambda("GET", put), "GET", put)).toBeUndefined();
    expect(clearedBeforePut(lambda("PUT", "/2017-10-31/functions/scorer/concurrency"), "PUT", "/2017-10-31/functions/scorer/concurrency")).toBeUndefined();
    expect(clearedBeforePut(sqsCall({}), "PUT", put)).toBeUndefined();
  });
});
