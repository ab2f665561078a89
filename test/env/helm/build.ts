import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Progress, cacheKey, goBuildEnv } from "../kube/build";
import { cacheRoot } from "../kube/paths";
import { MissingToolError, requireTool } from "../kube/tools";
import { heartbeat } from "../../../generator/heartbeat";

/**
 * The helm CLI, built from the Go module proxy by the wrapper module in ./go (go.mod pins
 * helm.sh/helm/v3 through a `tool` directive) and cached in
 * <cache>/bin/helm-<version>-<hash>/helm, like the test cluster's binaries.
 */

export const HELM_MODULE_DIR = path.join(__dirname, "go");
const HELM_PACKAGE = "helm.sh/helm/v3/cmd/helm";

export interface HelmVersions {
  helm: string;
  /** The Kubernetes minor helm's client libraries come from: its default capabilities and lint target. */
  kubeMajor: string;
  kubeMinor: string;
}

export function parseHelmVersions(goMod: string): HelmVersions {
  const helm = /^\s*helm\.sh\/helm\/v3\s+(v\d+\.\d+\.\d+)\b/m.exec(goMod)?.[1];
  if (!helm) throw new Error("test/env/helm/go/go.mod does not require helm.sh/helm/v3");
  const client = /^\s*k8s\.io\/client-go\s+v0\.(\d+)\.\d+/m.exec(goMod)?.[1];
  if (!client) throw new Error("test/env/helm/go/go.mod does not require k8s.io/client-go");
  return { helm, kubeMajor: "1", kubeMinor: client };
}

/** Version stamps as helm's Makefile sets them. */
export function helmLdflags(v: HelmVersions): string {
  return [
    "-s",
    "-w",
    `-X helm.sh/helm/v3/internal/version.version=${v.helm}`,
    "-X helm.sh/helm/v3/internal/version.gitTreeState=clean",
    ...["pkg/lint/rules", "pkg/chartutil"].flatMap((pkg) => [
      `-X helm.sh/helm/v3/${pkg}.k8sVersionMajor=${v.kubeMajor}`,
      `-X helm.sh/helm/v3/${pkg}.k8sVersionMinor=${v.kubeMinor}`,
    ]),
  ].join(" ");
}

export function helmBuildArgs(out: string, v: HelmVersions): string[] {
  return ["build", "-ldflags", helmLdflags(v), "-o", out, HELM_PACKAGE];
}

export interface HelmPlan {
  versions: HelmVersions;
  key: string;
  path: string;
}

export function planHelm(root = cacheRoot(), moduleDir = HELM_MODULE_DIR): HelmPlan {
  const read = (p: string) => fs.readFileSync(path.join(moduleDir, p), "utf8");
  const goMod = read("go.mod");
  const versions = parseHelmVersions(goMod);
  const key = cacheKey({ goMod, goSum: read("go.sum"), mains: [], buildArgs: helmBuildArgs("OUT", versions) });
  return { versions, key, path: path.join(root, "bin", `helm-${versions.helm}-${key}`, "helm") };
}

/** Returns the cached helm, building it first (about 2.5 min on 2 cores, cold) when the cache misses. */
export async function ensureHelm(opts: { root?: string; progress?: Progress } = {}): Promise<string> {
  const plan = planHelm(opts.root);
  if (fs.existsSync(plan.path)) return plan.path;
  const progress = opts.progress ?? ((l) => process.stderr.write(l + "\n"));
  requireTool("go");
  const dir = path.dirname(plan.path);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const staging = fs.mkdtempSync(`${dir}.build-`);
  const started = Date.now();
  progress(`[testenv] building helm ${plan.versions.helm} with Go (cold build: a few minutes; cached afterwards)`);
  const stopHeartbeat = heartbeat((t) => progress(`[testenv] go build of helm: ${t}`));
  try {
    const tail: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn("go", helmBuildArgs(path.join(staging, "helm"), plan.versions), {
        cwd: HELM_MODULE_DIR,
        env: goBuildEnv(process.env),
        stdio: ["ignore", "ignore", "pipe"],
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        tail.push(...chunk.split("\n").filter(Boolean));
        tail.splice(0, Math.max(0, tail.length - 40));
      });
      child.on("error", (e) => reject((e as NodeJS.ErrnoException).code === "ENOENT" ? new MissingToolError("go", "not on PATH") : e));
      child.on("close", resolve);
    });
    if (code !== 0) throw new Error(`go build of helm failed (exit ${code}):\n${tail.join("\n")}`);
    try {
      fs.renameSync(staging, dir);
    } catch (e) {
      // Another process installed it first; theirs is identical.
      if (!fs.existsSync(plan.path)) throw e;
    }
    progress(`[testenv] built helm in ${Math.round((Date.now() - started) / 1000)}s`);
  } finally {
    stopHeartbeat();
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return plan.path;
}
