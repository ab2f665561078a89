// The runtime on the real thing: kube-apiserver + etcd, moto behind the scenario proxy, a controller
// running in this process for the ScalableTarget fixture kind. Each test drives one resource.
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
  type ScalableTarget,
} from "@aws-sdk/client-application-auto-scaling";
import { runController, type RunningController } from "../../runtime/controller";
import { CORE, type KubeClient } from "../../runtime/k8s/client";
import type { KubeObject } from "../../runtime/k8s/types";
import { createLogger } from "../../runtime/ops/logger";
import { autoscalingFixture } from "../../runtime/testing/fixtures";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { kubectl, restartApiserver, testContext } from "../env/context";
import { adminKube } from "../e2e/admin-kube";
import { condition, waitFor as waitLogged } from "../e2e/controllers";
import { installCrdDir } from "../e2e/crds";
import { inProcessFlags } from "../e2e/in-process-flags";
import { withControllers } from "../e2e/with-controllers";
import { startKubeProxy, type KubeProxy } from "./runtime-kube-proxy";
import { callsAfterReads, readOf } from "../support/calls";

const CRD = "generated/application-auto-scaling/crds/applicationautoscaling.services.k8s.aws_scalabletargets.yaml";
const REF = { group: "applicationautoscaling.services.k8s.aws", version: "v1alpha1", plural: "scalabletargets" };
const FINALIZER = "finalizers.applicationautoscaling.services.k8s.aws/ScalableTarget";
const RESYNC_SECONDS = 3;

let aws: TestAws;
let aas: ApplicationAutoScalingClient;
let kube: KubeClient;
let proxy: KubeProxy;
let controller: RunningController;
const logs: string[] = [];
const ns = uniqueName("rt");
const nsRetain = uniqueName("rt-retain");

const env = withControllers({
  ns,
  namespaces: [nsRetain],
  crds: () => installCrdDir(CRD),
  client: (aws) => new ApplicationAutoScalingClient(aws.clientConfig()),
  before: async () => {
    kubectl(["annotate", "namespace", nsRetain, "applicationautoscaling.services.k8s.aws/deletion-policy=retain"]);
  },
  // The controller reaches the apiserver through a proxy that can expire or silence its watches.
  start: async (aws) => {
    const proxy = await startKubeProxy(testContext().kubeconfig);
    const controller = await runController(autoscalingFixture, inProcessFlags(aws, `${ns},${nsRetain}`, ["--reconcile-default-resync-seconds", String(RESYNC_SECONDS)]), {
      handleSignals: false,
      connection: { server: proxy.url, insecureSkipTlsVerify: false },
      log: createLogger("debug", { write: (l) => logs.push(l) }),
      watch: { silenceMs: 4_000, timeoutSeconds: 60 },
    });
    const kube = adminKube();
    const stop = async () => {
      await controller.stop();
      await proxy.close();
      kube.http.close();
    };
    await waitFor(() => controller.isReady(), 60_000, "controller ready").catch(async (err) => {
      await stop();
      throw err;
    });
    return { proxy, controller, kube, stop };
  },
});
beforeAll(() => ({ aws, client: aas, c: { proxy, controller, kube } } = env));

afterEach(async () => {
  await aws.control.clearFaults();
});

// ------------------------------------------------------------------ helpers

function target(name: string, opts: { namespace?: string; annotations?: Record<string, string>; spec?: Record<string, unknown> } = {}) {
  const resourceID = `endpoint/${name}/variant/v1`;
  return {
    resourceID,
    body: {
      apiVersion: "applicationautoscaling.services.k8s.aws/v1alpha1",
      kind: "ScalableTarget",
      metadata: { name, namespace: opts.namespace ?? ns, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
      spec: { serviceNamespace: "sagemaker", resourceID, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 3, ...opts.spec },
    },
  };
}

async function create(name: string, opts: Parameters<typeof target>[1] = {}) {
  const t = target(name, opts);
  await kube.create(REF, opts.namespace ?? ns, t.body);
  return t.resourceID;
}

const get = (name: string, namespace = ns) => kube.get<KubeObject>(REF, namespace, name);
const patchSpec = (name: string, spec: Record<string, unknown>, namespace = ns) => kube.mergePatch(REF, namespace, name, { spec });

async function inAws(resourceID: string): Promise<ScalableTarget | undefined> {
  const out = await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "sagemaker", ResourceIds: [resourceID] }));
  return out.ScalableTargets?.[0];
}

async function eventsFor(name: string, namespace = ns): Promise<{ reason: string; type: string; message: string }[]> {
  const list = await kube.list<{ involvedObject: { name: string }; reason: string; type: string; message: string }>(CORE.events, namespace);
  return list.items.filter((e) => e.involvedObject.name === name).map(({ reason, type, message }) => ({ reason, type, message }));
}

const waitFor = <T>(probe: () => T | Promise<T>, timeoutMs: number, what: string) => waitLogged(probe, timeoutMs, what, logs);

async function until(name: string, pred: (o: KubeObject) => boolean, what: string, namespace = ns, timeoutMs = 30_000): Promise<KubeObject> {
  return waitFor(async () => {
    const o = await get(name, namespace);
    return o && pred(o) ? o : undefined;
  }, timeoutMs, what);
}

const synced = (name: string, namespace = ns) => until(name, (o) => condition(o, "ACK.ResourceSynced")?.status === "True", `${name} synced`, namespace);

// ------------------------------------------------------------------ tests

describe("runtime on kube-apiserver + moto", () => {
  it("create: finalizer, AWS resource, ARN and metadata in status, Synced and Ready, a Created event", async () => {
    const rid = await create("create");
    const obj = await synced("create");
    expect(obj.metadata.finalizers).toEqual([FINALIZER]);
    expect(obj.status?.ackResourceMetadata).toMatchObject({ arn: expect.stringMatching(/^arn:aws:application-autoscaling:/), ownerAccountID: controller.identity.accountId, region: aws.region, partition: "aws" });
    expect(condition(obj, "Ready")?.status).toBe("True");
    expect(await inAws(rid)).toMatchObject({ MinCapacity: 1, MaxCapacity: 3 });
    expect((await eventsFor("create")).map((e) => e.reason)).toContain("Created");
  });

  it("update: a spec change is pushed to AWS once, with an Updated event", async () => {
    const rid = await create("update");
    await synced("update");
    await patchSpec("update", { maxCapacity: 7 });
    await waitFor(async () => (await inAws(rid))?.MaxCapacity === 7, 30_000, "MaxCapacity 7 in AWS");
    await waitFor(async () => (await eventsFor("update")).some((e) => e.reason === "Updated" && e.message.includes("spec.maxCapacity")), 30_000, "Updated event");
  });

  it("resync: drift made in AWS is corrected; with no drift a resync writes nothing", async () => {
    const rid = await create("drift");
    await synced("drift");
    const mark = await aws.control.mark();
    // Two resyncs looked (their reads arrived): in that window nothing but reads.
    const quiet = (await callsAfterReads(aws.control, mark, readOf("DescribeScalableTargets", rid), 2, "resync reads of the target")).filter((c) => c.resource === rid);
    expect(quiet.filter((c) => c.operation !== "DescribeScalableTargets")).toEqual([]);

    await aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: "sagemaker", ResourceId: rid, ScalableDimension: "sagemaker:variant:DesiredInstanceCount", MinCapacity: 1, MaxCapacity: 9 }));
    await waitFor(async () => (await inAws(rid))?.MaxCapacity === 3, (RESYNC_SECONDS + 10) * 1000, "drift corrected to MaxCapacity 3");
  });

  it("terminal: an AWS validation error sets ACK.Terminal with AWS's code and message, and is not retried", async () => {
    const name = "terminal";
    const t = target(name, { spec: { scalableDimension: "sagemaker:variant:NoSuchDimension" } });
    await kube.create(REF, ns, t.body);
    const obj = await until(name, (o) => condition(o, "ACK.Terminal")?.status === "True", "Terminal condition");
    expect(condition(obj, "ACK.Terminal")?.message).toMatch(/^ValidationException: /);
    expect(condition(obj, "Ready")).toMatchObject({ status: "False", reason: "ACK.Terminal" });
    const mark = await aws.control.mark();
    // Later reconciles (a resync, an annotation edit) call nothing: two are awaited, not a sleep.
    const terminalReconciles = () => logs.filter((l) => l.includes("no AWS call until the spec changes") && l.includes(`"name":"${name}"`)).length;
    for (const note of ["a", "b"]) {
      const seen = terminalReconciles();
      await kube.mergePatch(REF, ns, name, { metadata: { annotations: { "example.com/note": note } } });
      await waitFor(() => terminalReconciles() > seen, 30_000, `a reconcile of the Terminal target after annotation ${note}`);
    }
    expect(await aws.control.calls({ since: mark, resource: t.resourceID })).toEqual([]);
    expect((await eventsFor(name)).some((e) => e.reason === "Terminal" && e.type === "Warning")).toBe(true);
    // Fixing the spec (a new generation) brings it back.
    await kube.mergePatch(REF, ns, name, { spec: { scalableDimension: "sagemaker:variant:DesiredInstanceCount" } }).catch(() => undefined);
  });

  it("recoverable: throttling sets ACK.Recoverable (never Terminal) and recovers when AWS does", async () => {
    const name = "throttled";
    const { resourceID } = target(name);
    await aws.control.inject({ kind: "throttle", operation: "DescribeScalableTargets", resource: resourceID });
    await create(name);
    const obj = await until(name, (o) => condition(o, "ACK.Recoverable")?.status === "True", "Recoverable condition");
    expect(condition(obj, "ACK.Recoverable")?.message).toMatch(/^ThrottlingException/);
    expect(condition(obj, "ACK.Terminal")).toBeUndefined();
    await aws.control.clearFaults();
    await synced(name);
    expect(await inAws(resourceID)).toBeDefined();
  });

  it("recoverable: a 5xx from AWS is retried with backoff until it succeeds", async () => {
    const name = "server-error";
    const { resourceID } = target(name);
    await aws.control.inject({ kind: "server-error", operation: "RegisterScalableTarget", resource: resourceID, status: 503, count: 6 });
    await create(name);
    await synced(name);
    expect(await inAws(resourceID)).toBeDefined();
  });

  it("delete (policy delete): AWS resource removed, then the finalizer, then the object", async () => {
    const rid = await create("delete-me");
    await synced("delete-me");
    await kube.http.request("DELETE", `/apis/${REF.group}/${REF.version}/namespaces/${ns}/${REF.plural}/delete-me`);
    await waitFor(async () => !(await get("delete-me")), 30_000, "object gone");
    expect(await inAws(rid)).toBeUndefined();
  });

  it("delete (retain on the resource): the AWS resource stays", async () => {
    const rid = await create("retain-me", { annotations: { "services.k8s.aws/deletion-policy": "retain" } });
    await synced("retain-me");
    await kube.http.request("DELETE", `/apis/${REF.group}/${REF.version}/namespaces/${ns}/${REF.plural}/retain-me`);
    await waitFor(async () => !(await get("retain-me")), 30_000, "object gone");
    expect(await inAws(rid)).toBeDefined();
  });

  it("delete (retain on the namespace, <service>.services.k8s.aws/deletion-policy): the AWS resource stays", async () => {
    const rid = await create("ns-retain", { namespace: nsRetain });
    await synced("ns-retain", nsRetain);
    await kube.http.request("DELETE", `/apis/${REF.group}/${REF.version}/namespaces/${nsRetain}/${REF.plural}/ns-retain`);
    await waitFor(async () => !(await get("ns-retain", nsRetain)), 30_000, "object gone");
    expect(await inAws(rid)).toBeDefined();
  });

  it("delete refused by AWS: condition with AWS's reason, a DeleteFailed event, finalizer kept, retried until it works", async () => {
    const name = "refused";
    const rid = await create(name);
    await synced(name);
    await aws.control.inject({ kind: "server-error", operation: "DeregisterScalableTarget", resource: rid, status: 500 });
    await kube.http.request("DELETE", `/apis/${REF.group}/${REF.version}/namespaces/${ns}/${REF.plural}/${name}`);
    const stuck = await until(name, (o) => condition(o, "ACK.Recoverable")?.status === "True", "delete failure condition");
    expect(stuck.metadata.finalizers).toEqual([FINALIZER]);
    expect(condition(stuck, "ACK.Recoverable")?.message).toMatch(/delete failed, will retry: /);
    await waitFor(async () => (await eventsFor(name)).some((e) => e.reason === "DeleteFailed" && e.type === "Warning"), 30_000, "DeleteFailed event");
    await aws.control.clearFaults();
    await waitFor(async () => !(await get(name)), 30_000, "object gone after AWS accepts");
    expect(await inAws(rid)).toBeUndefined();
  });

  it("an annotation change alone triggers a reconcile (ACK waits for the next resync); region drift is terminal", async () => {
    const name = "annotated";
    const rid = await create(name);
    await synced(name);
    // Patched right after a resync ended: the next one is due RESYNC_SECONDS (less 5 % jitter) after
    // it, so a reconcile ending before then came from the watch event. Anchored on the controller's
    // own log times, not on how fast this test notices (a loaded machine delays both alike).
    const reconciledAt = () => logs.filter((l) => l.includes('"msg":"reconciled"') && l.includes(`"name":"${name}"`)).map((l) => Date.parse(JSON.parse(l).ts as string));
    const before = reconciledAt().length;
    await waitFor(() => reconciledAt().length > before, 30_000, "a resync of the target");
    const resyncEnded = reconciledAt().at(-1)!;
    await kube.mergePatch(REF, ns, name, { metadata: { annotations: { "services.k8s.aws/region": "eu-west-1" } } });
    const obj = await until(name, (o) => condition(o, "ACK.Terminal")?.status === "True", "region drift terminal", ns, 30_000);
    const reacted = reconciledAt().find((t) => t > resyncEnded)!;
    expect(reacted - resyncEnded).toBeLessThan(RESYNC_SECONDS * 1000 * 0.95);
    expect(condition(obj, "ACK.Terminal")).toMatchObject({ reason: "RegionDrift", message: expect.stringContaining(aws.region) });
    // Deleting still goes to the region the resource lives in.
    await kube.http.request("DELETE", `/apis/${REF.group}/${REF.version}/namespaces/${ns}/${REF.plural}/${name}`);
    await waitFor(async () => !(await get(name)), 30_000, "object gone");
    expect(await inAws(rid)).toBeUndefined();
  });

  it("watch expiry (410 Gone): the informer relists and no change is lost", async () => {
    const name = "expiry";
    const rid = await create(name);
    await synced(name);
    const before = controller.informerStats().ScalableTarget!.relistsOnGone;
    proxy.expireNextWatches(1);
    await waitFor(() => controller.informerStats().ScalableTarget!.relistsOnGone > before, 30_000, "relist after 410");
    await patchSpec(name, { maxCapacity: 6 });
    await waitFor(async () => (await inAws(rid))?.MaxCapacity === 6, 30_000, "change after relist reaches AWS");
  });

  it("a silent watch is restarted by the watchdog", async () => {
    const name = "silent";
    const rid = await create(name);
    await synced(name);
    const before = controller.informerStats().ScalableTarget!.watchdogRestarts;
    proxy.silenceNextWatch();
    await waitFor(() => controller.informerStats().ScalableTarget!.watchdogRestarts > before, 30_000, "watchdog restart");
    await patchSpec(name, { maxCapacity: 5 });
    await waitFor(async () => (await inAws(rid))?.MaxCapacity === 5, 30_000, "change after watchdog restart reaches AWS");
  });

  it("kube-apiserver restart mid-run: the controller recovers and no change is lost", async () => {
    const name = "restart";
    const rid = await create(name);
    await synced(name);
    await restartApiserver();
    // Changed the moment the API server is back: the watch is still reconnecting.
    await waitFor(() => patchSpec(name, { maxCapacity: 8 }).then(() => true), 30_000, "patch after restart");
    await waitFor(async () => (await inAws(rid))?.MaxCapacity === 8, 30_000, "change after restart reaches AWS");
    // The watches back off while the API server is away (up to 30 s between attempts): on a loaded
    // machine the restart alone can take 15 s, so the next attempt may come that much later.
    await waitFor(() => controller.isReady(), 60_000, "ready again");
  });

  it("metrics and health reflect real state", async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${controller.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/ack_outbound_api_requests_total\{op_id="RegisterScalableTarget",op_type="CREATE",service="applicationautoscaling"\} \d+/);
    expect(metrics).toMatch(/ack_outbound_api_requests_error_total\{[^}]*op_id="DescribeScalableTargets"[^}]*\} \d+/);
    expect(metrics).toMatch(/ack_reconcile_total\{kind="ScalableTarget",outcome="synced"\} \d+/);
    expect(metrics).toMatch(/ack_workqueue_depth\{kind="ScalableTarget"\} \d+/);
    const ready = await fetch(`http://127.0.0.1:${controller.healthPort}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toContain("watches established, credentials resolved");
  });
});
