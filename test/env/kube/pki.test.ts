import { caArgs, leafExtensions, signArgs, subjectFor } from "./pki";

describe("subjectFor", () => {
  it("puts the user in CN and each group in an O", () => {
    expect(subjectFor("alice", ["system:masters", "team-a"])).toBe("/CN=alice/O=system:masters/O=team-a");
    expect(subjectFor("bob")).toBe("/CN=bob");
  });
  it("refuses characters that would change the subject", () => {
    expect(() => subjectFor("a/O=system:masters")).toThrow("unsupported name");
    expect(() => subjectFor("ok", ["x,y"])).toThrow("unsupported name");
  });
});

describe("leafExtensions", () => {
  it("makes a server cert with SANs", () => {
    const e = leafExtensions("server", ["IP:127.0.0.1", "DNS:localhost"]);
    expect(e).toContain("extendedKeyUsage=serverAuth");
    expect(e).toContain("subjectAltName=IP:127.0.0.1,DNS:localhost");
    expect(e).toContain("CA:FALSE");
  });
  it("makes a client cert without SANs", () => {
    const e = leafExtensions("client");
    expect(e).toContain("extendedKeyUsage=clientAuth");
    expect(e).not.toContain("subjectAltName");
  });
});

describe("openssl arguments", () => {
  it("makes a CA able to sign", () => {
    const a = caArgs({ cert: "/c.crt", key: "/c.key" }, "ca", 10);
    expect(a.slice(0, 2)).toEqual(["req", "-x509"]);
    expect(a).toContain("basicConstraints=critical,CA:TRUE");
    expect(a).toContain("-nodes");
  });
  it("signs with an explicit serial, so no serial file is written next to the CA", () => {
    const a = signArgs({ cert: "/c.crt", key: "/c.key" }, "/x.csr", "/x.ext", "/x.crt", 7, "ab12");
    expect(a).toEqual(expect.arrayContaining(["-set_serial", "0xab12", "-days", "7", "-CA", "/c.crt"]));
    expect(a).not.toContain("-CAcreateserial");
  });
});
