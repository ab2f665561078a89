// A field the read does not return is not drift. ACK's e2e TrainingJob sets retryStrategy and
// environment; moto's DescribeTrainingJob never returns them (the scenario proxy echoes them, as AWS
// does). With the echo, and with it cleared (moto as is), the job reaches Synced and stays so on
// resync; a real change to one of them, which the read cannot show, is still caught.
import { DescribeTrainingJobCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { hooks } from "../../api-models/sagemaker/hooks";
import { service } from "../../generated/sagemaker/src/service";
import type { KubeObject } from "../../runtime/k8s/types";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { condition, waitFor as waitLogged } from "../e2e/controllers";
import type { ServiceRun } from "../e2e/service-controller";
import { withServiceController } from "../e2e/with-controllers";
import { trainingJobManifest } from "../support/manifests";

const REF = { group: "sagemaker.services.k8s.aws", version: "v1alpha1", plural: "trainingjobs" };
const RESYNC_SECONDS = 2;
const ns = uniqueName("unreported");

let aws: TestAws;
let sm: SageMakerClient;
let c: ServiceRun;

const waitFor = <T>(probe: () => T | Promise<T>, timeoutMs: number, what: string) => waitLogged(probe, timeoutMs, what, c.logs);

const env = withServiceController({
  service: "sagemaker",
  descriptor: service,
  hooks,
  ns,
  client: (aws) => new SageMakerClient(aws.clientConfig()),
  flags: ["--reconcile-resources", "TrainingJob", "--reconcile-resource-resync-seconds", `TrainingJob=${RESYNC_SECONDS}`],
});
beforeAll(async () => {
  ({ aws, c, client: sm } = env);
  await waitFor(() => c.isReady(), 60_000, "controller ready");
});

// As in ACK's e2e manifests (test/e2e/resources/xgboost_trainingjob.yaml).
const trainingJob = (name: string) => trainingJobManifest(ns, name, { retryStrategy: { maximumRetryAttempts: 2 }, environment: { ENV_KEY: "ENV_VALUE" } });

const get = (name: string) => c.kube.get<KubeObject>(REF, ns, name);
const syncedAndNotTerminal = (o: KubeObject | undefined) =>
  condition(o, "ACK.ResourceSynced")?.status === "True" && condition(o, "ACK.Terminal")?.status !== "True";

/** Several resyncs pass, each reading the job again, and it is still Synced and was never updated. */
async function staysSynced(name: string): Promise<void> {
  const mark = await aws.control.mark();
  await waitFor(async () => (await aws.control.calls({ since: mark, operation: "DescribeTrainingJob", resource: name })).length >= 3, 30_000, "three resyncs");
  expect(syncedAndNotTerminal(await get(name))).toBe(true);
  expect(await aws.control.calls({ since: mark, operation: "UpdateTrainingJob" })).toEqual([]);
}

describe("a field the read does not return is not drift", () => {
  it("ACK's e2e TrainingJob (retryStrategy, environment) reaches Synced and stays so; the proxy echoes what moto drops", async () => {
    const name = uniqueName("tj-echo");
    await c.kube.create(REF, ns, trainingJob(name));
    await waitFor(async () => syncedAndNotTerminal(await get(name)), 60_000, "Synced, not Terminal");
    const described = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    expect(described.Environment).toEqual({ ENV_KEY: "ENV_VALUE" });
    expect(described.RetryStrategy).toEqual({ MaximumRetryAttempts: 2 });
    await staysSynced(name);
  });

  it("without the echo (moto as is) it stays Synced too; a real change to environment is still refused (Terminal)", async () => {
    const name = uniqueName("tj-bare");
    await c.kube.create(REF, ns, trainingJob(name));
    await waitFor(async () => syncedAndNotTerminal(await get(name)), 60_000, "Synced, not Terminal");
    await aws.control.reset(); // drops the proxy's correction overlays: Describe now omits both fields
    const described = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    expect(described.Environment).toBeUndefined();
    expect(described.RetryStrategy).toBeUndefined();
    await staysSynced(name);
    // The user changes a field the read never shows: judged against the spec last applied, it is a change.
    await c.kube.mergePatch(REF, ns, name, { spec: { environment: { ENV_KEY: "OTHER" } } });
    const o = await waitFor(async () => {
      const cur = await get(name);
      return condition(cur, "ACK.Terminal")?.status === "True" ? cur : undefined;
    }, 30_000, "Terminal for a change AWS cannot apply");
    expect(condition(o, "ACK.Terminal")?.message).toContain("only Warm Pool or Profiler can be updated");
  });
});
