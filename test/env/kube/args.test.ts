import { apiserverArgs, apiserverUrl, etcdArgs } from "./args";

const flag = (args: string[], name: string) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));

describe("etcdArgs", () => {
  const a = etcdArgs({ dataDir: "/d", clientPort: 1111, peerPort: 2222 });
  it("listens on loopback only", () => {
    expect(flag(a, "listen-client-urls")).toEqual(["http://127.0.0.1:1111"]);
    expect(flag(a, "listen-peer-urls")).toEqual(["http://127.0.0.1:2222"]);
    expect(flag(a, "initial-cluster")).toEqual(["default=http://127.0.0.1:2222"]);
  });
  it("uses the given data dir", () => expect(flag(a, "data-dir")).toEqual(["/d"]));
});

describe("apiserverArgs", () => {
  const pki = { caCert: "/p/ca.crt", servingCert: "/p/s.crt", servingKey: "/p/s.key", saPublicKey: "/p/sa.pub", saPrivateKey: "/p/sa.key" };
  const a = apiserverArgs({ port: 6443, etcdUrl: "http://127.0.0.1:1111", pki });
  it("authorizes with RBAC and authenticates client certs against the CA", () => {
    expect(flag(a, "authorization-mode")).toEqual(["RBAC"]);
    expect(flag(a, "client-ca-file")).toEqual(["/p/ca.crt"]);
  });
  it("issues service-account tokens", () => {
    expect(flag(a, "service-account-issuer")).toEqual([apiserverUrl(6443)]);
    expect(flag(a, "service-account-key-file")).toEqual(["/p/sa.pub"]);
    expect(flag(a, "service-account-signing-key-file")).toEqual(["/p/sa.key"]);
  });
  it("binds and advertises loopback on the given port", () => {
    expect(flag(a, "bind-address")).toEqual(["127.0.0.1"]);
    expect(flag(a, "advertise-address")).toEqual(["127.0.0.1"]);
    expect(flag(a, "secure-port")).toEqual(["6443"]);
    expect(flag(a, "etcd-servers")).toEqual(["http://127.0.0.1:1111"]);
  });
  it("serves with the given certificate", () => {
    expect(flag(a, "tls-cert-file")).toEqual(["/p/s.crt"]);
    expect(flag(a, "tls-private-key-file")).toEqual(["/p/s.key"]);
  });
});
