// The controller runs with exactly the chart's identity: the chart is installed (namespace scope,
// leader election on), the controller is started with the flags the Deployment passes and a token
// of the chart's ServiceAccount, and it reconciles a ScalableTarget against moto from create to delete.
import { randomBytes } from "node:crypto";
import { hooks } from "../../api-models/application-auto-scaling/hooks";
import { service } from "../../generated/application-auto-scaling/src/service";
import { runController, type RunningController } from "../../runtime/controller";
import { createLogger } from "../../runtime/ops/logger";
import { startTestAws, type TestAws } from "../env/aws/testing";
import { kubectl, mintTestServiceAccount } from "../env/context";
import { kubectlOk as ok } from "../e2e/kubectl-ok";
import { controllerArgv, removeHelmHome, renderChart } from "../support/helm";

const suffix = randomBytes(3).toString("hex");
const system = `it-ident-sys-${suffix}`;
const watched = `it-ident-w-${suffix}`;
const logs: string[] = [];
let aws: TestAws;
let controller: RunningController | undefined;

async function waitFor(probe: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; controller log tail:\n${logs.slice(-15).join("")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const target = (name: string) => {
  const r = kubectl(["-n", watched, "get", "scalabletarget", name, "-o", "json"]);
  return r.status === 0 ? (JSON.parse(r.stdout) as { status?: { conditions?: { type: string; status: string }[] } }) : undefined;
};

beforeAll(async () => {
  aws = await startTestAws();
  for (const ns of [system, watched]) ok(["create", "namespace", ns]);
  const { yaml, objects } = await renderChart("application-auto-scaling", "ident", system, {
    "aws.region": aws.region,
    "aws.endpoint_url": aws.endpoint,
    "aws.allow_unsafe_aws_endpoint_urls": true,
    installScope: "namespace",
    watchNamespace: watched,
    "leaderElection.enabled": true,
  }, ["--include-crds"]);
  ok(["apply", "--server-side", "--force-conflicts", "--field-manager", "helm", "-f", "-"], yaml);
  ok(["wait", "--for=condition=Established", "--timeout=60s", ...objects.filter((o) => o.kind === "CustomResourceDefinition").map((o) => `crd/${o.metadata.name}`)]);
  const sa = await mintTestServiceAccount(system, objects.find((o) => o.kind === "ServiceAccount")!.metadata.name);
  // The Deployment's flags; only the listen addresses change, so tests can run side by side.
  const argv = [...controllerArgv(objects), "--metrics-addr", "127.0.0.1:0", "--healthz-addr", "127.0.0.1:0"];
  controller = await runController(service, argv, {
    hooks,
    env: { ...process.env, KUBECONFIG: sa.kubeconfigPath, ACK_SYSTEM_NAMESPACE: system, AWS_REGION: aws.region },
    handleSignals: false,
    log: createLogger("debug", { write: (l) => logs.push(l) }),
  });
  await waitFor(() => controller!.isReady(), 30_000, "controller ready");
}, 120_000);

afterAll(async () => {
  await controller?.stop();
  await aws?.stop();
  removeHelmHome();
});

describe("the controller under the chart's ServiceAccount", () => {
  it("takes the lease, syncs a ScalableTarget and deletes it, with no request forbidden", async () => {
    const name = `t-${suffix}`;
    ok(["-n", watched, "apply", "-f", "-"], JSON.stringify({
      apiVersion: "applicationautoscaling.services.k8s.aws/v1alpha1",
      kind: "ScalableTarget",
      metadata: { name },
      spec: { serviceNamespace: "sagemaker", resourceID: `endpoint/${name}/variant/v1`, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 2 },
    }));
    await waitFor(() => target(name)?.status?.conditions?.some((c) => c.type === "ACK.ResourceSynced" && c.status === "True") ?? false, 60_000, "ACK.ResourceSynced=True");
    expect(ok(["-n", system, "get", "leases", "-o", "name"])).toContain("lease");
    ok(["-n", watched, "delete", "scalabletarget", name, "--wait=false"]);
    await waitFor(() => target(name) === undefined, 60_000, "the CR to be gone (finalizer removed)");
    expect(logs.join("").match(/.*forbidden.*/gi) ?? []).toEqual([]);
  });
});
