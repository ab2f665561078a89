import * as fs from "node:fs";
import * as path from "node:path";
import { helmLdflags, parseHelmVersions, planHelm } from "./build";

describe("helm build plan", () => {
  const goMod = fs.readFileSync(path.join(__dirname, "go", "go.mod"), "utf8");

  it("reads the pinned helm and the Kubernetes minor of its client libraries from go.mod", () => {
    expect(parseHelmVersions(goMod)).toEqual({ helm: "v3.19.5", kubeMajor: "1", kubeMinor: "34" });
  });

  it("stamps the version and the default Kubernetes version, as helm's Makefile does", () => {
    const flags = helmLdflags({ helm: "v3.19.5", kubeMajor: "1", kubeMinor: "34" });
    expect(flags).toContain("-X helm.sh/helm/v3/internal/version.version=v3.19.5");
    expect(flags).toContain("-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=34");
    expect(flags).toContain("-X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=34");
  });

  it("caches under bin/helm-<version>-<hash>/", () => {
    const plan = planHelm("/cache");
    expect(plan.path).toMatch(/^\/cache\/bin\/helm-v3\.19\.5-[0-9a-f]{12}\/helm$/);
  });

  it("rejects a go.mod without helm", () => {
    expect(() => parseHelmVersions("module x\n")).toThrow("does not require helm.sh/helm/v3");
  });
});
