import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { GO_MODULE_DIR, cacheRoot } from "./paths";
import { MissingToolError, requireTool } from "./tools";
import { heartbeat } from "../../../generator/heartbeat";

export const BINARIES = ["kube-apiserver", "kubectl", "etcd"] as const;
export type BinaryName = (typeof BINARIES)[number];
export type BinaryPaths = Record<BinaryName, string>;

export interface ModuleVersions {
  kubernetes: string;
  etcd: string;
}

/** Reads the pinned kubernetes and etcd versions from the wrapper's go.mod. */
export function parseModuleVersions(goMod: string): ModuleVersions {
  const find = (mod: string): string => {
    const m = new RegExp(`^\\s*(?:require\\s+)?${mod.replace(/[./]/g, "\\$&")}\\s+(v[0-9][^\\s]*)`, "m").exec(goMod);
    if (!m?.[1]) throw new Error(`go.mod does not require ${mod}`);
    return m[1];
  };
  return { kubernetes: find("k8s.io/kubernetes"), etcd: find("go.etcd.io/etcd/server/v3") };
}

/** Version stamps as upstream's hack/lib/version.sh sets them, so `kubectl version` reports no skew. */
export function ldflags(kubeVersion: string): string {
  const m = /^v(\d+)\.(\d+)\./.exec(kubeVersion);
  if (!m) throw new Error(`not a kubernetes version: ${kubeVersion}`);
  const stamps = ["k8s.io/component-base/version", "k8s.io/client-go/pkg/version"].flatMap((pkg) => [
    `-X ${pkg}.gitVersion=${kubeVersion}`,
    `-X ${pkg}.gitMajor=${m[1]}`,
    `-X ${pkg}.gitMinor=${m[2]}`,
    `-X ${pkg}.gitTreeState=clean`,
  ]);
  return ["-s", "-w", ...stamps].join(" ");
}

/** One `go build` for all three binaries: they share most packages, so this compiles each once. */
export function goBuildArgs(outDir: string, kubeVersion: string): string[] {
  return [
    "build",
    "-v",
    "-tags",
    "selinux,notest",
    "-ldflags",
    ldflags(kubeVersion),
    "-o",
    outDir + path.sep,
    ...BINARIES.map((b) => `./cmd/${b}`),
  ];
}

export function goBuildEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, GOWORK: "off", GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOFLAGS: "-trimpath -buildvcs=false -mod=readonly" };
}

/** A short hash of everything that determines the binaries, so any change to the module rebuilds. */
export function cacheKey(inputs: { goMod: string; goSum: string; mains: string[]; buildArgs: string[] }): string {
  const h = createHash("sha256");
  for (const part of [inputs.goMod, inputs.goSum, ...inputs.mains, inputs.buildArgs.join("\0")]) h.update(part).update("\0");
  return h.digest("hex").slice(0, 12);
}

export function binaryPaths(root: string, versions: ModuleVersions, key: string): BinaryPaths {
  const dir = (name: BinaryName, version: string) => path.join(root, "bin", `${name}-${version}-${key}`, name);
  return {
    "kube-apiserver": dir("kube-apiserver", versions.kubernetes),
    kubectl: dir("kubectl", versions.kubernetes),
    etcd: dir("etcd", versions.etcd),
  };
}

export interface BuildPlan {
  versions: ModuleVersions;
  key: string;
  paths: BinaryPaths;
}

export function planBuild(root = cacheRoot(), moduleDir = GO_MODULE_DIR): BuildPlan {
  const read = (p: string) => fs.readFileSync(path.join(moduleDir, p), "utf8");
  const goMod = read("go.mod");
  const versions = parseModuleVersions(goMod);
  const key = cacheKey({
    goMod,
    goSum: read("go.sum"),
    mains: BINARIES.map((b) => read(`cmd/${b}/main.go`)),
    buildArgs: goBuildArgs("OUT", versions.kubernetes),
  });
  return { versions, key, paths: binaryPaths(root, versions, key) };
}

export type Progress = (line: string) => void;

/** Returns cached binaries, building them first (minutes, with progress lines) when the cache misses. */
export async function ensureKubeBinaries(opts: { root?: string; progress?: Progress } = {}): Promise<BinaryPaths> {
  const plan = planBuild(opts.root);
  if (BINARIES.every((b) => fs.existsSync(plan.paths[b]))) return plan.paths;
  await buildInto(plan, opts.progress ?? ((l) => process.stderr.write(l + "\n")));
  return plan.paths;
}

async function buildInto(plan: BuildPlan, progress: Progress): Promise<void> {
  requireTool("go");
  const root = path.dirname(path.dirname(plan.paths.kubectl));
  fs.mkdirSync(root, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(root, `.build-${plan.key}-`));
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  progress(
    `[testenv] building kube-apiserver/kubectl ${plan.versions.kubernetes} and etcd ${plan.versions.etcd} with Go (cold build: several minutes on 2 cores; cached afterwards)`,
  );
  let packages = 0;
  let downloads = 0;
  const tail: string[] = [];
  const stopHeartbeat = heartbeat((t) => progress(`[testenv] go build: ${packages} packages compiled, ${downloads} modules downloaded, ${t}`));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn("go", goBuildArgs(outDir, plan.versions.kubernetes), {
        cwd: GO_MODULE_DIR,
        env: goBuildEnv(process.env),
        stdio: ["ignore", "inherit", "pipe"],
      });
      let buf = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        buf += chunk;
        const lines = buf.split("\n");
        buf = lines.pop() ?? "";
        for (const line of lines) {
          if (line.startsWith("go: downloading")) downloads++;
          else if (/^[\w.-]+(\/[\w.~-]+)*$/.test(line)) packages++;
          else tail.push(line);
          if (tail.length > 40) tail.shift();
        }
      });
      child.on("error", (e) => reject((e as NodeJS.ErrnoException).code === "ENOENT" ? new MissingToolError("go", "not on PATH") : e));
      child.on("close", resolve);
    });
    if (code !== 0) throw new Error(`go build failed (exit ${code}):\n${tail.join("\n")}`);
    for (const b of BINARIES) install(path.join(outDir, b), plan.paths[b]);
    progress(`[testenv] built ${BINARIES.join(", ")} in ${elapsed()}`);
  } finally {
    stopHeartbeat();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** Moves a fresh binary into its cache dir atomically, so a concurrent reader never sees half a file. */
function install(from: string, to: string): void {
  const dir = path.dirname(to);
  const staging = `${dir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.renameSync(from, path.join(staging, path.basename(to)));
  try {
    fs.renameSync(staging, dir);
  } catch (e) {
    // Another process installed it first; theirs is identical.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(to)) throw e;
  }
}
