import * as SM from "@aws-sdk/client-sagemaker";
import * as STS from "@aws-sdk/client-sts";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { withTestAws } from "../env/aws/with-test-aws";
import { waitFor } from "../support/wait";

let aws: TestAws;
let sm: SM.SageMakerClient;
const model = uniqueName("fault-model");

const env = withTestAws({
  client: (aws) => new SM.SageMakerClient(aws.clientConfig()),
  before: async (_aws, sm) => {
    await sm.send(new SM.CreateModelCommand({ ModelName: model, ExecutionRoleArn: "arn:aws:iam::123456789012:role/r", PrimaryContainer: { Image: "img" } }));
  },
  afterEach: (aws) => aws.control.clearFaults(),
});
beforeAll(() => ({ aws, client: sm } = env));

const describe1 = () => sm.send(new SM.DescribeModelCommand({ ModelName: model }));

describe("scenario proxy: fault injection", () => {
  it("ThrottlingException surfaces as a throttling error in SDK v3, for `count` calls", async () => {
    await aws.control.inject({ kind: "throttle", operation: "DescribeModel", count: 1 });
    await expect(describe1()).rejects.toMatchObject({ name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
    await expect(describe1()).resolves.toMatchObject({ ModelName: model });
    const [last] = (await aws.control.calls({ operation: "DescribeModel", resource: model })).slice(-2);
    expect(last).toMatchObject({ status: 400, errorCode: "ThrottlingException", fault: "throttle" });
  });

  it("the SDK's own retry gets past a single throttle when retries are on", async () => {
    await aws.control.inject({ kind: "throttle", operation: "DescribeModel", count: 1 });
    const retrying = new SM.SageMakerClient(aws.clientConfig({ maxAttempts: 3 }));
    await expect(retrying.send(new SM.DescribeModelCommand({ ModelName: model }))).resolves.toMatchObject({ ModelName: model });
  });

  it("throttles awsQuery (STS) too", async () => {
    await aws.control.inject({ kind: "throttle", operation: "GetCallerIdentity", service: "sts", count: 1 });
    const sts = new STS.STSClient(aws.clientConfig());
    await expect(sts.send(new STS.GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "Throttling" });
  });

  it("injects 5xx until cleared", async () => {
    await aws.control.inject({ kind: "server-error", operation: "DescribeModel", status: 503 });
    await expect(describe1()).rejects.toMatchObject({ name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });
    await expect(describe1()).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    await aws.control.clearFaults();
    await expect(describe1()).resolves.toMatchObject({ ModelName: model });
  });

  it("injects latency, then lets the call through", async () => {
    await aws.control.inject({ kind: "latency", operation: "DescribeModel", latencyMs: 400, count: 1 });
    const started = Date.now();
    await expect(describe1()).resolves.toMatchObject({ ModelName: model });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it("a call held by latency is listed in flight until answered, then recorded with its arrival time", async () => {
    await aws.control.inject({ kind: "latency", operation: "DescribeModel", resource: model, latencyMs: 1_500, count: 1 });
    const mark = await aws.control.mark();
    const sent = Date.now();
    const answer = describe1();
    const [arrived] = await waitFor(async () => {
      const f = await aws.control.inFlight({ operation: "DescribeModel", resource: model });
      return f.length ? f : undefined;
    }, 10_000, "the call in flight");
    expect(arrived).toMatchObject({ service: "sagemaker", operation: "DescribeModel", resource: model });
    expect(arrived!.time).toBeGreaterThanOrEqual(sent);
    expect(await aws.control.calls({ since: mark, operation: "DescribeModel", resource: model })).toEqual([]);
    await expect(answer).resolves.toMatchObject({ ModelName: model });
    expect(await aws.control.inFlight({ resource: model })).toEqual([]);
    expect(await aws.control.calls({ since: mark, operation: "DescribeModel", resource: model })).toMatchObject([{ time: arrived!.time, fault: "latency" }]);
  });

  it("resets the connection", async () => {
    await aws.control.inject({ kind: "reset", operation: "DescribeModel", count: 1 });
    // Node reports the reset as "socket hang up" (ECONNRESET); under jest the SDK wraps it.
    await expect(describe1()).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(describe1()).resolves.toMatchObject({ ModelName: model });
  });

  it("targets one resource only when asked", async () => {
    const other = uniqueName("other");
    await sm.send(new SM.CreateModelCommand({ ModelName: other, ExecutionRoleArn: "arn:aws:iam::123456789012:role/r", PrimaryContainer: { Image: "img" } }));
    await aws.control.inject({ kind: "throttle", operation: "DescribeModel", resource: other });
    await expect(describe1()).resolves.toMatchObject({ ModelName: model });
    await expect(sm.send(new SM.DescribeModelCommand({ ModelName: other }))).rejects.toMatchObject({ name: "ThrottlingException" });
  });
});
