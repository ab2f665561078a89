import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as SM from "@aws-sdk/client-sagemaker";
import { statusHold, trainingJobInProgress } from "../env/aws/hold-presets";
import { startScenarioProxy, type ScenarioProxy } from "../env/aws/proxy-server";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { withTestAws } from "../env/aws/with-test-aws";
import { SDK_TEST_ROLE as ROLE, trainingJobInput } from "../support/sdk-inputs";

let aws: TestAws;
let sm: SM.SageMakerClient;

const env = withTestAws({ client: (aws) => new SM.SageMakerClient(aws.clientConfig()), afterEach: (aws) => aws.control.clearHolds() });
beforeAll(() => ({ aws, client: sm } = env));

describe("correction: Stop* that moto 5.2.5 lacks (AWS API_Stop*.html: Stopping, then Stopped)", () => {
  it("StopTrainingJob on a running job: Stopping, then Stopped on later Describes", async () => {
    const name = uniqueName("tj");
    await aws.control.hold(trainingJobInProgress(name, { secondary: ["Training"], describes: 100 }));
    await sm.send(new SM.CreateTrainingJobCommand(trainingJobInput(name)));
    expect((await sm.send(new SM.DescribeTrainingJobCommand({ TrainingJobName: name }))).TrainingJobStatus).toBe("InProgress");
    await sm.send(new SM.StopTrainingJobCommand({ TrainingJobName: name }));
    const after = [];
    for (let i = 0; i < 3; i++) {
      const d = await sm.send(new SM.DescribeTrainingJobCommand({ TrainingJobName: name }));
      after.push([d.TrainingJobStatus, d.SecondaryStatus]);
    }
    expect(after).toEqual([["Stopping", "Stopping"], ["Stopped", "Stopped"], ["Stopped", "Stopped"]]);
    const [stop] = await aws.control.calls({ operation: "StopTrainingJob", resource: name });
    expect(stop).toMatchObject({ status: 200, corrected: true });
  });

  it("a test can make Stopping last longer with a hold armed by the stop", async () => {
    const name = uniqueName("tj");
    await aws.control.hold(trainingJobInProgress(name, { secondary: ["Training"], describes: 100 }));
    await aws.control.hold(statusHold("TrainingJob", name, ["Stopping"], { describes: 3, after: "StopTrainingJob" }));
    await sm.send(new SM.CreateTrainingJobCommand(trainingJobInput(name)));
    await sm.send(new SM.StopTrainingJobCommand({ TrainingJobName: name }));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sm.send(new SM.DescribeTrainingJobCommand({ TrainingJobName: name }))).TrainingJobStatus);
    expect(statuses).toEqual(["Stopping", "Stopping", "Stopping", "Stopped"]);
  });

  it("rejects a stop of a finished job, and of a missing one, as AWS does", async () => {
    const name = uniqueName("tj");
    await sm.send(new SM.CreateTrainingJobCommand(trainingJobInput(name)));
    await expect(sm.send(new SM.StopTrainingJobCommand({ TrainingJobName: name }))).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("is in status Completed"),
    });
    await expect(sm.send(new SM.StopTrainingJobCommand({ TrainingJobName: `${name}-missing` }))).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("StopTransformJob and StopHyperParameterTuningJob follow the same rule", async () => {
    const model = uniqueName("m");
    await sm.send(new SM.CreateModelCommand({ ModelName: model, ExecutionRoleArn: ROLE, PrimaryContainer: { Image: "img" } }));
    const xj = uniqueName("xj");
    await aws.control.hold(statusHold("TransformJob", xj, ["InProgress"], { describes: 100 }));
    await sm.send(new SM.CreateTransformJobCommand({
      TransformJobName: xj, ModelName: model,
      TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://b/in" } } },
      TransformOutput: { S3OutputPath: "s3://b/out" },
      TransformResources: { InstanceType: "ml.m5.large", InstanceCount: 1 },
    }));
    await sm.send(new SM.StopTransformJobCommand({ TransformJobName: xj }));
    expect((await sm.send(new SM.DescribeTransformJobCommand({ TransformJobName: xj }))).TransformJobStatus).toBe("Stopping");
    expect((await sm.send(new SM.DescribeTransformJobCommand({ TransformJobName: xj }))).TransformJobStatus).toBe("Stopped");

    const hpo = uniqueName("hpo");
    await aws.control.hold(statusHold("HyperParameterTuningJob", hpo, ["InProgress"], { describes: 100 }));
    await sm.send(new SM.CreateHyperParameterTuningJobCommand({
      HyperParameterTuningJobName: hpo,
      HyperParameterTuningJobConfig: { Strategy: "Bayesian", ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 1 }, HyperParameterTuningJobObjective: { Type: "Minimize", MetricName: "validation:error" } },
      TrainingJobDefinition: { ...trainingJobInput("x"), TrainingJobName: undefined } as never,
    }));
    await sm.send(new SM.StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: hpo }));
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await sm.send(new SM.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: hpo }))).HyperParameterTuningJobStatus);
    expect(statuses).toEqual(["Stopping", "Stopped"]);
  });

  it("StopPipelineExecution: Executing → Stopping → Stopped", async () => {
    const pipeline = uniqueName("pl");
    await sm.send(new SM.CreatePipelineCommand({ PipelineName: pipeline, PipelineDefinition: '{"Version":"2020-12-01","Steps":[]}', RoleArn: ROLE, ClientRequestToken: `${pipeline}-create-token-000000` }));
    const { PipelineExecutionArn: arn } = await sm.send(new SM.StartPipelineExecutionCommand({ PipelineName: pipeline, ClientRequestToken: `${pipeline}-start-token-0000000` }));
    await aws.control.hold(statusHold("PipelineExecution", arn!, ["Executing"], { describes: 100 }));
    expect((await sm.send(new SM.DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }))).PipelineExecutionStatus).toBe("Executing");
    await expect(sm.send(new SM.StopPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: `${pipeline}-stop-token-00000000` }))).resolves.toMatchObject({ PipelineExecutionArn: arn });
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await sm.send(new SM.DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }))).PipelineExecutionStatus);
    expect(statuses).toEqual(["Stopping", "Stopped"]);
  });
});

describe("correction: UpdateEndpoint that moto 5.2.5 lacks (AWS API_UpdateEndpoint.html)", () => {
  async function endpointWith(variants: SM.ProductionVariant[]): Promise<{ name: string; config: string }> {
    const name = uniqueName("ep");
    const model = `${name}-m`;
    await sm.send(new SM.CreateModelCommand({ ModelName: model, ExecutionRoleArn: ROLE, PrimaryContainer: { Image: "img" } }));
    await sm.send(new SM.CreateEndpointConfigCommand({ EndpointConfigName: `${name}-c1`, ProductionVariants: variants.map((v) => ({ ...v, ModelName: model })) }));
    await sm.send(new SM.CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-c1` }));
    return { name, config: model };
  }

  it("Updating, then InService with the new EndpointConfigName; retained variant properties kept", async () => {
    const { name, config: model } = await endpointWith([{ VariantName: "variant-1", InitialInstanceCount: 2, InstanceType: "ml.m5.large", InitialVariantWeight: 1 }]);
    await sm.send(new SM.CreateEndpointConfigCommand({
      EndpointConfigName: `${name}-c2`,
      ProductionVariants: [
        { VariantName: "variant-1", ModelName: model, InitialInstanceCount: 1, InstanceType: "ml.m5.large" },
        { VariantName: "variant-2", ModelName: model, InitialInstanceCount: 1, InstanceType: "ml.m5.large" },
      ],
    }));
    await sm.send(new SM.UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-c2`, RetainAllVariantProperties: true }));
    const updating = await sm.send(new SM.DescribeEndpointCommand({ EndpointName: name }));
    expect(updating.EndpointStatus).toBe("Updating");
    const done = await sm.send(new SM.DescribeEndpointCommand({ EndpointName: name }));
    expect(done.EndpointStatus).toBe("InService");
    expect(done.EndpointConfigName).toBe(`${name}-c2`);
    expect(done.ProductionVariants?.map((v) => [v.VariantName, v.CurrentInstanceCount])).toEqual([["variant-1", 2], ["variant-2", 1]]);
    const [call] = await aws.control.calls({ operation: "UpdateEndpoint", resource: name });
    expect(call).toMatchObject({ corrected: true, status: 200, input: { RetainAllVariantProperties: true } });
  });

  it("a hold armed by UpdateEndpoint keeps it Updating longer", async () => {
    const { name } = await endpointWith([{ VariantName: "v", InitialInstanceCount: 1, InstanceType: "ml.m5.large" }]);
    await aws.control.hold(statusHold("Endpoint", name, ["Updating"], { describes: 2, after: "UpdateEndpoint" }));
    await sm.send(new SM.UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-c1` }));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await sm.send(new SM.DescribeEndpointCommand({ EndpointName: name }))).EndpointStatus);
    expect(statuses).toEqual(["Updating", "Updating", "InService"]);
  });

  it("rejects an update while the endpoint is not InService, and a missing endpoint config", async () => {
    const { name } = await endpointWith([{ VariantName: "v", InitialInstanceCount: 1, InstanceType: "ml.m5.large" }]);
    await expect(sm.send(new SM.UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: "nope" }))).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("Could not find endpoint configuration"),
    });
    await aws.control.hold(statusHold("Endpoint", name, ["Creating"], { describes: 5 }));
    await expect(sm.send(new SM.UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-c1` }))).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("Cannot update in-progress endpoint"),
    });
  });

  it("forgets the overlay once the endpoint is deleted and created again", async () => {
    const { name } = await endpointWith([{ VariantName: "v", InitialInstanceCount: 1, InstanceType: "ml.m5.large" }]);
    await sm.send(new SM.CreateEndpointConfigCommand({ EndpointConfigName: `${name}-c2`, ProductionVariants: [{ VariantName: "v", ModelName: `${name}-m`, InitialInstanceCount: 1, InstanceType: "ml.m5.large" }] }));
    await sm.send(new SM.UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-c2` }));
    await sm.send(new SM.DeleteEndpointCommand({ EndpointName: name }));
    await sm.send(new SM.CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-c1` }));
    const d = await sm.send(new SM.DescribeEndpointCommand({ EndpointName: name }));
    expect([d.EndpointStatus, d.EndpointConfigName]).toEqual(["InService", `${name}-c1`]);
  });
});

describe("correction: string timestamps → epoch seconds (moto issue #9763)", () => {
  // moto 5.2.5 already sends numbers (the smoke check asserts it), so this proves the correction against a
  // stand-in upstream that answers the way moto's SageMaker did before its handlers moved to the core serializer.
  let fake: Server;
  let proxy: ScenarioProxy;
  let fakeUrl: string;
  const body = JSON.stringify({
    TrainingJobName: "old-moto",
    TrainingJobArn: "arn:aws:sagemaker:us-east-1:123456789012:training-job/old-moto",
    TrainingJobStatus: "Completed",
    SecondaryStatus: "Completed",
    CreationTime: "2025-06-01 12:00:00",
    SecondaryStatusTransitions: [{ Status: "Starting", StartTime: "2025-06-01T12:00:00+00:00" }],
    AlgorithmSpecification: { TrainingInputMode: "File" },
    ResourceConfig: { VolumeSizeInGB: 10 },
    StoppingCondition: {},
  });

  beforeAll(async () => {
    fake = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    proxy = await startScenarioProxy({ upstream: fakeUrl });
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => fake.close(resolve));
  });

  const client = (endpoint: string) => new SM.SageMakerClient({ region: "us-east-1", endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1 });

  it("SDK v3 cannot read the string timestamps on its own", async () => {
    await expect(client(fakeUrl).send(new SM.DescribeTrainingJobCommand({ TrainingJobName: "old-moto" }))).rejects.toThrow();
  });

  it("through the proxy it reads them as the right instants", async () => {
    const d = await client(proxy.url).send(new SM.DescribeTrainingJobCommand({ TrainingJobName: "old-moto" }));
    expect(d.CreationTime?.toISOString()).toBe("2025-06-01T12:00:00.000Z");
    expect(d.SecondaryStatusTransitions?.[0]?.StartTime?.toISOString()).toBe("2025-06-01T12:00:00.000Z");
  });
});

describe("correction: moto's HTML 500 for a missing feature group → AWS's ResourceNotFound (API_DescribeFeatureGroup.html)", () => {
  it("DescribeFeatureGroup of a missing group is a 400 ResourceNotFound; an existing one still reads", async () => {
    const name = uniqueName("fg");
    const err = await sm.send(new SM.DescribeFeatureGroupCommand({ FeatureGroupName: name })).then(() => undefined, (e: SM.ResourceNotFound) => e);
    expect(err?.name).toBe("ResourceNotFound");
    expect(err?.$metadata.httpStatusCode).toBe(400);
    expect(err?.message).toBe(`Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${name}`);
    await sm.send(new SM.CreateFeatureGroupCommand({
      FeatureGroupName: name,
      RecordIdentifierFeatureName: "id",
      EventTimeFeatureName: "ts",
      FeatureDefinitions: [{ FeatureName: "id", FeatureType: "String" }, { FeatureName: "ts", FeatureType: "String" }],
      OfflineStoreConfig: { S3StorageConfig: { S3Uri: "s3://bucket/fs" } },
      RoleArn: ROLE,
    }));
    expect((await sm.send(new SM.DescribeFeatureGroupCommand({ FeatureGroupName: name }))).FeatureGroupStatus).toBe("Created");
  });
});
