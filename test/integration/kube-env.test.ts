import { randomBytes } from "node:crypto";
import { kubectl, mintTestServiceAccount, mintTestUser, restartApiserver, testContext } from "../env/context";
import { adminConnection } from "../env/kube/cluster";
import { kubeRequest } from "../env/kube/client";
import { recordedPids } from "../env/kube/process";

const suffix = randomBytes(3).toString("hex");
const nsA = `it-kube-a-${suffix}`;
const nsB = `it-kube-b-${suffix}`;

function ok(args: string[], o: { kubeconfig?: string; input?: string } = {}): string {
  const r = kubectl(args, o);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

function denied(args: string[], kubeconfig: string): string {
  const r = kubectl(args, { kubeconfig });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/forbidden/i);
  return r.stderr;
}

/** A Role in `ns` allowing get/list on configmaps and secrets there, bound to `subject`. */
function grantReadInNamespace(ns: string, subject: { kind: "User" | "ServiceAccount"; name: string; namespace?: string }, name: string): void {
  const manifest = {
    apiVersion: "v1",
    kind: "List",
    items: [
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name, namespace: ns },
        rules: [{ apiGroups: [""], resources: ["configmaps", "secrets"], verbs: ["get", "list"] }],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name, namespace: ns },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
        subjects: [subject.kind === "User" ? { apiGroup: "rbac.authorization.k8s.io", ...subject } : subject],
      },
    ],
  };
  ok(["apply", "-f", "-"], { input: JSON.stringify(manifest) });
}

beforeAll(() => {
  for (const ns of [nsA, nsB]) {
    ok(["create", "namespace", ns]);
    ok(["-n", ns, "create", "secret", "generic", "s", "--from-literal=k=v"]);
    ok(["-n", ns, "create", "configmap", "c", "--from-literal=k=v"]);
  }
});

describe("kube-apiserver", () => {
  it("serves the pinned release with RBAC authorization", () => {
    const { state } = testContext();
    expect(state.kube.apiserver.args).toContain("--authorization-mode=RBAC");
    const version = JSON.parse(ok(["version", "-o", "json"])) as { serverVersion: { gitVersion: string } };
    expect(version.serverVersion.gitVersion).toMatch(/^v1\.(3[4-9]|[4-9]\d)\./);
    expect(ok(["api-versions"])).toContain("rbac.authorization.k8s.io/v1");
  });

  it("lets the admin create a namespace", () => {
    const ns = `it-kube-admin-${suffix}`;
    ok(["create", "namespace", ns]);
    expect(ok(["get", "namespace", ns, "-o", "jsonpath={.status.phase}"])).toBe("Active");
  });

  it("rejects anonymous requests for resources", async () => {
    const { caPem, server } = adminConnection(testContext().state.kube);
    const r = await kubeRequest({ server, caPem }, "GET", "/api/v1/namespaces");
    expect(r.status).toBe(403);
    expect(r.body).toContain("system:anonymous");
  });
});

describe("a minted client-certificate user", () => {
  it("is allowed only what its Role grants", async () => {
    const user = await mintTestUser(`alice-${suffix}`, ["ack-ts:testers"]);
    expect(ok(["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"], { kubeconfig: user.kubeconfigPath })).toBe(user.username);

    // Before any grant RBAC allows nothing.
    denied(["-n", nsA, "get", "secret", "s"], user.kubeconfigPath);

    grantReadInNamespace(nsA, { kind: "User", name: user.username }, "read-a");
    expect(ok(["-n", nsA, "get", "secret", "s", "-o", "name"], { kubeconfig: user.kubeconfigPath }).trim()).toBe("secret/s");
    expect(ok(["-n", nsA, "get", "configmaps", "-o", "name"], { kubeconfig: user.kubeconfigPath })).toContain("configmap/c");

    expect(denied(["-n", nsB, "get", "secret", "s"], user.kubeconfigPath)).toContain(`in the namespace "${nsB}"`);
    denied(["-n", nsA, "delete", "configmap", "c"], user.kubeconfigPath);
    denied(["delete", "namespace", nsB], user.kubeconfigPath);
    expect(kubectl(["auth", "can-i", "delete", "namespaces"], { kubeconfig: user.kubeconfigPath }).stdout.trim()).toBe("no");
    expect(kubectl(["-n", nsA, "auth", "can-i", "list", "secrets"], { kubeconfig: user.kubeconfigPath }).stdout.trim()).toBe("yes");
  });
});

describe("a ServiceAccount", () => {
  it("authenticates with a TokenRequest token and is limited by RBAC", async () => {
    const sa = await mintTestServiceAccount(nsA, "controller");
    expect(sa.username).toBe(`system:serviceaccount:${nsA}:controller`);
    expect(sa.token.split(".")).toHaveLength(3);
    expect(ok(["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"], { kubeconfig: sa.kubeconfigPath })).toBe(sa.username);

    denied(["get", "configmap", "c"], sa.kubeconfigPath);
    grantReadInNamespace(nsA, { kind: "ServiceAccount", name: "controller", namespace: nsA }, "controller-read");
    // The kubeconfig's context defaults to the ServiceAccount's namespace.
    expect(ok(["get", "configmap", "c", "-o", "name"], { kubeconfig: sa.kubeconfigPath }).trim()).toBe("configmap/c");
    denied(["-n", nsB, "get", "configmap", "c"], sa.kubeconfigPath);
    denied(["create", "namespace", `it-kube-sa-${suffix}`], sa.kubeconfigPath);

    const r = await kubeRequest(sa.connection, "GET", `/api/v1/namespaces/${nsA}/secrets/s`);
    expect(r.status).toBe(200);
  });

  it("rejects a tampered token", async () => {
    const sa = await mintTestServiceAccount(nsA, "other");
    const r = await kubeRequest({ ...sa.connection, token: sa.token.slice(0, -4) + "AAAA" }, "GET", "/api");
    expect(r.status).toBe(401);
  });
});

describe("restarting kube-apiserver", () => {
  it("keeps the data in etcd and serves again on the same address", async () => {
    const { state } = testContext();
    const ns = `it-kube-restart-${suffix}`;
    ok(["create", "namespace", ns]);
    ok(["-n", ns, "create", "configmap", "survivor", "--from-literal=answer=42"]);
    const before = recordedPids(state.kube.pidDir);

    await restartApiserver();

    const after = recordedPids(state.kube.pidDir);
    expect(after.get("kube-apiserver")).not.toBe(before.get("kube-apiserver"));
    expect(after.get("etcd")).toBe(before.get("etcd"));
    expect(ok(["-n", ns, "get", "configmap", "survivor", "-o", "jsonpath={.data.answer}"])).toBe("42");
  });
});
