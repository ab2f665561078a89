// Stopping what a person starts with npm, by signalling the process they see: `kill <pid of npm>`
// (or Ctrl-C) on `npm run controller` must stop the launcher and the controller under it, release
// the Lease and free the ports; on an unfinished `npm run testenv -- up` it must stop whatever `up`
// had started and remove its temp dir.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { createServer } from "node:net";
import { hostname, tmpdir } from "node:os";
import * as path from "node:path";
import { CORE, type KubeClient } from "../../runtime/k8s/client";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { testContext } from "../env/context";
import { REPO_ROOT } from "../env/crds";
import { descendants, isAlive } from "../env/kube/process";
import { waitFor } from "../support/wait";
import { freePort } from "../env/aws/free-port";
import { awsFlags, withControllerProcesses } from "./controller-process";

const LEASE = "ack-applicationautoscaling.services.k8s.aws";
const ns = uniqueName("signals");
let aws: TestAws;
let kube: KubeClient;
const started: ChildProcess[] = [];

// The processes here are npm's, started and killed by the tests themselves (as a group, see killGroup).
const processes = withControllerProcesses({ ns, after: () => started.forEach((c) => killGroup(c.pid!)) });
beforeAll(() => ({ aws, kube } = processes));

/** `npm run <script> -- args` as a shell runs it, in its own process group so a failed test can still clean up. */
function npmRun(script: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn("npm", ["run", script, "--", ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return { child, output: () => `\n--- output ---\n${output.split("\n").slice(-25).join("\n")}` };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // gone
  }
}

const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
};

/** True when something may listen on the port again. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

describe("npm run controller stops on SIGTERM and SIGINT, whichever process gets it", () => {
  const holder = async () => (await kube.get<{ spec: { holderIdentity?: string } }>(CORE.leases, ns, LEASE))?.spec.holderIdentity ?? "";

  it.each([
    ["npm", "SIGTERM"],
    ["npm", "SIGINT"],
    ["launcher", "SIGTERM"],
    ["controller", "SIGINT"],
  ] as const)("%s gets %s: every process exits, the ports are free, the Lease is released", async (target, signal) => {
    const [health, metrics] = [await freePort(), await freePort()];
    const flags = [
      "application-auto-scaling",
      ...awsFlags(aws, ns),
      ...["--healthz-addr", `127.0.0.1:${health}`, "--metrics-addr", `127.0.0.1:${metrics}`],
      ...["--enable-leader-election", "--leader-election-namespace", ns],
    ];
    const env = { ...process.env, KUBECONFIG: testContext().kubeconfig, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
    const { child: npm, output } = npmRun("controller", flags, env);
    const launcher = await waitFor(() => descendants(npm.pid!).find((p) => cmdline(p).includes("runtime/bin/controller.cjs")), 60_000, "the launcher", output);
    const controller = await waitFor(() => descendants(launcher).find((p) => cmdline(p).includes("application-auto-scaling/src/main.ts")), 60_000, "the controller", output);
    await waitFor(async () => (await holder()) === `${hostname()}_${controller}`, 30_000, "the controller to hold the Lease", output);
    const tree = [npm.pid!, ...descendants(npm.pid!)];
    expect(tree).toEqual(expect.arrayContaining([launcher, controller]));

    process.kill({ npm: npm.pid!, launcher, controller }[target], signal);

    await waitFor(() => npm.exitCode !== null || npm.signalCode !== null, 30_000, "npm to exit", output);
    await waitFor(() => tree.every((p) => !isAlive(p)), 30_000, "every process of the tree to exit", () => tree.filter(isAlive).map(cmdline).join("\n") + output());
    expect(await portFree(health)).toBe(true);
    expect(await portFree(metrics)).toBe(true);
    expect(await holder()).toBe("");
    expect(output()).toContain('"msg":"stopped"');
  });
});

describe("an unfinished npm run testenv -- up, signalled", () => {
  // Matched on arguments only the running server has (openssl's certificate for kube-apiserver names it too).
  const isApiserver = (c: string) => c.includes("kube-apiserver --etcd-servers=");
  const isMoto = (c: string) => c.includes("-m moto.server");
  it.each([
    ["SIGTERM", "kube-apiserver", isApiserver],
    ["SIGINT", "moto", isMoto],
  ] as const)("%s while %s starts: everything it had started is stopped and its temp dir removed", async (signal, stage, started) => {
    const home = fs.mkdtempSync(path.join(tmpdir(), "ack-ts-signals-"));
    const env: NodeJS.ProcessEnv = { ...process.env, ACK_TS_TESTENV_HOME: home };
    delete env.ACK_TS_TESTENV_STATE;
    const { child: npm, output } = npmRun("testenv", ["up"], env);
    try {
      await waitFor(() => descendants(npm.pid!).some((p) => started(cmdline(p))), 120_000, `up to start ${stage}`, output);
      const tree = [npm.pid!, ...descendants(npm.pid!)];
      const apiserver = tree.map(cmdline).find(isApiserver);
      const root = /--tls-cert-file=(\/\S+?)\/pki\//.exec(apiserver ?? "")?.[1];
      const port = Number(/--secure-port=(\d+)/.exec(apiserver ?? "")?.[1]);
      expect(root).toMatch(/ack-ts-testenv-/);

      process.kill(npm.pid!, signal);

      await waitFor(() => npm.exitCode !== null || npm.signalCode !== null, 30_000, "npm to exit", output);
      await waitFor(() => tree.every((p) => !isAlive(p)), 30_000, "every process up started to exit", () => tree.filter(isAlive).map(cmdline).join("\n") + output());
      const after = {
        rootRemoved: !fs.existsSync(root!),
        noStateFile: !fs.existsSync(path.join(home, "state.json")),
        apiserverPortFree: await portFree(port),
        said: output().includes(`[testenv] ${signal}: stopped what had been started`),
      };
      const ok = Object.values(after).every(Boolean);
      expect({ ...after, output: ok ? "" : output() }).toEqual({ rootRemoved: true, noStateFile: true, apiserverPortFree: true, said: true, output: "" });
    } finally {
      // On a failure above, stop `up` the way that is proven to clean up (a group SIGKILL in afterAll
      // would leave an AWS half that `up` had not recorded yet).
      if (npm.exitCode === null && npm.signalCode === null) {
        process.kill(npm.pid!, "SIGTERM");
        await waitFor(() => npm.exitCode !== null || npm.signalCode !== null, 30_000, "npm to exit").catch(() => undefined);
      }
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
