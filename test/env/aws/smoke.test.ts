import { judge, stringTimestampPaths } from "./smoke";

describe("smoke judgement of raw moto answers", () => {
  it("finds string timestamps anywhere", () => {
    expect(stringTimestampPaths({ CreationTime: "2025-06-01 12:00:00", A: [{ EndTime: 3 }, { StartTime: "2025-06-01T12:00:00Z" }] })).toEqual([
      "CreationTime",
      "A[1].StartTime",
    ]);
  });

  it("passes a native answer with the expected fields and values", () => {
    const raw = { status: 200, body: JSON.stringify({ EndpointStatus: "InService", CreationTime: 1, ProductionVariants: [{ VariantName: "v" }] }) };
    expect(judge({ expect: "native", fields: ["CreationTime", "ProductionVariants.0.VariantName"], values: { EndpointStatus: "InService" } }, raw)).toEqual({ ok: true });
  });

  it("reports what changed", () => {
    const raw = { status: 200, body: JSON.stringify({ EndpointStatus: "Creating", CreationTime: "2025-06-01 12:00:00" }) };
    const verdict = judge({ expect: "native", fields: ["EndpointArn"], values: { EndpointStatus: "InService" } }, raw);
    expect(verdict.ok).toBe(false);
    expect(verdict.detail).toMatch(/string timestamps.*CreationTime/);
    expect(verdict.detail).toMatch(/missing field EndpointArn/);
    expect(verdict.detail).toMatch(/EndpointStatus is "Creating"/);
  });

  it("expects a missing operation to be moto's HTTP 500, and says so when moto gains it", () => {
    expect(judge({ expect: "missing" }, { status: 500, body: "<html>" })).toEqual({ ok: true });
    expect(judge({ expect: "missing" }, { status: 200, body: "{}" }).detail).toMatch(/retire the proxy correction/);
  });

  it("checks XML (awsQuery) answers by element", () => {
    expect(judge({ expect: "native", fields: ["Credentials.Expiration"] }, { status: 200, body: "<X><Expiration>2025-01-01T00:00:00Z</Expiration></X>" })).toEqual({ ok: true });
  });

  it("fails an `absent` field once moto returns it (a corrected gap closed), in JSON and in XML attribute maps", () => {
    expect(judge({ expect: "native", absent: ["Attributes.Policy"] }, { status: 200, body: JSON.stringify({ Attributes: {} }) })).toEqual({ ok: true });
    expect(judge({ expect: "native", absent: ["Attributes.Policy"] }, { status: 200, body: JSON.stringify({ Attributes: { Policy: "{}" } }) }).detail).toMatch(/retire the proxy correction/);
    const xml = "<R><Attributes><entry><key>Token</key><value>t</value></entry></Attributes></R>";
    expect(judge({ expect: "native", fields: ["Token"], absent: ["CustomUserData"] }, { status: 200, body: xml })).toEqual({ ok: true });
    expect(judge({ expect: "native", absent: ["Token"] }, { status: 200, body: xml }).detail).toMatch(/Token is now returned/);
  });
});
