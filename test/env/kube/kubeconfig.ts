import { stringify } from "yaml";

export type KubeUser = { clientCertificate: string; clientKey: string } | { token: string };

export interface KubeconfigInput {
  server: string;
  caPem: string;
  user: KubeUser;
  /** Names the cluster, user and context. */
  name?: string;
  namespace?: string;
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** A self-contained kubeconfig (credentials inlined), readable by kubectl and @kubernetes/client-node. */
export function renderKubeconfig(i: KubeconfigInput): string {
  const name = i.name ?? "ack-ts";
  const user =
    "token" in i.user
      ? { token: i.user.token }
      : { "client-certificate-data": b64(i.user.clientCertificate), "client-key-data": b64(i.user.clientKey) };
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: i.server, "certificate-authority-data": b64(i.caPem) } }],
    users: [{ name, user }],
    contexts: [{ name, context: { cluster: name, user: name, ...(i.namespace ? { namespace: i.namespace } : {}) } }],
    "current-context": name,
  });
}
