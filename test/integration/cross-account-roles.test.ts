// Two namespaces reach two AWS accounts through AssumeRole: one through team-level CARM (the
// namespace's services.k8s.aws/team-id → ack-role-team-map), one through an IAMRoleSelector. Real
// kube-apiserver, the generated Application Auto Scaling and SageMaker controllers run by the
// launcher, moto behind the scenario proxy. The proxy records which role (and so which account)
// signed each call; moto files what an assumed role creates under the role's account, which the
// test reads back as each account. Also: one AssumeRole per role per process, however many kinds
// and regions use it; a role STS refuses, and a resource two selectors claim, are conditions and
// Warning events naming the role and namespace.
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from "@aws-sdk/client-application-auto-scaling";
import { DescribeExperimentCommand, DescribeModelPackageGroupCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { KubeClient, ResourceRef } from "../../runtime/k8s/client";
import type { KubeObject } from "../../runtime/k8s/types";
import type { Condition } from "../../runtime/reconcile/conditions";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { kubectl, testContext } from "../env/context";
import { kubectlOk as ok } from "../e2e/kubectl-ok";
import { awsFlags, withControllerProcesses, type ControllerProcess } from "./controller-process";
import { runController } from "../../runtime/controller";
import { createLogger } from "../../runtime/ops/logger";
import { autoscalingFixture } from "../../runtime/testing/fixtures";
import { startKubeProxy } from "./runtime-kube-proxy";
import { waitFor } from "../support/wait";

const TARGETS: ResourceRef = { group: "applicationautoscaling.services.k8s.aws", version: "v1alpha1", plural: "scalabletargets" };
const EXPERIMENTS: ResourceRef = { group: "sagemaker.services.k8s.aws", version: "v1alpha1", plural: "experiments" };
const GROUPS: ResourceRef = { group: "sagemaker.services.k8s.aws", version: "v1alpha1", plural: "modelpackagegroups" };
const TEAM_ACCOUNT = "111111111111";
const SELECTOR_ACCOUNT = "222222222222";
const GATES = ["--feature-gates", "TeamLevelCARM=true,IAMRoleSelector=true"];

let aws: TestAws;
let kube: KubeClient;
const selectors: string[] = [];

// installCrds waits for every CRD it applies, the IAMRoleSelector CRD among them.
const processes = withControllerProcesses({
  after: () => {
    if (selectors.length) kubectl(["delete", "iamroleselectors", ...selectors, "--wait=false"]);
  },
});
beforeAll(() => ({ aws, kube } = processes));

const tail = (p: ControllerProcess) => () => `\n--- controller (tail) ---\n${p.logs.slice(-15).map((l) => JSON.stringify(l)).join("\n")}\n${p.stderr.join("\n")}`;

/** A system namespace with ack-role-team-map, a team namespace, and a namespace an IAMRoleSelector covers. */
function layout(prefix: string, selectorGroup: string) {
  const u = uniqueName(prefix);
  const n = { system: `${u}-sys`, team: `${u}-team`, selected: `${u}-sel`, denied: `${u}-denied`, claimed: `${u}-claimed` };
  const roles = {
    team: `arn:aws:iam::${TEAM_ACCOUNT}:role/${u}-team-a`,
    denied: `arn:aws:iam::${TEAM_ACCOUNT}:role/${u}-team-b`,
    selected: `arn:aws:iam::${SELECTOR_ACCOUNT}:role/${u}-selected`,
  };
  for (const ns of Object.values(n)) ok(["create", "namespace", ns]);
  ok(["annotate", "namespace", n.team, "services.k8s.aws/team-id=team-a"]);
  ok(["annotate", "namespace", n.denied, "services.k8s.aws/team-id=team-b"]);
  ok(["label", "namespace", n.selected, `ack-ts.test/tenant=${u}`]);
  ok(["create", "configmap", "ack-role-team-map", "-n", n.system, `--from-literal=team-a=${roles.team}`, `--from-literal=team-b=${roles.denied}`]);
  const selector = (name: string, spec: object) => {
    selectors.push(name);
    ok(["apply", "-f", "-"], JSON.stringify({ apiVersion: "services.k8s.aws/v1alpha1", kind: "IAMRoleSelector", metadata: { name }, spec }));
  };
  // Matched by namespace label and resource group, as ACK users write them.
  selector(`${u}-tenant`, {
    arn: roles.selected,
    namespaceSelector: { names: [n.selected, n.claimed], labelSelector: { matchLabels: { "ack-ts.test/tenant": u } } },
    resourceTypeSelector: [{ group: selectorGroup, version: "", kind: "" }],
  });
  // Two selectors claim the namespace `claimed`: ACK refuses to guess.
  selector(`${u}-claim-1`, { arn: roles.selected, namespaceSelector: { names: [n.claimed] } });
  selector(`${u}-claim-2`, { arn: `arn:aws:iam::${SELECTOR_ACCOUNT}:role/${u}-other`, namespaceSelector: { names: [n.claimed] } });
  return { u, n, roles, selectorName: `${u}-tenant` };
}

async function startController(service: string, namespaces: string[], system: string, extra: string[] = []): Promise<ControllerProcess> {
  const p = await processes.start(service, [...awsFlags(aws, ...namespaces), ...GATES, ...extra], { env: { KUBECONFIG: testContext().kubeconfig, ACK_SYSTEM_NAMESPACE: system } });
  await waitFor(() => p.ready(), 90_000, "controller ready", tail(p));
  return p;
}

const conditionsOf = (o: KubeObject | undefined) => (o?.status?.conditions ?? []) as Condition[];

async function synced(p: ControllerProcess, ref: ResourceRef, ns: string, name: string): Promise<KubeObject> {
  return waitFor(async () => {
    const o = await kube.get<KubeObject>(ref, ns, name);
    return conditionsOf(o).some((c) => c.type === "ACK.ResourceSynced" && c.status === "True") ? o : undefined;
  }, 60_000, `${ref.plural} ${ns}/${name} synced`, tail(p));
}

async function notSynced(p: ControllerProcess, ref: ResourceRef, ns: string, name: string, text: string): Promise<Condition> {
  return waitFor(async () => {
    const c = conditionsOf(await kube.get<KubeObject>(ref, ns, name)).find((x) => x.type === "ACK.ResourceSynced");
    return c?.status === "False" && c.message?.includes(text) ? c : undefined;
  }, 60_000, `${ref.plural} ${ns}/${name}: ResourceSynced False with "${text}"`, tail(p));
}

function warningEvents(ns: string, reason: string): string[] {
  const r = kubectl(["get", "events", "-n", ns, "-o", "json"]);
  const items = (JSON.parse(r.stdout) as { items: { type: string; reason: string; message: string }[] }).items;
  return items.filter((e) => e.type === "Warning" && e.reason === reason).map((e) => e.message);
}

/** The test's own view of an account: keys from AssumeRole on the role, as the controller got them. */
async function credentialsOf(roleArn: string) {
  const sts = new STSClient(aws.clientConfig());
  try {
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "ack-ts-test-reader" }))).Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
  } finally {
    sts.destroy();
  }
}

function scalableTarget(name: string, resourceID: string): object {
  return {
    apiVersion: `${TARGETS.group}/v1alpha1`,
    kind: "ScalableTarget",
    metadata: { name },
    spec: { serviceNamespace: "sagemaker", resourceID, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 2 },
  };
}

describe("cross-account roles through the Application Auto Scaling controller", () => {
  it("team CARM and an IAMRoleSelector send two namespaces to two accounts; the proxy and moto agree who made what", async () => {
    const { n, roles, selectorName } = layout("xa-aas", TARGETS.group);
    const mark = await aws.control.mark();
    const p = await startController("application-auto-scaling", [n.team, n.selected, n.denied, n.claimed], n.system);

    const ids = { team: `endpoint/${uniqueName("team")}/variant/v1`, selected: `endpoint/${uniqueName("sel")}/variant/v1` };
    await kube.create(TARGETS, n.team, scalableTarget("target", ids.team));
    await kube.create(TARGETS, n.selected, scalableTarget("target", ids.selected));
    const team = await synced(p, TARGETS, n.team, "target");
    const selected = await synced(p, TARGETS, n.selected, "target");

    expect(team.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: TEAM_ACCOUNT, arn: expect.stringContaining(`:${TEAM_ACCOUNT}:`) });
    expect(selected.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: SELECTOR_ACCOUNT, arn: expect.stringContaining(`:${SELECTOR_ACCOUNT}:`) });
    expect(conditionsOf(team).some((c) => c.type === "ACK.IAMRoleSelected")).toBe(false);
    expect(conditionsOf(selected).find((c) => c.type === "ACK.IAMRoleSelected")).toMatchObject({
      status: "True",
      reason: "Selected",
      message: expect.stringMatching(new RegExp(`^roleARN: ${roles.selected}, selectorName: ${selectorName}, selectorResourceVersion: \\d+$`)),
    });

    // The proxy: each resource's calls were made by its namespace's role, in that role's account.
    const writes = async (id: string) => (await aws.control.calls({ since: mark, resource: id })).filter((c) => c.service === "application-autoscaling");
    const teamCalls = await writes(ids.team);
    const selCalls = await writes(ids.selected);
    expect(teamCalls.map((c) => c.operation)).toContain("RegisterScalableTarget");
    expect(selCalls.map((c) => c.operation)).toContain("RegisterScalableTarget");
    expect(new Set(teamCalls.map((c) => `${c.assumedRole} ${c.account}`))).toEqual(new Set([`${roles.team} ${TEAM_ACCOUNT}`]));
    expect(new Set(selCalls.map((c) => `${c.assumedRole} ${c.account}`))).toEqual(new Set([`${roles.selected} ${SELECTOR_ACCOUNT}`]));

    // Each role assumed once by this controller, whatever the reconciles.
    const assumed = (await aws.control.calls({ since: mark, operation: "AssumeRole" })).map((c) => c.input.RoleArn);
    expect(assumed.filter((r) => r === roles.team)).toHaveLength(1);
    expect(assumed.filter((r) => r === roles.selected)).toHaveLength(1);

    // moto: each target exists in its own account only.
    const describe = async (roleArn: string, id: string) => {
      const c = new ApplicationAutoScalingClient({ ...aws.clientConfig(), credentials: await credentialsOf(roleArn) });
      try {
        return (await c.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "sagemaker", ResourceIds: [id] }))).ScalableTargets ?? [];
      } finally {
        c.destroy();
      }
    };
    expect(await describe(roles.team, ids.team)).toHaveLength(1);
    expect(await describe(roles.selected, ids.team)).toHaveLength(0);
    expect(await describe(roles.selected, ids.selected)).toHaveLength(1);
    expect(await describe(roles.team, ids.selected)).toHaveLength(0);
  }, 180_000);

  it("a role STS refuses, and a namespace two selectors claim, leave the resource unsynced with a message and Warning event naming role and namespace", async () => {
    const { u, n, roles } = layout("xa-deny", TARGETS.group);
    const fault = await aws.control.inject({ kind: "access-denied", service: "sts", operation: "AssumeRole", resource: roles.denied });
    try {
      const p = await startController("application-auto-scaling", [n.team, n.denied, n.claimed], n.system);
      await kube.create(TARGETS, n.denied, scalableTarget("target", `endpoint/${uniqueName("denied")}/variant/v1`));
      await kube.create(TARGETS, n.claimed, scalableTarget("target", `endpoint/${uniqueName("claimed")}/variant/v1`));

      const denied = await notSynced(p, TARGETS, n.denied, "target", "cannot assume role");
      expect(denied.reason).toBe("IAMRoleNotAvailable");
      expect(denied.message).toContain(`cannot assume role ${roles.denied} for namespace ${n.denied} (team "team-b" in ack-role-team-map): AccessDenied`);
      const claimed = await notSynced(p, TARGETS, n.claimed, "target", "matching IAMRoleSelectors");
      // The tenant selector names `claimed` too, but its label selector (ANDed) does not match that namespace.
      expect(claimed.message).toContain(`multiple (2) matching IAMRoleSelectors found: ${u}-claim-1, ${u}-claim-2;`);

      await waitFor(() => warningEvents(n.denied, "IAMRoleNotAvailable").length > 0 || undefined, 30_000, "Warning event in the denied namespace", tail(p));
      expect(warningEvents(n.denied, "IAMRoleNotAvailable")[0]).toContain(roles.denied);
      await waitFor(() => warningEvents(n.claimed, "IAMRoleNotAvailable").length > 0 || undefined, 30_000, "Warning event in the claimed namespace", tail(p));
      expect(warningEvents(n.claimed, "IAMRoleNotAvailable")[0]).toContain("multiple (2) matching IAMRoleSelectors");

      // The watch sees a selector go: with one claimant left, its role applies and the resource syncs.
      ok(["delete", "iamroleselector", `${u}-claim-2`]);
      const resolved = await synced(p, TARGETS, n.claimed, "target");
      expect(conditionsOf(resolved).find((c) => c.type === "ACK.IAMRoleSelected")?.message).toContain(`selectorName: ${u}-claim-1,`);
      expect(resolved.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: SELECTOR_ACCOUNT });
    } finally {
      await aws.control.clearFaults(fault.id);
    }
  }, 180_000);
});

describe("cross-account roles through the SageMaker controller", () => {
  it("two kinds and two regions of one team role cause one AssumeRole; the selected namespace's group lands in the other account", async () => {
    const { n, roles } = layout("xa-sm", EXPERIMENTS.group);
    const names = { experiment: uniqueName("xa-exp"), teamGroup: uniqueName("xa-grp"), selGroup: uniqueName("xa-sel") };
    const mark = await aws.control.mark();
    const p = await startController("sagemaker", [n.team, n.selected], n.system, ["--reconcile-resources", "Experiment,ModelPackageGroup"]);

    // Same team role: an Experiment in us-west-2 (annotation) and a ModelPackageGroup in the default region.
    await kube.create(EXPERIMENTS, n.team, {
      apiVersion: `${EXPERIMENTS.group}/v1alpha1`,
      kind: "Experiment",
      metadata: { name: "exp", annotations: { "services.k8s.aws/region": "us-west-2" } },
      spec: { experimentName: names.experiment },
    });
    await kube.create(GROUPS, n.team, { apiVersion: `${GROUPS.group}/v1alpha1`, kind: "ModelPackageGroup", metadata: { name: "grp" }, spec: { modelPackageGroupName: names.teamGroup } });
    await kube.create(GROUPS, n.selected, { apiVersion: `${GROUPS.group}/v1alpha1`, kind: "ModelPackageGroup", metadata: { name: "grp" }, spec: { modelPackageGroupName: names.selGroup } });

    const exp = await synced(p, EXPERIMENTS, n.team, "exp");
    const teamGroup = await synced(p, GROUPS, n.team, "grp");
    const selGroup = await synced(p, GROUPS, n.selected, "grp");
    expect(exp.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: TEAM_ACCOUNT, region: "us-west-2", arn: expect.stringContaining(`:us-west-2:${TEAM_ACCOUNT}:`) });
    expect(teamGroup.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: TEAM_ACCOUNT, arn: expect.stringContaining(`:${TEAM_ACCOUNT}:`) });
    expect(selGroup.status?.ackResourceMetadata).toMatchObject({ ownerAccountID: SELECTOR_ACCOUNT, arn: expect.stringContaining(`:${SELECTOR_ACCOUNT}:`) });

    const creates = await aws.control.calls({ since: mark, service: "sagemaker" });
    const by = (op: string, name: string) => creates.filter((c) => c.operation === op && c.resource === name).map((c) => c.account);
    expect(by("CreateExperiment", names.experiment)).toEqual([TEAM_ACCOUNT]);
    expect(by("CreateModelPackageGroup", names.teamGroup)).toEqual([TEAM_ACCOUNT]);
    expect(by("CreateModelPackageGroup", names.selGroup)).toEqual([SELECTOR_ACCOUNT]);

    const assumed = (await aws.control.calls({ since: mark, operation: "AssumeRole" })).map((c) => c.input.RoleArn);
    expect(assumed.filter((r) => r === roles.team)).toHaveLength(1);
    expect(assumed.filter((r) => r === roles.selected)).toHaveLength(1);

    // moto: the team's group is in the team account, not in the selector's, and the other way round.
    const sm = async (roleArn: string, region = aws.region) => new SageMakerClient({ ...aws.clientConfig(), region, credentials: await credentialsOf(roleArn) });
    const team = await sm(roles.team);
    const other = await sm(roles.selected);
    const teamWest = await sm(roles.team, "us-west-2");
    try {
      await expect(team.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: names.teamGroup }))).resolves.toMatchObject({ ModelPackageGroupName: names.teamGroup });
      await expect(other.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: names.teamGroup }))).rejects.toThrow();
      await expect(other.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: names.selGroup }))).resolves.toMatchObject({ ModelPackageGroupName: names.selGroup });
      await expect(teamWest.send(new DescribeExperimentCommand({ ExperimentName: names.experiment }))).resolves.toMatchObject({ ExperimentName: names.experiment });
    } finally {
      for (const c of [team, other, teamWest]) c.destroy();
    }
  }, 240_000);
});

describe("the IAMRoleSelector gate without its CRD", () => {
  it("stops the controller at startup with one line naming the CRD to apply", async () => {
    const proxy = await startKubeProxy(testContext().kubeconfig);
    proxy.hidePath("/apis/services.k8s.aws/v1alpha1/iamroleselectors");
    const logs: string[] = [];
    try {
      const c = await runController(
        autoscalingFixture,
        [...awsFlags(aws, "default", "kube-public"), "--metrics-addr", "127.0.0.1:0", "--healthz-addr", "127.0.0.1:0", ...GATES],
        { handleSignals: false, connection: { server: proxy.url, insecureSkipTlsVerify: false }, log: createLogger("info", { write: (l) => logs.push(l) }) },
      );
      await Promise.race([c.stopped, new Promise((_, reject) => setTimeout(() => reject(new Error(`controller did not stop:\n${logs.join("\n")}`)), 20_000))]);
      expect(c.isReady()).toBe(false);
      const failed = logs.map((l) => JSON.parse(l) as { msg: string; error?: string }).find((l) => l.msg === "controller failed to start");
      expect(failed?.error).toContain("the IAMRoleSelector feature gate is on, but the CRD iamroleselectors.services.k8s.aws is not installed: apply the chart's crds/services.k8s.aws_iamroleselectors.yaml");
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
