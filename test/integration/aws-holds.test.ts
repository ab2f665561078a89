import * as SM from "@aws-sdk/client-sagemaker";
import { statusHold, trainingJobInProgress } from "../env/aws/hold-presets";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { withTestAws } from "../env/aws/with-test-aws";
import { SDK_TEST_ROLE as ROLE, trainingJobInput } from "../support/sdk-inputs";
import { waitFor } from "../support/wait";

let aws: TestAws;
let sm: SM.SageMakerClient;

const env = withTestAws({ client: (aws) => new SM.SageMakerClient(aws.clientConfig()), afterEach: (aws) => aws.control.clearHolds() });
beforeAll(() => ({ aws, client: sm } = env));

async function createTrainingJob(name: string): Promise<void> {
  await sm.send(new SM.CreateTrainingJobCommand(trainingJobInput(name)));
}

async function createEndpoint(name: string): Promise<void> {
  await sm.send(new SM.CreateModelCommand({ ModelName: name, ExecutionRoleArn: ROLE, PrimaryContainer: { Image: "img" } }));
  await sm.send(new SM.CreateEndpointConfigCommand({
    EndpointConfigName: name,
    ProductionVariants: [{ VariantName: "AllTraffic", ModelName: name, InitialInstanceCount: 1, InstanceType: "ml.m5.large" }],
  }));
  await sm.send(new SM.CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name }));
}

const describeJob = (name: string) => sm.send(new SM.DescribeTrainingJobCommand({ TrainingJobName: name }));
const endpointStatus = async (name: string) => (await sm.send(new SM.DescribeEndpointCommand({ EndpointName: name }))).EndpointStatus;

describe("scenario proxy: holds", () => {
  it("by Describe count: a training job walks Starting → Downloading → Training → Uploading, then moto's Completed", async () => {
    const name = uniqueName("tj");
    await aws.control.hold(trainingJobInProgress(name, { describes: 1 }));
    await createTrainingJob(name);
    const seen: Array<[string | undefined, string | undefined]> = [];
    for (let i = 0; i < 5; i++) {
      const d = await describeJob(name);
      seen.push([d.TrainingJobStatus, d.SecondaryStatus]);
    }
    expect(seen).toEqual([
      ["InProgress", "Starting"],
      ["InProgress", "Downloading"],
      ["InProgress", "Training"],
      ["InProgress", "Uploading"],
      ["Completed", "Completed"],
    ]);
    const final = await describeJob(name);
    expect(final.SecondaryStatusTransitions?.map((t) => t.Status)).toEqual(["Starting", "Downloading", "Training", "Uploading", "Completed"]);
    expect(final.SecondaryStatusTransitions?.[0]?.StartTime).toBeInstanceOf(Date);
    expect(final.ModelArtifacts?.S3ModelArtifacts).toBeDefined();
    const calls = await aws.control.calls({ operation: "DescribeTrainingJob", resource: name });
    expect(calls.map((c) => c.heldPhase)).toEqual([0, 1, 2, 3, undefined, undefined]);
  });

  it("hides the fields AWS fills only at the end while in progress", async () => {
    const name = uniqueName("tj");
    await aws.control.hold(trainingJobInProgress(name, { secondary: ["Training"], describes: 1 }));
    await createTrainingJob(name);
    const d = await describeJob(name);
    expect(d.TrainingJobStatus).toBe("InProgress");
    expect(d.ModelArtifacts).toBeUndefined();
    expect(d.TrainingEndTime).toBeUndefined();
    expect(d.SecondaryStatusTransitions).toEqual([expect.objectContaining({ Status: "Training", StatusMessage: expect.any(String) })]);
  });

  it("by seconds: an endpoint stays Creating for the time given, however often it is described", async () => {
    const name = uniqueName("ep");
    await aws.control.hold(statusHold("Endpoint", name, ["Creating"], { seconds: 2 }));
    await createEndpoint(name);
    const started = Date.now();
    const seen: string[] = [];
    while (Date.now() - started < 1500) {
      seen.push((await endpointStatus(name)) ?? "");
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(new Set(seen)).toEqual(new Set(["Creating"]));
    // The phase's clock starts at its first Describe (at or after \`started\`), which a loaded machine
    // may delay past a fixed sleep's margin: wait for the end, then check it came no sooner than 2 s.
    await waitFor(async () => (await endpointStatus(name)) === "InService", 10_000, "InService once the 2 s are up");
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it("does not touch errors: a Describe of a missing resource is moto's not-found, and does not spend the hold", async () => {
    const name = uniqueName("ep");
    await aws.control.hold(statusHold("Endpoint", name, ["Creating"], { describes: 1 }));
    await expect(endpointStatus(name)).rejects.toMatchObject({ name: "ValidationException" });
    await createEndpoint(name);
    expect(await endpointStatus(name)).toBe("Creating");
    expect(await endpointStatus(name)).toBe("InService");
  });

  it("lists holds with their progress, and clears them", async () => {
    const name = uniqueName("ep");
    const hold = await aws.control.hold(statusHold("Endpoint", name, ["Creating"]));
    expect((await aws.control.holds()).map((h) => h.id)).toContain(hold.id);
    await aws.control.clearHolds(hold.id);
    expect((await aws.control.holds()).map((h) => h.id)).not.toContain(hold.id);
  });
});
