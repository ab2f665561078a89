import * as path from "node:path";
import { binaryPaths, cacheKey, goBuildArgs, ldflags, parseModuleVersions, planBuild } from "./build";

const goMod = `module x

go 1.25.0

require (
	go.etcd.io/etcd/server/v3 v3.6.4
	k8s.io/kubernetes v1.34.12
)

require (
	go.etcd.io/etcd/api/v3 v3.6.4 // indirect
)
`;

describe("parseModuleVersions", () => {
  it("reads the pinned kubernetes and etcd server versions", () => {
    expect(parseModuleVersions(goMod)).toEqual({ kubernetes: "v1.34.12", etcd: "v3.6.4" });
  });
  it("reads a single-line require", () => {
    expect(parseModuleVersions("require k8s.io/kubernetes v1.35.0\nrequire go.etcd.io/etcd/server/v3 v3.6.5\n")).toEqual({
      kubernetes: "v1.35.0",
      etcd: "v3.6.5",
    });
  });
  it("names the missing module", () => {
    expect(() => parseModuleVersions("module x\n")).toThrow("go.mod does not require k8s.io/kubernetes");
  });
  it("matches the committed wrapper module", () => {
    const plan = planBuild("/cache");
    expect(plan.versions.kubernetes).toMatch(/^v1\.(3[4-9]|[4-9]\d)\.\d+$/);
    expect(plan.versions.etcd).toMatch(/^v3\.6\.\d+$/);
  });
});

describe("ldflags", () => {
  it("strips symbols and stamps both version packages", () => {
    const f = ldflags("v1.34.12");
    expect(f.startsWith("-s -w ")).toBe(true);
    expect(f).toContain("-X k8s.io/component-base/version.gitVersion=v1.34.12");
    expect(f).toContain("-X k8s.io/client-go/pkg/version.gitMinor=34");
  });
  it("rejects a non-version", () => expect(() => ldflags("latest")).toThrow());
});

describe("goBuildArgs", () => {
  it("builds all three binaries in one invocation into a directory", () => {
    const a = goBuildArgs("/out", "v1.34.12");
    expect(a[0]).toBe("build");
    expect(a).toContain("/out" + path.sep);
    expect(a.slice(-3)).toEqual(["./cmd/kube-apiserver", "./cmd/kubectl", "./cmd/etcd"]);
  });
});

describe("cacheKey and binaryPaths", () => {
  const base = { goMod, goSum: "sum", mains: ["a", "b", "c"], buildArgs: ["build"] };
  it("is stable and short", () => {
    expect(cacheKey(base)).toBe(cacheKey({ ...base }));
    expect(cacheKey(base)).toMatch(/^[0-9a-f]{12}$/);
  });
  it("changes when go.mod, go.sum, a main or the flags change", () => {
    const k = cacheKey(base);
    expect(cacheKey({ ...base, goMod: goMod + "\n" })).not.toBe(k);
    expect(cacheKey({ ...base, goSum: "sum2" })).not.toBe(k);
    expect(cacheKey({ ...base, mains: ["a", "b", "d"] })).not.toBe(k);
    expect(cacheKey({ ...base, buildArgs: ["build", "-v"] })).not.toBe(k);
  });
  it("does not confuse part boundaries", () => {
    expect(cacheKey({ ...base, goMod: "ab", goSum: "c" })).not.toBe(cacheKey({ ...base, goMod: "a", goSum: "bc" }));
  });
  it("puts each binary under <name>-<version>-<key>", () => {
    expect(binaryPaths("/c", { kubernetes: "v1.34.12", etcd: "v3.6.4" }, "abc")).toEqual({
      "kube-apiserver": "/c/bin/kube-apiserver-v1.34.12-abc/kube-apiserver",
      kubectl: "/c/bin/kubectl-v1.34.12-abc/kubectl",
      etcd: "/c/bin/etcd-v3.6.4-abc/etcd",
    });
  });
});
