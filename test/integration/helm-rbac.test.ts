// Least privilege, proven: the chart is installed (objects applied as helm would), a token is
// minted for its ServiceAccount, and that identity is allowed exactly what the roles grant.
import { randomBytes } from "node:crypto";
import { kubectl, mintTestServiceAccount } from "../env/context";
import { removeHelmHome, renderChart } from "../support/helm";

const SERVICE = "application-auto-scaling";
const GROUP = "applicationautoscaling.services.k8s.aws";
const suffix = randomBytes(3).toString("hex");

function ok(args: string[], o: { kubeconfig?: string; input?: string } = {}): string {
  const r = kubectl(args, o);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** Runs kubectl as `kubeconfig` and says whether the API server allowed it (not found still means allowed). */
function allowed(kubeconfig: string, args: string[], input?: string): boolean {
  const r = kubectl(args, { kubeconfig, input });
  if (r.status === 0) return true;
  if (/forbidden/i.test(r.stderr)) return false;
  if (/NotFound|not found/.test(r.stderr)) return true;
  throw new Error(`kubectl ${args.join(" ")}: neither allowed nor forbidden: ${r.stderr}`);
}

const canI = (kubeconfig: string, ...args: string[]) => kubectl(["auth", "can-i", ...args], { kubeconfig }).stdout.trim() === "yes";

async function install(release: string, namespace: string, values: Record<string, string | number | boolean>): Promise<string> {
  ok(["create", "namespace", namespace]);
  const { yaml, objects } = await renderChart(SERVICE, release, namespace, { "aws.region": "us-east-1", ...values }, ["--include-crds"]);
  ok(["apply", "--server-side", "--force-conflicts", "--field-manager", "helm", "-f", "-"], { input: yaml });
  const crds = objects.filter((o) => o.kind === "CustomResourceDefinition").map((o) => `crd/${o.metadata.name}`);
  ok(["wait", "--for=condition=Established", "--timeout=60s", ...crds]);
  const sa = objects.find((o) => o.kind === "ServiceAccount")!.metadata.name;
  return (await mintTestServiceAccount(namespace, sa)).kubeconfigPath;
}

const target = (ns: string, name: string) =>
  JSON.stringify({
    apiVersion: `${GROUP}/v1alpha1`,
    kind: "ScalableTarget",
    metadata: { name, namespace: ns },
    spec: { serviceNamespace: "sagemaker", resourceID: `endpoint/${name}/variant/AllTraffic`, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 2 },
  });

describe("installScope namespace", () => {
  const system = `it-rbac-sys-${suffix}`;
  const watched = `it-rbac-w-${suffix}`;
  const other = `it-rbac-other-${suffix}`;
  let sa: string;

  beforeAll(async () => {
    ok(["create", "namespace", watched]);
    ok(["create", "namespace", other]);
    sa = await install("ns-scope", system, { installScope: "namespace", watchNamespace: watched, "leaderElection.enabled": true });
    for (const ns of [watched, other]) ok(["-n", ns, "create", "secret", "generic", "creds", "--from-literal=k=v"]);
    ok(["-n", watched, "apply", "-f", "-"], { input: target(watched, "t1") });
    ok(["-n", other, "apply", "-f", "-"], { input: target(other, "t1") });
  });

  it("reconciles CRs in the watched namespace: read, watch, patch, status, finalizers", () => {
    expect(allowed(sa, ["-n", watched, "get", "scalabletargets"])).toBe(true);
    expect(allowed(sa, ["-n", watched, "patch", "scalabletarget", "t1", "--type=merge", "-p", '{"metadata":{"finalizers":["finalizers.applicationautoscaling.services.k8s.aws/ScalableTarget"]}}'])).toBe(true);
    expect(allowed(sa, ["-n", watched, "patch", "scalabletarget", "t1", "--subresource=status", "--type=merge", "-p", '{"status":{"conditions":[]}}'])).toBe(true);
    expect(canI(sa, "watch", `scalabletargets.${GROUP}`, "-n", watched)).toBe(true);
    expect(canI(sa, "update", `scalabletargets.${GROUP}/finalizers`, "-n", watched)).toBe(true);
    expect(canI(sa, "list", `scalingpolicies.${GROUP}`, "-n", watched)).toBe(true);
  });

  it("reads a Secret and records Events in the watched namespace", () => {
    expect(allowed(sa, ["-n", watched, "get", "secret", "creds"])).toBe(true);
    expect(canI(sa, "create", "events", "-n", watched)).toBe(true);
  });

  it("reads namespaces, the CARM ConfigMaps in its own namespace, watches IAMRoleSelectors, and holds its Lease there", () => {
    expect(allowed(sa, ["get", "namespace", watched])).toBe(true);
    // Read by name only: namespaces are never listed or watched.
    expect(canI(sa, "list", "namespaces")).toBe(false);
    expect(canI(sa, "watch", "namespaces")).toBe(false);
    expect(allowed(sa, ["-n", system, "get", "configmap", "ack-role-account-map"])).toBe(true);
    expect(canI(sa, "get", "configmaps/ack-role-team-map", "-n", system)).toBe(true);
    // Read by name only: the CARM maps are never listed.
    expect(canI(sa, "list", "configmaps", "-n", system)).toBe(false);
    expect(allowed(sa, ["get", "iamroleselectors.services.k8s.aws"])).toBe(true);
    expect(canI(sa, "watch", "iamroleselectors.services.k8s.aws")).toBe(true);
    expect(canI(sa, "create", "iamroleselectors.services.k8s.aws")).toBe(false);
    expect(canI(sa, "create", "leases.coordination.k8s.io", "-n", system)).toBe(true);
    expect(canI(sa, "update", "leases.coordination.k8s.io", "-n", system)).toBe(true);
  });

  it("reconciles FieldExports in the watched namespace and writes their ConfigMap and Secret keys, no more", () => {
    expect(canI(sa, "watch", "fieldexports.services.k8s.aws", "-n", watched)).toBe(true);
    expect(canI(sa, "patch", "fieldexports.services.k8s.aws", "-n", watched)).toBe(true);
    expect(canI(sa, "patch", "fieldexports.services.k8s.aws/status", "-n", watched)).toBe(true);
    for (const kind of ["configmaps", "secrets"]) {
      for (const verb of ["get", "create", "patch"]) expect(canI(sa, verb, kind, "-n", watched)).toBe(true);
      for (const verb of ["list", "delete", "update"]) expect(canI(sa, verb, kind, "-n", watched)).toBe(false);
    }
    for (const verb of ["create", "delete", "update"]) expect(canI(sa, verb, "fieldexports.services.k8s.aws", "-n", watched)).toBe(false);
    expect(canI(sa, "watch", "fieldexports.services.k8s.aws", "-n", other)).toBe(false);
  });

  it("is denied a Secret, a CR and a ConfigMap in another namespace", () => {
    expect(allowed(sa, ["-n", other, "get", "secret", "creds"])).toBe(false);
    expect(allowed(sa, ["-n", other, "get", "scalabletarget", "t1"])).toBe(false);
    expect(allowed(sa, ["-n", other, "get", "configmap", "kube-root-ca.crt"])).toBe(false);
    expect(canI(sa, "create", "configmaps", "-n", other)).toBe(false);
  });

  it("is denied what the controller never does: delete a Namespace, list Secrets, create or delete CRs, touch other kinds", () => {
    expect(allowed(sa, ["delete", "namespace", other, "--wait=false"])).toBe(false);
    expect(allowed(sa, ["-n", watched, "get", "secrets"])).toBe(false);
    expect(allowed(sa, ["-n", watched, "delete", "scalabletarget", "t1", "--wait=false"])).toBe(false);
    expect(allowed(sa, ["-n", watched, "create", "-f", "-"], target(watched, "t2"))).toBe(false);
    expect(allowed(sa, ["-n", watched, "get", "pods"])).toBe(false);
    expect(canI(sa, "delete", "leases.coordination.k8s.io", "-n", system)).toBe(false);
    expect(canI(sa, "create", "clusterroles.rbac.authorization.k8s.io")).toBe(false);
  });
});

describe("installScope cluster", () => {
  const system = `it-rbac-csys-${suffix}`;
  const anywhere = `it-rbac-any-${suffix}`;
  let sa: string;

  beforeAll(async () => {
    ok(["create", "namespace", anywhere]);
    sa = await install("cl-scope", system, {});
    ok(["-n", anywhere, "create", "secret", "generic", "creds", "--from-literal=k=v"]);
  });

  it("reconciles CRs and reads Secrets by name in any namespace", () => {
    expect(allowed(sa, ["get", "scalabletargets", "--all-namespaces"])).toBe(true);
    expect(allowed(sa, ["-n", anywhere, "get", "secret", "creds"])).toBe(true);
  });

  it("has no Lease rights without leader election, and still cannot delete a Namespace or list Secrets", () => {
    expect(canI(sa, "create", "leases.coordination.k8s.io", "-n", system)).toBe(false);
    expect(allowed(sa, ["delete", "namespace", anywhere, "--wait=false"])).toBe(false);
    expect(allowed(sa, ["get", "secrets", "--all-namespaces"])).toBe(false);
    expect(allowed(sa, ["-n", anywhere, "get", "configmaps"])).toBe(false);
  });
});

afterAll(() => removeHelmHome());
