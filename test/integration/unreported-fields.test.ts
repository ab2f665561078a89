// A field the read does not return is not drift. ACK's e2e TrainingJob sets retryStrategy and
// environment; moto's DescribeTrainingJob never returns them (the scenario proxy echoes them, as AWS
// does). With the echo, and with it cleared (moto as is), the job reaches Synced and stays so on
// resync; a real change to one of them, which the read cannot show, is still caught.
import { DescribeTrainingJobCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { hooks } from "../../api-models/sagemaker/hooks";
import { service } from "../../generated/sagemaker/src/service";
import { runController, type RunningController } from "../../runtime/controller";
import { KubeClient } from "../../runtime/k8s/client";
import { KubeHttp } from "../../runtime/k8s/http";
import { loadConnection } from "../../runtime/k8s/kubeconfig";
import type { KubeObject } from "../../runtime/k8s/types";
import { createLogger } from "../../runtime/ops/logger";
import type { Condition } from "../../runtime/reconcile/conditions";
import { startTestAws, uniqueName, type TestAws } from "../env/aws/testing";
import { kubectl, testContext } from "../env/context";
import { waitFor as pollUntil } from "../support/wait";
import { installCrdDir } from "../e2e/crds";

const CRD = "generated/sagemaker/crds/sagemaker.services.k8s.aws_trainingjobs.yaml";
const REF = { group: "sagemaker.services.k8s.aws", version: "v1alpha1", plural: "trainingjobs" };
const RESYNC_SECONDS = 2;
const ns = uniqueName("unreported");

let aws: TestAws;
let kube: KubeClient;
let sm: SageMakerClient;
let controller: RunningController;
const logs: string[] = [];

const waitFor = <T>(probe: () => T | Promise<T>, timeoutMs: number, what: string) =>
  pollUntil(probe, timeoutMs, what, () => `\n--- controller log (tail) ---\n${logs.slice(-15).join("\n")}`);

beforeAll(async () => {
  const ctx = testContext();
  installCrdDir(CRD);
  kubectl(["create", "namespace", ns]);
  kube = new KubeClient(new KubeHttp(loadConnection({ KUBECONFIG: ctx.kubeconfig })));
  aws = await startTestAws();
  sm = new SageMakerClient(aws.clientConfig());
  controller = await runController(
    service,
    [
      "--aws-endpoint-url", aws.endpoint,
      "--allow-unsafe-aws-endpoint-urls",
      "--aws-region", aws.region,
      "--metrics-addr", "127.0.0.1:0",
      "--healthz-addr", "127.0.0.1:0",
      "--watch-namespace", ns,
      "--reconcile-resources", "TrainingJob",
      "--reconcile-resource-resync-seconds", `TrainingJob=${RESYNC_SECONDS}`,
      "--log-level", "debug",
    ],
    { hooks, handleSignals: false, log: createLogger("debug", { write: (l) => logs.push(l) }) },
  );
  await waitFor(() => controller.isReady(), 60_000, "controller ready");
});

afterAll(async () => {
  await controller?.stop();
  await aws?.stop();
  kubectl(["delete", "namespace", ns, "--wait=false"]);
});

function trainingJob(name: string) {
  return {
    apiVersion: "sagemaker.services.k8s.aws/v1alpha1",
    kind: "TrainingJob",
    metadata: { name, namespace: ns },
    spec: {
      trainingJobName: name,
      roleARN: "arn:aws:iam::123456789012:role/sagemaker-execution-role",
      algorithmSpecification: { trainingImage: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1", trainingInputMode: "File" },
      outputDataConfig: { s3OutputPath: "s3://example-sagemaker-bucket/output" },
      resourceConfig: { instanceCount: 1, instanceType: "ml.m4.xlarge", volumeSizeInGB: 5 },
      stoppingCondition: { maxRuntimeInSeconds: 3600 },
      // As in ACK's e2e manifests (test/e2e/resources/xgboost_trainingjob.yaml).
      retryStrategy: { maximumRetryAttempts: 2 },
      environment: { ENV_KEY: "ENV_VALUE" },
    },
  };
}

const get = (name: string) => kube.get<KubeObject>(REF, ns, name);
const condition = (o: KubeObject | undefined, type: string) => ((o?.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
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
    await kube.create(REF, ns, trainingJob(name));
    await waitFor(async () => syncedAndNotTerminal(await get(name)), 60_000, "Synced, not Terminal");
    const described = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    expect(described.Environment).toEqual({ ENV_KEY: "ENV_VALUE" });
    expect(described.RetryStrategy).toEqual({ MaximumRetryAttempts: 2 });
    await staysSynced(name);
  });

  it("without the echo (moto as is) it stays Synced too; a real change to environment is still refused (Terminal)", async () => {
    const name = uniqueName("tj-bare");
    await kube.create(REF, ns, trainingJob(name));
    await waitFor(async () => syncedAndNotTerminal(await get(name)), 60_000, "Synced, not Terminal");
    await aws.control.reset(); // drops the proxy's correction overlays: Describe now omits both fields
    const described = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    expect(described.Environment).toBeUndefined();
    expect(described.RetryStrategy).toBeUndefined();
    await staysSynced(name);
    // The user changes a field the read never shows: judged against the spec last applied, it is a change.
    await kube.mergePatch(REF, ns, name, { spec: { environment: { ENV_KEY: "OTHER" } } });
    const o = await waitFor(async () => {
      const cur = await get(name);
      return condition(cur, "ACK.Terminal")?.status === "True" ? cur : undefined;
    }, 30_000, "Terminal for a change AWS cannot apply");
    expect(condition(o, "ACK.Terminal")?.message).toContain("only Warm Pool or Profiler can be updated");
  });
});
