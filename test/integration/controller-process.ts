// A generated controller run the way a user runs it: `npm run controller -- <service> [flags]`'s
// launcher as a child process, its JSON log lines collected. Each runs in its own process group so a
// test can kill the launcher and the controller under it together (a crash, not a shutdown).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { freePort } from "../env/aws/free-port";
import type { KubeClient } from "../../runtime/k8s/client";
import { startTestAws, type TestAws } from "../env/aws/testing";
import { adminKube } from "../e2e/admin-kube";
import { installCrds } from "../e2e/crds";
import { kubectl } from "../env/context";

const LAUNCHER = join(__dirname, "..", "..", "runtime", "bin", "controller.cjs");

export interface ControllerProcess {
  readonly service: string;
  readonly healthPort: number;
  readonly metricsPort: number;
  /** stdout lines parsed as JSON (the controller's logs). */
  readonly logs: Record<string, unknown>[];
  /** stderr, minus Node warnings. */
  readonly stderr: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ready(): Promise<boolean>;
  hasLog(pred: (l: Record<string, unknown>) => boolean): boolean;
  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group: the controller dies mid-work, its lease unreleased. */
  kill(): Promise<void>;
}

export interface ControllerProcessOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Environment variables to drop from the inherited environment (e.g. credentials). */
  readonly unset?: readonly string[];
  /** Start it another way than the launcher, e.g. `npm start --` in a controller's own package. */
  readonly command?: { readonly file: string; readonly args: readonly string[]; readonly cwd: string };
}

export async function startControllerProcess(service: string, flags: readonly string[], o: ControllerProcessOptions = {}): Promise<ControllerProcess> {
  const [healthPort, metricsPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...o.env };
  for (const k of o.unset ?? []) delete env[k];
  const ports = ["--healthz-addr", `127.0.0.1:${healthPort}`, "--metrics-addr", `127.0.0.1:${metricsPort}`];
  const [file, args, cwd] = o.command
    ? [o.command.file, [...o.command.args, ...ports, ...flags], o.command.cwd]
    : [process.execPath, [LAUNCHER, service, ...ports, ...flags], undefined];
  const child: ChildProcess = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true, ...(cwd ? { cwd } : {}) });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  lines(child.stdout!, (l) => {
    try {
      logs.push(JSON.parse(l) as Record<string, unknown>);
    } catch {
      logs.push({ raw: l });
    }
  });
  lines(child.stderr!, (l) => stderr.push(l));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  // After the child exits its group may live on (a grandchild that outlived its parent): `force`
  // signals it anyway; the group id cannot be reused while a member is alive.
  const group = (sig: NodeJS.Signals, force = false) => {
    if ((done && !force) || !child.pid) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    service,
    healthPort,
    metricsPort,
    logs,
    stderr,
    exited,
    ready: async () => {
      try {
        return (await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    hasLog: (pred) => logs.some(pred),
    stop: async () => {
      if (!done && child.pid) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
      group("SIGKILL", true);
      await exited;
    },
    kill: async () => {
      group("SIGKILL");
      await exited;
    },
  };
}

function lines(stream: NodeJS.ReadableStream, onLine: (l: string) => void): void {
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf("\n")) >= 0) {
      const l = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (l.trim()) onLine(l);
    }
  });
  stream.on("end", () => buf.trim() && onLine(buf));
}

/** ACK flags pointing a controller at the test env's AWS, watching `namespaces`. */
export function awsFlags(a: TestAws, ...namespaces: string[]): string[] {
  return ["--aws-endpoint-url", a.endpoint, "--allow-unsafe-aws-endpoint-urls", "--aws-region", a.region, "--watch-namespace", namespaces.join(","), "--log-level", "debug"];
}

export { installCrds } from "../e2e/crds";

export interface ProcessFixture {
  readonly aws: TestAws;
  /** The cluster as its admin, for the objects the test reads and writes. */
  readonly kube: KubeClient;
  /** startControllerProcess, the process stopped (SIGTERM) after the file's tests. */
  start(service: string, flags: readonly string[], o?: ControllerProcessOptions): Promise<ControllerProcess>;
}

/**
 * The setup of a file whose controllers run as processes: the walkthrough's CRDs, its namespace (if it
 * has one), the AWS half and an admin KubeClient; afterwards the processes it started stop, then
 * `after` runs (cleanup of its own), then the rest goes.
 */
export function withControllerProcesses(o: { readonly ns?: string; readonly after?: () => void | Promise<void> } = {}): ProcessFixture {
  const running: ControllerProcess[] = [];
  const f = {
    start: async (service: string, flags: readonly string[], opts?: ControllerProcessOptions) => {
      const p = await startControllerProcess(service, flags, opts);
      running.push(p);
      return p;
    },
  } as { aws: TestAws; kube: KubeClient; start: ProcessFixture["start"] };
  beforeAll(async () => {
    installCrds();
    if (o.ns) kubectl(["create", "namespace", o.ns]);
    f.kube = adminKube();
    f.aws = await startTestAws();
  });
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    await o.after?.();
    await f.aws?.stop();
    f.kube?.http.close();
    if (o.ns) kubectl(["delete", "namespace", o.ns, "--wait=false"]);
  });
  return f;
}
