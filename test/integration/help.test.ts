// `--help` of every entry point a person runs lists its flags with their defaults: the compiled
// controller (what the image runs, built here as `npm run build` builds it), `npm run controller`,
// `npm run generate` and `kubectl ack`.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { build } from "../../generator/build-controller";
import { buildCommand } from "../../runtime/ops/flags";
import { REPO_ROOT } from "../env/crds";

const SERVICE = "sagemaker";
// Inside the repository so the compiled code finds node_modules; never generated/<service>/dist,
// which `npm run controller` would then prefer over the sources.
const DIST = path.join(REPO_ROOT, ".cache", "test-build", SERVICE);

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, AWS_REGION: "" }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Option lines of a help text: lines that start with a flag. */
const optionLines = (help: string) => help.split("\n").filter((l) => /^\s+(-\w, )?--[\w-]+/.test(l));

/** Every controller flag is listed on a line that shows its default. */
function expectControllerHelp(help: string, program: string): void {
  expect(help).toContain(`Usage: ${program} [options]`);
  const lines = optionLines(help);
  const flags = buildCommand([]).options.map((o) => o.long!);
  expect(flags.length).toBeGreaterThan(25);
  for (const flag of flags) {
    const line = lines.find((l) => l.trimStart().startsWith(`${flag} `));
    expect(`${flag}: ${line ?? "(missing)"}`).toMatch(/default: \S/);
  }
  expect(help).toContain("(default: 15s)"); // durations as they are written, not milliseconds
  expect(help).toContain("KUBECONFIG");
}

beforeAll(() => build(SERVICE, REPO_ROOT, DIST), 300_000);
afterAll(() => fs.rmSync(DIST, { recursive: true, force: true }));

describe("--help", () => {
  it("the compiled controller lists every flag with its default and exits 0", () => {
    const r = run(process.execPath, [path.join(DIST, "main.js"), "--help"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expectControllerHelp(r.stdout, "ack-sagemaker-controller");
    // The default of --reconcile-resources names the service's kinds (which grow as kinds are added).
    expect(r.stdout).toMatch(/\(default: all: [A-Z]\w+, .*\bTrainingJob\b.*\)\n/);
  });

  it("npm run controller -- <service> --help, and -- --help without a service", () => {
    const withService = run("npm", ["run", "-s", "controller", "--", SERVICE, "-h"]);
    expect(withService.status).toBe(0);
    expectControllerHelp(withService.stdout, "ack-sagemaker-controller");

    const bare = run("npm", ["run", "-s", "controller", "--", "--help"]);
    expect(bare.status).toBe(0);
    expect(bare.stdout).toMatch(/^usage: npm run controller -- <service> \[flags\]; services: .*sagemaker/);
    expect(bare.stdout).toContain("--max-old-space-size=96");
    expectControllerHelp(bare.stdout, "ack-application-auto-scaling-controller");
  });

  it("npm run generate -- --help lists every option with its default", () => {
    const r = run("npm", ["run", "-s", "generate", "--", "--help"]);
    expect(r.status).toBe(0);
    const text = r.stdout.replace(/\n\s{20,}/g, " "); // commander wraps long descriptions
    const lines = optionLines(text).filter((l) => !l.includes("--help"));
    expect(lines.map((l) => l.trim().split(" ")[0])).toEqual(["--all", "--out", "--models-dir", "--check", "--summary", "--api-models"]);
    for (const l of lines) expect(l).toMatch(/\(default: [^)]+\)$/);
    expect(text).toContain("(default: $ACK_TS_MODELS_DIR, else ~/.cache/ack-ts/api-models");
  });

  it("kubectl ack --help lists every flag with its default", () => {
    const r = run(process.execPath, [path.join(REPO_ROOT, "cli/kubectl-ack/bin/kubectl-ack"), "--help"]);
    expect(r.status).toBe(0);
    const lines = optionLines(r.stdout).filter((l) => !l.includes("--help"));
    expect(lines.map((l) => l.trim().replace(/^-\w, /, "").split(" ")[0])).toEqual(["--namespace", "--follow", "--since", "--tail", "--timestamps", "--training-job"]);
    for (const l of lines) expect(l).toMatch(/\(default: [^)]+\)$/);
  });
});
