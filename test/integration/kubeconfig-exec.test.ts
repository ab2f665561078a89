// kubeconfig exec users (what `aws eks update-kubeconfig` writes) on the real kube-apiserver: a test
// plugin (test/support/exec-credential-plugin.cjs) prints an ExecCredential holding a ServiceAccount
// token minted by the test cluster. The runtime's KubeClient and a whole controller authenticate
// through it; the plugin's run count shows the token cached, renewed on expiry and after a 401.
import { mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { KubeClient, type ResourceRef } from "../../runtime/k8s/client";
import { KubeHttp } from "../../runtime/k8s/http";
import { loadConnection } from "../../runtime/k8s/kubeconfig";
import type { KubeObject } from "../../runtime/k8s/types";
import type { Condition } from "../../runtime/reconcile/conditions";
import { startTestAws, uniqueName, type TestAws } from "../env/aws/testing";
import { kubectl, mintTestServiceAccount, testContext } from "../env/context";
import { awsFlags, installCrds, startControllerProcess, type ControllerProcess } from "./controller-process";
import { waitFor } from "../support/wait";

const PLUGIN = resolve(__dirname, "..", "support", "exec-credential-plugin.cjs");
const CONFIGMAPS: ResourceRef = { group: "", version: "v1", plural: "configmaps" };
const TARGETS: ResourceRef = { group: "applicationautoscaling.services.k8s.aws", version: "v1alpha1", plural: "scalabletargets" };

let ns: string;
let tokenFile: string;
let binding: string;
const clients: KubeHttp[] = [];
const running: ControllerProcess[] = [];
let aws: TestAws | undefined;

beforeAll(async () => {
  ns = uniqueName("exec");
  const sa = await mintTestServiceAccount(ns, "exec-user");
  tokenFile = join(mkdtempSync(join(tmpdir(), "ack-ts-exec-")), "sa.token");
  writeFileSync(tokenFile, sa.token, { mode: 0o600 });
  // The controller needs CRDs, leases, events… cluster-wide: the Helm chart's RBAC is tested elsewhere.
  binding = ns;
  const r = kubectl(["create", "clusterrolebinding", binding, "--clusterrole=cluster-admin", `--serviceaccount=${ns}:exec-user`]);
  if (r.status !== 0) throw new Error(r.stderr);
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await aws?.stop();
  for (const c of clients) c.close();
  kubectl(["delete", "clusterrolebinding", binding, "--ignore-not-found"]);
});

interface ExecKubeconfig {
  file: string;
  user: string;
  runs(): number;
  /** When the plugin last ran (the runs file's mtime; it computes expirationTimestamp just after). */
  lastRunAt(): number;
}

/** A kubeconfig for the test cluster whose user is an exec plugin, as `aws eks update-kubeconfig` writes it. */
function execKubeconfig(o: { apiVersion?: string; args?: string[]; staleFirst?: boolean; command?: string } = {}): ExecKubeconfig {
  const admin = loadConnection({ KUBECONFIG: testContext().kubeconfig });
  const dir = mkdtempSync(join(tmpdir(), "ack-ts-exec-kubeconfig-"));
  if (o.staleFirst) writeFileSync(join(dir, "stale-first"), "");
  const user = uniqueName("eks-user");
  const file = join(dir, "config");
  const exec = {
    apiVersion: o.apiVersion ?? "client.authentication.k8s.io/v1beta1",
    command: o.command ?? process.execPath,
    args: [PLUGIN, "--token-file", tokenFile, ...(o.args ?? [])],
    env: [{ name: "PLUGIN_STATE_DIR", value: dir }],
    interactiveMode: "IfAvailable",
    provideClusterInfo: false,
  };
  writeFileSync(
    file,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "test", cluster: { server: admin.server, "certificate-authority-data": admin.ca!.toString("base64") } }],
      users: [{ name: user, user: { exec } }],
      contexts: [{ name: "test", context: { cluster: "test", user, namespace: ns } }],
      "current-context": "test",
    }),
  );
  const runs = () => (existsSync(join(dir, "runs")) ? readFileSync(join(dir, "runs"), "utf8").split("\n").filter(Boolean).length : 0);
  const lastRunAt = () => statSync(join(dir, "runs")).mtimeMs;
  return { file, user, runs, lastRunAt };
}

function clientFor(kc: ExecKubeconfig): KubeClient {
  const http = new KubeHttp(loadConnection({ KUBECONFIG: kc.file }));
  clients.push(http);
  return new KubeClient(http);
}

describe("kubeconfig exec users", () => {
  it("list and watch authenticate through the plugin; a 401 re-runs it once, and the token is then cached", async () => {
    const kc = execKubeconfig({ staleFirst: true });
    const kube = clientFor(kc);
    const listed = await kube.list(CONFIGMAPS, ns);
    expect(kc.runs()).toBe(2); // the first token was refused (401), the second accepted

    const ac = new AbortController();
    const events = kube.watch(CONFIGMAPS, ns, { resourceVersion: listed.resourceVersion, timeoutSeconds: 30, signal: ac.signal });
    const first = events.next();
    expect(kubectl(["create", "configmap", "via-exec", "-n", ns, "--from-literal=a=b"]).status).toBe(0);
    const ev = await first;
    expect(ev.value).toMatchObject({ type: "ADDED", object: { metadata: { name: "via-exec" } } });
    ac.abort();
    await events.return(undefined);

    expect((await kube.list(CONFIGMAPS, ns)).items.map((c) => c.metadata.name)).toContain("via-exec");
    expect(kc.runs()).toBe(2);
  });

  it("client.authentication.k8s.io/v1: a token past its expirationTimestamp is replaced by a new run", async () => {
    // 13 s ahead, and the loader renews 10 s early: stale 3 s after the run (room for two lists on a
    // loaded machine; 1 s was not), and the wait for staleness counts from the run, not from now.
    const kc = execKubeconfig({ apiVersion: "client.authentication.k8s.io/v1", args: ["--expires-in", "13"] });
    const kube = clientFor(kc);
    await kube.list(CONFIGMAPS, ns);
    await kube.list(CONFIGMAPS, ns);
    expect(kc.runs()).toBe(1);
    await new Promise((r) => setTimeout(r, Math.max(0, kc.lastRunAt() + 3_300 - Date.now())));
    await kube.list(CONFIGMAPS, ns);
    expect(kc.runs()).toBe(2);
  });

  it.each([
    [["--fail"], "failed (Unable to locate credentials. You can configure credentials by running \"aws configure\".)"],
    [["--garbage"], "printed malformed JSON"],
  ])("a plugin run with %j fails the request with one line naming the kubeconfig user", async (args, why) => {
    const kc = execKubeconfig({ args });
    const err = (await clientFor(kc).list(CONFIGMAPS, ns).catch((e: Error) => e)) as Error;
    expect(err.message.startsWith(`kubeconfig user ${kc.user} (${kc.file}): exec plugin ${process.execPath} `)).toBe(true);
    expect(err.message).toContain(why);
    expect(err.message).not.toContain("\n");
  });

  it("a missing plugin command says so, naming the user", async () => {
    const kc = execKubeconfig({ command: "/nonexistent/aws" });
    await expect(clientFor(kc).list(CONFIGMAPS, ns)).rejects.toThrow(`kubeconfig user ${kc.user} (${kc.file}): exec plugin /nonexistent/aws was not found`);
  });

  it("a controller runs with an exec kubeconfig: it watches, reconciles and writes status through the plugin's token", async () => {
    installCrds();
    aws = await startTestAws();
    const kc = execKubeconfig();
    const p = await startControllerProcess("application-auto-scaling", awsFlags(aws, ns), { env: { KUBECONFIG: kc.file } });
    running.push(p);
    const tail = () => `\n${p.logs.slice(-10).map((l) => JSON.stringify(l)).join("\n")}\n${p.stderr.join("\n")}`;
    await waitFor(() => p.ready(), 60_000, "controller ready", tail);
    const admin = new KubeClient(new KubeHttp(loadConnection({ KUBECONFIG: testContext().kubeconfig })));
    clients.push(admin.http);
    const resourceID = `endpoint/${uniqueName("ep")}/variant/v1`;
    await admin.create(TARGETS, ns, {
      apiVersion: `${TARGETS.group}/v1alpha1`,
      kind: "ScalableTarget",
      metadata: { name: "target", namespace: ns },
      spec: { serviceNamespace: "sagemaker", resourceID, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 2 },
    });
    await waitFor(async () => {
      const o = await admin.get<KubeObject>(TARGETS, ns, "target");
      return ((o?.status?.conditions ?? []) as Condition[]).some((c) => c.type === "ACK.ResourceSynced" && c.status === "True") || undefined;
    }, 30_000, "target synced", tail);
    // One run serves every request of the process (no expiry given, no 401).
    expect(kc.runs()).toBe(1);
  });
});
