// Credentials for real on the test env: IRSA through the SDK's default chain (a ServiceAccount token
// minted by the test cluster, AssumeRoleWithWebIdentity against moto's STS), EKS Pod Identity (the
// container credentials endpoint, served here on 127.0.0.1) and CARM (a namespace's
// owner account → ack-role-account-map → AssumeRole). The generated autoscaling controller, run by
// the launcher, is the client; the scenario proxy shows who signed each call.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubeClient, ResourceRef } from "../../runtime/k8s/client";
import type { KubeObject } from "../../runtime/k8s/types";
import type { Condition } from "../../runtime/reconcile/conditions";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { kubectl, mintTestServiceAccount, testContext } from "../env/context";
import { awsFlags, withControllerProcesses, type ControllerProcess } from "./controller-process";
import { waitFor } from "../support/wait";

const TARGETS: ResourceRef = { group: "applicationautoscaling.services.k8s.aws", version: "v1alpha1", plural: "scalabletargets" };
const STATIC_KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"];
// Unset after the test's own variables are applied: only what would shadow the container provider.
const NOT_POD_IDENTITY = ["AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN"];

/**
 * The EKS Pod Identity Agent's side of the contract: GET with `Authorization: <token file content>`,
 * answered with temporary keys. Any other Authorization gets a 401 and is counted.
 */
async function podIdentityAgent(token: string, accessKeyId: string): Promise<{ url: string; served: number; refused: string[]; close(): Promise<void> }> {
  const agent = { url: "", served: 0, refused: [] as string[], close: async () => {} };
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== token) {
      agent.refused.push(String(req.headers.authorization));
      res.writeHead(401).end();
      return;
    }
    agent.served++;
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ AccessKeyId: accessKeyId, SecretAccessKey: "pod-identity-secret", Token: "pod-identity-session", Expiration: new Date(Date.now() + 3600_000).toISOString() }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  agent.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/credentials`;
  agent.close = () => new Promise((r) => server.close(() => r()));
  return agent;
}

let aws: TestAws;
let kube: KubeClient;
const processes = withControllerProcesses();
beforeAll(() => ({ aws, kube } = processes));

async function start(namespaces: string[], env: NodeJS.ProcessEnv, unset: string[] = []): Promise<ControllerProcess> {
  const p = await processes.start("application-auto-scaling", awsFlags(aws, ...namespaces), { env: { KUBECONFIG: testContext().kubeconfig, ...env }, unset });
  await waitFor(() => p.ready(), 60_000, "controller ready", tail(p));
  return p;
}

const tail = (p: ControllerProcess) => () => `\n--- controller (tail) ---\n${p.logs.slice(-10).map((l) => JSON.stringify(l)).join("\n")}\n${p.stderr.join("\n")}`;

async function syncedTarget(p: ControllerProcess, namespace: string): Promise<{ obj: KubeObject; resourceID: string }> {
  const resourceID = `endpoint/${uniqueName("ep")}/variant/v1`;
  await kube.create(TARGETS, namespace, {
    apiVersion: `${TARGETS.group}/v1alpha1`,
    kind: "ScalableTarget",
    metadata: { name: "target", namespace },
    spec: { serviceNamespace: "sagemaker", resourceID, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 2 },
  });
  const obj = await waitFor(async () => {
    const o = await kube.get<KubeObject>(TARGETS, namespace, "target");
    return ((o?.status?.conditions ?? []) as Condition[]).some((c) => c.type === "ACK.ResourceSynced" && c.status === "True") ? o : undefined;
  }, 30_000, "target synced", tail(p));
  return { obj, resourceID };
}

describe("credentials", () => {
  it("IRSA: AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE → AssumeRoleWithWebIdentity, and AWS is called as the assumed role", async () => {
    const ns = uniqueName("irsa");
    kubectl(["create", "namespace", ns]);
    const sa = await mintTestServiceAccount(ns, "ack-applicationautoscaling-controller");
    const tokenFile = join(tmpdir(), `${ns}.token`);
    writeFileSync(tokenFile, sa.token, { mode: 0o600 });
    const role = `arn:aws:iam::123456789012:role/${ns}`;
    const mark = await aws.control.mark();

    const p = await start([ns], { AWS_ROLE_ARN: role, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_EC2_METADATA_DISABLED: "true" }, STATIC_KEYS);
    const identity = p.logs.find((l) => l.msg === "AWS identity resolved");
    expect(identity).toMatchObject({ account: "123456789012", arn: expect.stringMatching(new RegExp(`^arn:aws:sts::123456789012:assumed-role/${ns}/`)) });

    const assumed = await aws.control.calls({ since: mark, operation: "AssumeRoleWithWebIdentity" });
    expect(assumed.map((c) => [c.input.RoleArn, c.input.WebIdentityToken])).toContainEqual([role, sa.token]);

    const { obj, resourceID } = await syncedTarget(p, ns);
    expect(obj.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: "123456789012" });
    expect(await aws.control.calls({ since: mark, operation: "RegisterScalableTarget", resource: resourceID })).not.toEqual([]);
    // No static keys in its environment: every signed call it made used temporary (assumed-role) keys.
    // (AssumeRoleWithWebIdentity itself is unsigned: the token is the credential.)
    const signed = (await aws.control.calls({ since: mark })).filter((c) => c.accessKeyId);
    expect(signed.map((c) => c.operation)).toEqual(expect.arrayContaining(["GetCallerIdentity", "DescribeScalableTargets", "RegisterScalableTarget"]));
    expect(signed.filter((c) => !c.accessKeyId!.startsWith("ASIA"))).toEqual([]);
  });

  it("EKS Pod Identity: AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE → every AWS call signed with the served keys", async () => {
    const ns = uniqueName("podid");
    kubectl(["create", "namespace", ns]);
    const token = randomBytes(24).toString("base64url");
    const tokenFile = join(tmpdir(), `${ns}.eks-pod-identity-token`);
    writeFileSync(tokenFile, token, { mode: 0o600 });
    const accessKeyId = `ASIAPODID${randomBytes(6).toString("hex").toUpperCase()}`.slice(0, 20);
    const agent = await podIdentityAgent(token, accessKeyId);
    try {
      const mark = await aws.control.mark();
      const p = await start(
        [ns],
        { AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.url, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile, AWS_EC2_METADATA_DISABLED: "true" },
        [...STATIC_KEYS, ...NOT_POD_IDENTITY],
      );
      expect(p.logs.find((l) => l.msg === "AWS identity resolved")).toMatchObject({ account: "123456789012" });
      const { resourceID } = await syncedTarget(p, ns);
      expect(agent.served).toBeGreaterThan(0);
      expect(agent.refused).toEqual([]);

      const calls = await aws.control.calls({ since: mark });
      expect(calls.map((c) => c.operation)).toEqual(expect.arrayContaining(["GetCallerIdentity", "DescribeScalableTargets", "RegisterScalableTarget"]));
      expect(await aws.control.calls({ since: mark, operation: "RegisterScalableTarget", resource: resourceID })).not.toEqual([]);
      // Other controllers may share the proxy: only this test's resource's calls, and the startup check, are ours.
      const ours = calls.filter((c) => c.operation === "GetCallerIdentity" || JSON.stringify(c.input).includes(resourceID));
      expect(ours.length).toBeGreaterThan(1);
      expect(ours.filter((c) => c.accessKeyId !== accessKeyId).map((c) => `${c.operation} signed by ${c.accessKeyId}`)).toEqual([]);
    } finally {
      await agent.close();
    }
  });

  it("EKS Pod Identity with a token the agent refuses: the controller stops at startup with one line saying what to provide", async () => {
    const ns = uniqueName("podid-bad");
    const tokenFile = join(tmpdir(), `${ns}.eks-pod-identity-token`);
    writeFileSync(tokenFile, "not-the-token", { mode: 0o600 });
    const agent = await podIdentityAgent("the-token", "ASIAUNUSED0000000000");
    try {
      const p = await processes.start("application-auto-scaling", awsFlags(aws, ns), {
        env: { KUBECONFIG: testContext().kubeconfig, AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.url, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile, AWS_EC2_METADATA_DISABLED: "true" },
        unset: [...STATIC_KEYS, ...NOT_POD_IDENTITY],
      });
      const exit = await p.exited;
      expect(exit.code).not.toBe(0);
      expect(agent.refused).toContain("not-the-token");
      const out = [...p.stderr, ...p.logs.map((l) => JSON.stringify(l))].join("\n");
      expect(out).toMatch(/AWS credentials could not be resolved or were rejected/);
    } finally {
      await agent.close();
    }
  });

  it("static Secret (the chart's AWS_SHARED_CREDENTIALS_FILE + AWS_PROFILE): every AWS call is signed with that profile's key", async () => {
    const ns = uniqueName("shared-file");
    kubectl(["create", "namespace", ns]);
    const accessKeyId = `AKIAFILE${randomBytes(6).toString("hex").toUpperCase()}`.slice(0, 20);
    const file = join(tmpdir(), `${ns}.credentials`);
    writeFileSync(file, `[default]\naws_access_key_id = AKIAWRONGPROFILE0000\naws_secret_access_key = x\n\n[ack]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = file-secret\n`, { mode: 0o600 });
    const mark = await aws.control.mark();
    const p = await start([ns], { AWS_SHARED_CREDENTIALS_FILE: file, AWS_PROFILE: "ack", AWS_EC2_METADATA_DISABLED: "true" }, [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      ...NOT_POD_IDENTITY,
      "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ]);
    const { resourceID } = await syncedTarget(p, ns);
    const ours = (await aws.control.calls({ since: mark })).filter((c) => c.operation === "GetCallerIdentity" || JSON.stringify(c.input).includes(resourceID));
    expect(ours.map((c) => c.operation)).toEqual(expect.arrayContaining(["GetCallerIdentity", "RegisterScalableTarget"]));
    expect(ours.filter((c) => c.accessKeyId !== accessKeyId).map((c) => `${c.operation} signed by ${c.accessKeyId}`)).toEqual([]);
  });

  it("CARM: a namespace's owner account is looked up in ack-role-account-map and its role assumed; ownerAccountID is that account", async () => {
    const system = uniqueName("ack-system");
    const team = uniqueName("carm");
    const other = uniqueName("carm-other");
    for (const n of [system, team, other]) kubectl(["create", "namespace", n]);
    kubectl(["annotate", "namespace", team, "services.k8s.aws/owner-account-id=111122223333"]);
    const role = "arn:aws:iam::111122223333:role/ack-carm";
    const cm = kubectl(["create", "configmap", "ack-role-account-map", "-n", system, `--from-literal=111122223333=${role}`]);
    expect(cm.status).toBe(0);
    const mark = await aws.control.mark();

    // Two namespaces: ACK turns CARM off when exactly one is watched.
    const p = await start([team, other], { ACK_SYSTEM_NAMESPACE: system });
    const { obj, resourceID } = await syncedTarget(p, team);
    expect(obj.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: "111122223333", region: aws.region, arn: expect.stringContaining(":111122223333:") });

    const assumed = await aws.control.calls({ since: mark, operation: "AssumeRole" });
    expect(assumed.map((c) => c.input.RoleArn)).toContain(role);
    const writes = await aws.control.calls({ since: mark, operation: "RegisterScalableTarget", resource: resourceID });
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) expect(w.accessKeyId).not.toBe("testing");

    // A namespace without the annotation stays in the controller's own account.
    const plain = await syncedTarget(p, other);
    expect(plain.obj.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: "123456789012" });
  });
});
