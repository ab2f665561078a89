import { parse } from "yaml";
import { renderKubeconfig } from "./kubeconfig";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("renderKubeconfig", () => {
  it("inlines the CA and client certificate", () => {
    const k = parse(renderKubeconfig({ server: "https://127.0.0.1:1", caPem: "CA", user: { clientCertificate: "C", clientKey: "K" } }));
    expect(k).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "ack-ts", cluster: { server: "https://127.0.0.1:1", "certificate-authority-data": b64("CA") } }],
      users: [{ name: "ack-ts", user: { "client-certificate-data": b64("C"), "client-key-data": b64("K") } }],
      contexts: [{ name: "ack-ts", context: { cluster: "ack-ts", user: "ack-ts" } }],
      "current-context": "ack-ts",
    });
  });
  it("uses a bearer token, a name and a default namespace when given", () => {
    const k = parse(renderKubeconfig({ server: "https://h", caPem: "CA", user: { token: "t" }, name: "sa", namespace: "ns" }));
    expect(k.users).toEqual([{ name: "sa", user: { token: "t" } }]);
    expect(k.contexts).toEqual([{ name: "sa", context: { cluster: "sa", user: "sa", namespace: "ns" } }]);
    expect(k["current-context"]).toBe("sa");
  });
});
