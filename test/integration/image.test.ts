// The SageMaker controller image, built by `npm run image` and run by podman the way the chart's
// Deployment runs it: the chart's default image name, its args and env, its securityContext (uid
// 1000, read-only root, no capabilities), its memory limit, and the chart's ServiceAccount token
// mounted where a pod has it. It reconciles the walkthrough's training step to Synced against moto.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { buildImage, type BuiltImage } from "../../generator/image/build";
import { sha256 } from "../../generator/image/oci";
import { freePort } from "../env/aws/free-port";
import { startTestAws, type TestAws } from "../env/aws/testing";
import { kubectl, mintTestServiceAccount, testContext } from "../env/context";
import { kubectlOk as ok } from "../e2e/kubectl-ok";
import { dockerfileConfig } from "../support/dockerfile";
import { controllerArgv, removeHelmHome, renderChart, type K8sObject } from "../support/helm";
import { isolatedPodman, requireImageTools, ulimitArgs, type Podman } from "../support/podman";

const TRAINING = resolve(__dirname, "../../../shared/walkthrough/training.yaml");
const suffix = randomBytes(3).toString("hex");
const system = `it-image-sys-${suffix}`;
const watched = `it-image-w-${suffix}`;
const container = `ack-ts-image-it-${suffix}`;

let aws: TestAws;
let podman: Podman | undefined;
let built: BuiltImage;
let deployment: K8sObject;
let tokenDir: string | undefined;
let healthPort: number;

const logs = (): string => {
  const r = podman?.run(["logs", "--tail", "30", container]);
  return r ? r.stdout + r.stderr : "";
};

async function waitFor(probe: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; container log tail:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const controllerContainer = () => deployment.spec.template.spec.containers[0];
const podSecurity = () => deployment.spec.template.spec.securityContext;

beforeAll(async () => {
  requireImageTools();
  built = await buildImage({ service: "sagemaker", progress: (l) => process.stderr.write(l + "\n") });
  podman = isolatedPodman();
  podman.ok(["load", "--input", built.archive], { timeoutMs: 300_000 });

  aws = await startTestAws();
  await aws.control.reset({ moto: true }); // the walkthrough's AWS names are fixed
  ok(["create", "namespace", watched]);
  const chart = await renderChart("sagemaker", "image", system, {
    "aws.region": aws.region,
    "aws.endpoint_url": aws.endpoint,
    "aws.identity_endpoint_url": aws.endpoint,
    "aws.allow_unsafe_aws_endpoint_urls": true,
    installScope: "namespace",
    watchNamespace: watched,
  }, ["--include-crds"]);
  ok(["create", "namespace", system]);
  ok(["apply", "--server-side", "--force-conflicts", "--field-manager", "helm", "-f", "-"], chart.yaml);
  ok(["wait", "--for=condition=Established", "--timeout=60s", "crd/trainingjobs.sagemaker.services.k8s.aws"]);
  deployment = chart.objects.find((o) => o.kind === "Deployment")!;

  // What the kubelet mounts for the pod's ServiceAccount, world-readable as projected tokens are.
  const sa = await mintTestServiceAccount(system, deployment.spec.template.spec.serviceAccountName);
  tokenDir = mkdtempSync(join(tmpdir(), "ack-ts-image-sa-"));
  chmodSync(tokenDir, 0o755);
  writeFileSync(join(tokenDir, "token"), sa.token, { mode: 0o644 });
  writeFileSync(join(tokenDir, "ca.crt"), readFileSync(testContext().state.kube.pki.caCert), { mode: 0o644 });
  writeFileSync(join(tokenDir, "namespace"), system, { mode: 0o644 });
}, 600_000);

afterAll(async () => {
  podman?.destroy();
  if (tokenDir) rmSync(tokenDir, { recursive: true, force: true });
  await aws?.stop();
  removeHelmHome();
  for (const ns of [watched, system]) kubectl(["delete", "namespace", ns, "--wait=false"]);
});

describe("the controller image", () => {
  it("is the image the chart deploys, with the digest the build printed", () => {
    expect(controllerContainer().image).toBe(built.name);
    const images = podman!.ok(["images", "--digests", "--format", "{{.Repository}}:{{.Tag}} {{.Digest}}"]);
    expect(images.trim()).toBe(`localhost/${built.name} ${built.digest}`);
  });

  it("holds one bundled entrypoint with the SageMaker client and no other service's", () => {
    const config = JSON.parse(podman!.ok(["image", "inspect", built.name]))[0].Config;
    expect(config.Entrypoint).toEqual(["/usr/local/bin/node", "--max-semi-space-size=1", "--max-old-space-size=96", "/app/main.js"]);
    expect(config.User).toBe("1000:1000");
    const clients = built.bundledPackages.filter((p) => p.startsWith("@aws-sdk/client-"));
    expect(clients).toEqual(["@aws-sdk/client-sagemaker", "@aws-sdk/client-sts"]);
    expect(built.bundledPackages).not.toContain("jest");
  });

  it("is what generated/sagemaker/Dockerfile describes: the same layers, user, env and entrypoint", () => {
    const inspect = JSON.parse(podman!.ok(["image", "inspect", built.name]))[0];
    const docker = dockerfileConfig(readFileSync(join(__dirname, "../../generated/sagemaker/Dockerfile"), "utf8"));
    expect(docker.from).toBe("scratch");
    const diffIds = docker.adds.map((a) => sha256(gunzipSync(readFileSync(join(built.context, a.split(" ")[0]!)))));
    expect(diffIds).toEqual(inspect.RootFS.Layers);
    expect(inspect.Config).toMatchObject({ User: docker.user, Env: docker.env, Entrypoint: docker.entrypoint, WorkingDir: docker.workingDir });
    expect(Object.keys(inspect.Config.ExposedPorts).sort()).toEqual([...docker.exposedPorts].sort());
  });

  it("runs as the chart's non-root user on a read-only root and reconciles training.yaml to Synced", async () => {
    const c = controllerContainer();
    const security = c.securityContext;
    expect(security).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    const server = new URL(testContext().state.kube.server);
    healthPort = await freePort();
    const metricsPort = await freePort();
    const env = (c.env as { name: string; value?: string }[]).flatMap((e) =>
      e.name === "ACK_SYSTEM_NAMESPACE" ? [`${e.name}=${system}`] : e.value !== undefined ? [`${e.name}=${e.value}`] : [],
    );
    podman!.ok([
      "run", "--detach", "--name", container,
      // The pod's network is the host's here: the apiserver and moto listen on loopback.
      "--network", "host",
      "--user", `${podSecurity().runAsUser}:${podSecurity().runAsGroup}`,
      "--read-only", "--read-only-tmpfs=false",
      "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
      "--memory", c.resources.limits.memory.replace(/Mi$/, "m"),
      ...ulimitArgs(),
      "--volume", `${tokenDir}:/var/run/secrets/kubernetes.io/serviceaccount:ro`,
      "--env", `KUBERNETES_SERVICE_HOST=${server.hostname}`, "--env", `KUBERNETES_SERVICE_PORT=${server.port}`,
      "--env", "AWS_ACCESS_KEY_ID=testing", "--env", "AWS_SECRET_ACCESS_KEY=testing",
      ...env.flatMap((e) => ["--env", e]),
      controllerContainer().image,
      ...controllerArgv([deployment]),
      "--metrics-addr", `127.0.0.1:${metricsPort}`, "--healthz-addr", `127.0.0.1:${healthPort}`,
    ]);
    await waitFor(async () => {
      if (podman!.ok(["inspect", "--format", "{{.State.Running}}", container]).trim() !== "true") throw new Error(`the container exited:\n${logs()}`);
      try {
        return (await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status === 200;
      } catch {
        return false;
      }
    }, 60_000, "the controller's /readyz");

    // The process in the container: uid 1000, the bundle, a read-only root.
    const pid = podman!.ok(["inspect", "--format", "{{.State.Pid}}", container]).trim();
    expect(readFileSync(`/proc/${pid}/status`, "utf8")).toMatch(/^Uid:\s+1000\s+1000\s+1000\s+1000$/m);
    expect(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")).toEqual(expect.arrayContaining(["/usr/local/bin/node", "/app/main.js"]));
    const rootMount = readFileSync(`/proc/${pid}/mountinfo`, "utf8").split("\n").find((l) => l.split(" ")[4] === "/");
    expect(rootMount?.split(" ")[5]?.split(",")).toContain("ro");

    ok(["apply", "-n", watched, "-f", TRAINING]);
    let job: any;
    await waitFor(() => {
      const r = kubectl(["-n", watched, "get", "trainingjob", "xgboost-abalone", "-o", "json"]);
      job = r.status === 0 ? JSON.parse(r.stdout) : undefined;
      return job?.status?.conditions?.some((x: any) => x.type === "ACK.ResourceSynced" && x.status === "True") ?? false;
    }, 60_000, "TrainingJob xgboost-abalone ACK.ResourceSynced=True");
    expect(job.status.trainingJobStatus).toBe("Completed");
    expect(job.status.ackResourceMetadata.arn).toMatch(/:training-job\/xgboost-abalone$/);
  }, 120_000);

  it("shuts down on SIGTERM as PID 1 (exit 0, not podman's SIGKILL after 20 s)", () => {
    podman!.ok(["stop", "--time", "20", container], { timeoutMs: 60_000 });
    expect(podman!.ok(["inspect", "--format", "{{.State.ExitCode}}", container]).trim()).toBe("0");
    // Deleting the CR now would wedge on the finalizer with no controller; the namespace goes with afterAll.
    ok(["-n", watched, "patch", "trainingjob", "xgboost-abalone", "--type=merge", "-p", '{"metadata":{"finalizers":null}}']);
  }, 60_000);
});
