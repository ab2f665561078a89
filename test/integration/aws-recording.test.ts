import * as AAS from "@aws-sdk/client-application-auto-scaling";
import * as Logs from "@aws-sdk/client-cloudwatch-logs";
import * as SM from "@aws-sdk/client-sagemaker";
import * as STS from "@aws-sdk/client-sts";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { withTestAws } from "../env/aws/with-test-aws";

let aws: TestAws;
const env = withTestAws();
beforeAll(() => ({ aws } = env));

describe("scenario proxy: recording", () => {
  it("records service, operation, resource and outcome of every call, across protocols", async () => {
    const since = await aws.control.mark();
    const sm = new SM.SageMakerClient(aws.clientConfig());
    const model = uniqueName("model");
    await sm.send(new SM.CreateModelCommand({ ModelName: model, ExecutionRoleArn: "arn:aws:iam::123456789012:role/r", PrimaryContainer: { Image: "img" } }));
    await sm.send(new SM.DescribeModelCommand({ ModelName: model }));
    await expect(sm.send(new SM.DescribeModelCommand({ ModelName: `${model}-missing` }))).rejects.toMatchObject({ name: "ValidationException" });

    const aas = new AAS.ApplicationAutoScalingClient(aws.clientConfig());
    const resourceId = `endpoint/${uniqueName("ep")}/variant/AllTraffic`;
    await aas.send(new AAS.RegisterScalableTargetCommand({ ServiceNamespace: "sagemaker", ResourceId: resourceId, ScalableDimension: "sagemaker:variant:DesiredInstanceCount", MinCapacity: 1, MaxCapacity: 2 }));
    await aas.send(new AAS.PutScalingPolicyCommand({
      ServiceNamespace: "sagemaker", ResourceId: resourceId, ScalableDimension: "sagemaker:variant:DesiredInstanceCount", PolicyName: "p", PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: "SageMakerVariantInvocationsPerInstance" } },
    }));
    const sts = new STS.STSClient(aws.clientConfig());
    await sts.send(new STS.AssumeRoleWithWebIdentityCommand({ RoleArn: "arn:aws:iam::123456789012:role/irsa", RoleSessionName: "s", WebIdentityToken: "t" }));
    const logs = new Logs.CloudWatchLogsClient(aws.clientConfig());
    await logs.send(new Logs.CreateLogGroupCommand({ logGroupName: `/aws/sagemaker/${model}` }));

    const calls = await aws.control.calls({ since });
    expect(calls.map((c) => [c.service, c.operation, c.resource, c.status, c.errorCode])).toEqual([
      ["sagemaker", "CreateModel", model, 200, undefined],
      ["sagemaker", "DescribeModel", model, 200, undefined],
      ["sagemaker", "DescribeModel", `${model}-missing`, 400, "ValidationException"],
      ["application-autoscaling", "RegisterScalableTarget", resourceId, 200, undefined],
      ["application-autoscaling", "PutScalingPolicy", `${resourceId}:p`, 200, undefined],
      ["sts", "AssumeRoleWithWebIdentity", "arn:aws:iam::123456789012:role/irsa", 200, undefined],
      ["logs", "CreateLogGroup", `/aws/sagemaker/${model}`, 200, undefined],
    ]);
    expect(calls[0]!.input).toMatchObject({ ModelName: model });
  });

  it("counts calls per resource, and filters by operation", async () => {
    const since = await aws.control.mark();
    const sm = new SM.SageMakerClient(aws.clientConfig());
    const [a, b] = [uniqueName("a"), uniqueName("b")];
    for (const name of [a, b]) await sm.send(new SM.CreateModelCommand({ ModelName: name, ExecutionRoleArn: "arn:aws:iam::123456789012:role/r", PrimaryContainer: { Image: "img" } }));
    for (let i = 0; i < 3; i++) await sm.send(new SM.DescribeModelCommand({ ModelName: a }));
    expect(await aws.control.countCalls({ since })).toEqual({ [a]: 4, [b]: 1 });
    expect(await aws.control.countCalls({ since, operation: "DescribeModel" })).toEqual({ [a]: 3 });
    expect(await aws.control.countCalls({ since, by: "operation" })).toEqual({ CreateModel: 2, DescribeModel: 3 });
  });

  it("clears the record on request", async () => {
    await aws.control.clearCalls();
    expect(await aws.control.calls()).toEqual([]);
  });
});
