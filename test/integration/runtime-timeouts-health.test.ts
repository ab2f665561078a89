// Timeouts and health that mean what they say, on kube-apiserver + moto behind the scenario proxy:
// --http-client-timeout cuts off a slow AWS call, /readyz fails while the watches are down, and a
// graceful stop sends nothing to AWS after its grace period.
import { runController, type RunningController } from "../../runtime/controller";
import type { KubeClient } from "../../runtime/k8s/client";
import type { KubeObject } from "../../runtime/k8s/types";
import { createLogger } from "../../runtime/ops/logger";
import { autoscalingFixture } from "../../runtime/testing/fixtures";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { restartApiserver } from "../env/context";
import { adminKube } from "../e2e/admin-kube";
import { condition, waitFor as waitLogged } from "../e2e/controllers";
import { installCrdDir } from "../e2e/crds";
import { inProcessFlags } from "../e2e/in-process-flags";
import { withControllers } from "../e2e/with-controllers";

const CRD = "generated/application-auto-scaling/crds/applicationautoscaling.services.k8s.aws_scalabletargets.yaml";
const REF = { group: "applicationautoscaling.services.k8s.aws", version: "v1alpha1", plural: "scalabletargets" };
const HTTP_TIMEOUT_MS = 1_000;
const LATENCY_MS = 4_000;

let aws: TestAws;
let kube: KubeClient;
let controller: RunningController;
const logs: string[] = [];
const ns = uniqueName("rt-health");
const nsStop = uniqueName("rt-stop");

function startController(namespace: string, extra: { shutdownGraceMs?: number; args?: string[] } = {}, on: TestAws = aws): Promise<RunningController> {
  return runController(autoscalingFixture, inProcessFlags(on, namespace, extra.args), {
    handleSignals: false,
    log: createLogger("debug", { write: (l) => logs.push(l) }),
    ...(extra.shutdownGraceMs !== undefined ? { shutdownGraceMs: extra.shutdownGraceMs } : {}),
  });
}

const env = withControllers({
  ns,
  namespaces: [nsStop],
  crds: () => installCrdDir(CRD),
  start: async (aws) => {
    const kube = adminKube();
    const controller = await startController(ns, { args: ["--http-client-timeout", `${HTTP_TIMEOUT_MS / 1000}s`] }, aws);
    const stop = async () => {
      await controller.stop();
      // The stopped controllers' objects keep their finalizers: release them so the namespaces can go.
      for (const namespace of [ns, nsStop]) {
        const list = await kube.list<KubeObject>(REF, namespace).catch(() => ({ items: [] as KubeObject[] }));
        for (const o of list.items) await kube.mergePatch(REF, namespace, o.metadata.name, { metadata: { finalizers: null } }).catch(() => undefined);
      }
      kube.http.close();
    };
    await waitFor(() => controller.isReady(), 60_000, "controller ready").catch(async (err) => {
      await stop();
      throw err;
    });
    return { controller, kube, stop };
  },
  after: (aws) => aws.control.clearFaults(),
});
beforeAll(() => ({ aws, c: { controller, kube } } = env));

afterEach(async () => {
  await aws.control.clearFaults();
});

function target(name: string, namespace: string) {
  const resourceID = `endpoint/${name}/variant/v1`;
  const body = {
    apiVersion: "applicationautoscaling.services.k8s.aws/v1alpha1",
    kind: "ScalableTarget",
    metadata: { name, namespace },
    spec: { serviceNamespace: "sagemaker", resourceID, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 3 },
  };
  return { resourceID, body };
}

const get = (name: string, namespace = ns) => kube.get<KubeObject>(REF, namespace, name);
const waitFor = <T>(probe: () => T | Promise<T>, timeoutMs: number, what: string) => waitLogged(probe, timeoutMs, what, logs);

async function readyz(c: RunningController): Promise<number> {
  return (await fetch(`http://127.0.0.1:${c.healthPort}/readyz`).catch(() => ({ status: 0 }))).status;
}

describe("timeouts and health", () => {
  it(`--http-client-timeout cuts off an AWS call: ${LATENCY_MS} ms of latency against a ${HTTP_TIMEOUT_MS} ms timeout is a TimeoutError, retried until AWS answers in time`, async () => {
    const name = "slow";
    const t = target(name, ns);
    await aws.control.inject({ kind: "latency", operation: "DescribeScalableTargets", resource: t.resourceID, latencyMs: LATENCY_MS });
    await kube.create(REF, ns, t.body);
    const o = await waitFor(async () => {
      const cur = await get(name);
      return condition(cur, "ACK.Recoverable")?.status === "True" ? cur : undefined;
    }, 30_000, "Recoverable condition from the timeout");
    expect(condition(o, "ACK.Recoverable")?.reason).toBe("TimeoutError");
    expect(condition(o, "ACK.Recoverable")?.message).toContain(`exceeded the configured ${HTTP_TIMEOUT_MS} ms requestTimeout`);
    const metrics = await (await fetch(`http://127.0.0.1:${controller.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/ack_outbound_api_requests_error_total\{[^}]*code="TimeoutError"[^}]*op_id="DescribeScalableTargets"[^}]*\} [1-9]/);
    await aws.control.clearFaults();
    await waitFor(async () => condition(await get(name), "ACK.ResourceSynced")?.status === "True", 60_000, "synced once AWS answers in time");
  });

  it("/readyz fails while kube-apiserver is down (the watches are down) and recovers when they relist", async () => {
    expect(await readyz(controller)).toBe(200);
    const seen: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        seen.push(await readyz(controller));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await restartApiserver();
    // Ready again, and it holds: a watch the restarted apiserver drops once more may take readiness
    // down for a moment, which is what readiness is for; the end state is what counts.
    let streak = 0;
    await waitFor(async () => {
      streak = (await readyz(controller)) === 200 ? streak + 1 : 0;
      return streak >= 5 ? true : undefined;
    }, 60_000, "ready again after the watches reconnect, five polls in a row");
    polling = false;
    await poller;
    expect(seen).toContain(503);
    // And the controller works again: a new resource syncs.
    const t = target("after-outage", ns);
    await kube.create(REF, ns, t.body);
    await waitFor(async () => condition(await get("after-outage"), "ACK.ResourceSynced")?.status === "True", 30_000, "synced after the outage");
  });

  it("graceful stop: no new AWS call from the moment it begins, in-flight calls cut off at the grace bound, nothing recorded after it", async () => {
    const graceMs = 1_500;
    const stopping = await startController(nsStop, { shutdownGraceMs: graceMs });
    await waitFor(() => stopping.isReady(), 60_000, "second controller ready");
    const targets = ["stop-a", "stop-b", "stop-c"].map((n) => ({ name: n, ...target(n, nsStop) }));
    // Every call for these resources takes 2.5 s at the proxy, so reconciles are mid-call when the stop comes.
    for (const t of targets) await aws.control.inject({ kind: "latency", operation: "*", resource: t.resourceID, latencyMs: 2_500 });
    for (const t of targets) await kube.create(REF, nsStop, t.body);
    // Every create has reached the proxy (held there by the latency): the stop comes mid-call. Waiting
    // for the finalizers alone left the requests possibly still on their way, and a loaded machine
    // could deliver one after the stop began.
    const ids = new Set(targets.map((t) => t.resourceID));
    await waitFor(async () => {
      const arrived = (await aws.control.inFlight({ operation: "RegisterScalableTarget" })).filter((c) => c.resource !== undefined && ids.has(c.resource));
      return new Set(arrived.map((c) => c.resource)).size === ids.size;
    }, 30_000, "every resource's create in flight at the proxy");
    const t0 = Date.now();
    await stopping.stop();
    expect(await readyz(stopping)).toBe(0); // servers closed
    // The in-flight calls are recorded when the proxy answers them (latency 2.5 s): wait for that.
    await waitFor(async () => (await aws.control.inFlight()).every((c) => c.resource === undefined || !ids.has(c.resource)), 30_000, "the held calls answered");
    const calls = (await aws.control.calls()).filter((c) => c.resource !== undefined && ids.has(c.resource));
    // New calls were refused at once: nothing for these resources arrived after the stop began.
    expect(calls.filter((c) => c.time >= t0)).toEqual([]);
    expect(calls.filter((c) => c.operation === "RegisterScalableTarget")).toHaveLength(ids.size);
    expect(logs.some((l) => l.includes("cutting off AWS calls still in flight"))).toBe(true);
  });
});
