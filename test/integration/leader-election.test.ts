// Two generated autoscaling controllers with --enable-leader-election and short leases: only the
// Lease holder reconciles; killing it (SIGKILL, lease not released) lets the other take over.
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from "@aws-sdk/client-application-auto-scaling";
import { CORE, type KubeClient, type ResourceRef } from "../../runtime/k8s/client";
import type { KubeObject } from "../../runtime/k8s/types";
import type { Condition } from "../../runtime/reconcile/conditions";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { testContext } from "../env/context";
import { awsFlags, withControllerProcesses, type ControllerProcess } from "./controller-process";
import { waitFor } from "../support/wait";

const TARGETS: ResourceRef = { group: "applicationautoscaling.services.k8s.aws", version: "v1alpha1", plural: "scalabletargets" };
const LEASE = "ack-applicationautoscaling.services.k8s.aws";

let aws: TestAws;
let kube: KubeClient;
const ns = uniqueName("le");
const processes = withControllerProcesses({ ns });
beforeAll(() => ({ aws, kube } = processes));

const electionFlags = ["--enable-leader-election", "--leader-election-namespace", ns, "--leader-election-lease-duration", "3s", "--leader-election-renew-deadline", "2s", "--leader-election-retry-period", "500ms"];
const isLeader = (p: ControllerProcess) => p.hasLog((l) => l.msg === "became leader");
const reconciled = (p: ControllerProcess) => p.hasLog((l) => l.msg === "controller started" || l.kind === "ScalableTarget");
const tail = (...ps: ControllerProcess[]) => () => ps.map((p, i) => `\n--- controller ${i} (tail) ---\n${p.logs.slice(-8).map((l) => JSON.stringify(l)).join("\n")}\n${p.stderr.join("\n")}`).join("");

describe("leader election (Lease)", () => {
  it("only the leader reconciles; killing it hands over to the other, which carries on", async () => {
    const env = { KUBECONFIG: testContext().kubeconfig };
    const a = await processes.start("application-auto-scaling", [...awsFlags(aws, ns), ...electionFlags], { env });
    await waitFor(() => isLeader(a), 30_000, "first controller leads", tail(a));
    const b = await processes.start("application-auto-scaling", [...awsFlags(aws, ns), ...electionFlags], { env });
    await waitFor(() => b.hasLog((l) => l.msg === "waiting for leadership") && b.ready(), 30_000, "second controller on standby", tail(a, b));

    const resourceID = `endpoint/${uniqueName("ep")}/variant/v1`;
    await kube.create(TARGETS, ns, {
      apiVersion: `${TARGETS.group}/v1alpha1`,
      kind: "ScalableTarget",
      metadata: { name: "target", namespace: ns },
      spec: { serviceNamespace: "sagemaker", resourceID, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 2 },
    });
    await waitFor(async () => {
      const o = await kube.get<KubeObject>(TARGETS, ns, "target");
      return ((o?.status?.conditions ?? []) as Condition[]).some((c) => c.type === "ACK.ResourceSynced" && c.status === "True");
    }, 30_000, "synced by the leader", tail(a, b));
    await waitFor(() => a.hasLog((l) => l.msg === "created new resource") || undefined, 30_000, "the leader's 'created new resource' log line", tail(a));
    expect(isLeader(b)).toBe(false);
    expect(reconciled(b)).toBe(false);
    const lease = await kube.get<{ spec: { holderIdentity: string; leaseTransitions: number } }>(CORE.leases, ns, LEASE);
    const firstHolder = lease!.spec.holderIdentity;

    // A crash: no graceful release, so the standby must wait out the lease.
    const killedAt = Date.now();
    await a.kill();
    await waitFor(() => isLeader(b), 15_000, "standby takes over", tail(b));
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(10_000);
    const after = await kube.get<{ spec: { holderIdentity: string; leaseTransitions: number } }>(CORE.leases, ns, LEASE);
    expect(after!.spec.holderIdentity).not.toBe(firstHolder);
    expect(after!.spec.leaseTransitions).toBe(lease!.spec.leaseTransitions + 1);

    await kube.mergePatch(TARGETS, ns, "target", { spec: { maxCapacity: 5 } });
    const aas = new ApplicationAutoScalingClient(aws.clientConfig());
    try {
      await waitFor(async () => (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "sagemaker", ResourceIds: [resourceID] }))).ScalableTargets?.[0]?.MaxCapacity === 5, 30_000, "new leader applies the change", tail(b));
    } finally {
      aas.destroy();
    }
    // Its log line comes through the child's stdout pipe, which may trail the change seen in AWS.
    await waitFor(() => b.hasLog((l) => l.msg === "updated resource") || undefined, 30_000, "the new leader's 'updated resource' log line", tail(b));
  });
});
