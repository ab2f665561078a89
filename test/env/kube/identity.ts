import * as fs from "node:fs";
import * as path from "node:path";
import { adminConnection } from "./cluster";
import { type Connection, kubeCall } from "./client";
import { renderKubeconfig } from "./kubeconfig";
import { issueCert } from "./pki";
import type { KubeState } from "./state";

/** A limited identity: RBAC grants it nothing until a test binds a Role to `username`. */
export interface Identity {
  /** The name RBAC subjects use: the user name, or system:serviceaccount:<ns>:<name>. */
  username: string;
  kubeconfigPath: string;
  kubeconfig: string;
  connection: Connection;
}

function identitiesDir(s: KubeState): string {
  const dir = path.join(s.root, "identities");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function writeKubeconfig(s: KubeState, file: string, content: string): string {
  const p = path.join(identitiesDir(s), file);
  fs.writeFileSync(p, content, { mode: 0o600 });
  return p;
}

/** A user authenticated by a client certificate (CN = name, O = groups) signed by the cluster CA. */
export async function mintUser(s: KubeState, name: string, groups: string[] = []): Promise<Identity> {
  const dir = identitiesDir(s);
  const caPem = fs.readFileSync(s.pki.caCert, "utf8");
  const files = await issueCert({ cert: s.pki.caCert, key: s.pki.caKey }, dir, `user-${name}`, { usage: "client", commonName: name, groups, days: 7 });
  const cert = fs.readFileSync(files.cert, "utf8");
  const key = fs.readFileSync(files.key, "utf8");
  const kubeconfig = renderKubeconfig({ server: s.server, caPem, user: { clientCertificate: cert, clientKey: key }, name });
  return {
    username: name,
    kubeconfig,
    kubeconfigPath: writeKubeconfig(s, `user-${name}.kubeconfig`, kubeconfig),
    connection: { server: s.server, caPem, cert, key },
  };
}

/**
 * A ServiceAccount (created, with its namespace, if absent) and a bound token from the
 * TokenRequest API: how a controller authenticates when it runs in a cluster.
 */
export async function mintServiceAccount(
  s: KubeState,
  namespace: string,
  name: string,
  o: { expirationSeconds?: number } = {},
): Promise<Identity & { token: string }> {
  const admin = adminConnection(s);
  await kubeCall(admin, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }, [409]);
  await kubeCall(
    admin,
    "POST",
    `/api/v1/namespaces/${namespace}/serviceaccounts`,
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name } },
    [409],
  );
  const tr = await kubeCall<{ status: { token: string } }>(admin, "POST", `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    spec: { expirationSeconds: o.expirationSeconds ?? 3600 },
  });
  const token = tr.status.token;
  const kubeconfig = renderKubeconfig({ server: s.server, caPem: admin.caPem, user: { token }, name: `${namespace}-${name}`, namespace });
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    token,
    kubeconfig,
    kubeconfigPath: writeKubeconfig(s, `sa-${namespace}-${name}.kubeconfig`, kubeconfig),
    connection: { server: s.server, caPem: admin.caPem, token },
  };
}
