// Credentials for real on the test env: IRSA through the SDK's default chain (a ServiceAccount token
// minted by the test cluster, AssumeRoleWithWebIdentity against moto's STS) and CARM (a namespace's
// owner account → ack-role-account-map → AssumeRole). The generated autoscaling controller, run by
// the launcher, is the client; the scenario proxy shows who signed each call.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeClient, type ResourceRef } from "../../runtime/k8s/client";
import { KubeHttp } from "../../runtime/k8s/http";
import { loadConnection } from "../../runtime/k8s/kubeconfig";
import type { KubeObject } from "../../runtime/k8s/types";
import type { Condition } from "../../runtime/reconcile/conditions";
import { startTestAws, uniqueName, type TestAws } from "../env/aws/testing";
import { kubectl, mintTestServiceAccount, testContext } from "../env/context";
import { awsFlags, installCrds, startControllerProcess, type ControllerProcess } from "./controller-process";
import { waitFor } from "../support/wait";

const TARGETS: ResourceRef = { group: "applicationautoscaling.services.k8s.aws", version: "v1alpha1", plural: "scalabletargets" };
const STATIC_KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"];

let aws: TestAws;
let kube: KubeClient;
const running: ControllerProcess[] = [];

beforeAll(async () => {
  installCrds();
  kube = new KubeClient(new KubeHttp(loadConnection({ KUBECONFIG: testContext().kubeconfig })));
  aws = await startTestAws();
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await aws?.stop();
  kube?.http.close();
});

async function start(namespaces: string[], env: NodeJS.ProcessEnv, unset: string[] = []): Promise<ControllerProcess> {
  const p = await startControllerProcess("application-auto-scaling", awsFlags(aws, ...namespaces), { env: { KUBECONFIG: testContext().kubeconfig, ...env }, unset });
  running.push(p);
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
