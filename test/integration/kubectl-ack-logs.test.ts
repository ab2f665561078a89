// `kubectl ack logs` end to end: the plugin as users run it (a process found on PATH by the built
// kubectl, and the bin npm links), reading custom resources from kube-apiserver and logs from moto's
// CloudWatch Logs through the scenario proxy. No controller runs here: each test writes the status a
// controller would have written (ackResourceMetadata), so every case is exact and fast.
import { spawn } from "node:child_process";
import { delimiter, resolve } from "node:path";
import * as CWL from "@aws-sdk/client-cloudwatch-logs";
import * as SM from "@aws-sdk/client-sagemaker";
import { trainingJobInProgress } from "../env/aws/hold-presets";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { withTestAws } from "../env/aws/with-test-aws";
import { installCrdDir } from "../e2e/crds";
import { SDK_TEST_ROLE as ROLE, trainingJobInput } from "../support/sdk-inputs";
import { kubectl, testContext } from "../env/context";

const BIN = resolve(__dirname, "../../cli/kubectl-ack/bin");
const CRDS = ["trainingjobs", "processingjobs", "hyperparametertuningjobs", "endpoints"].map(
  (p) => `generated/sagemaker/crds/sagemaker.services.k8s.aws_${p}.yaml`,
);
const TJ_GROUP = "/aws/sagemaker/TrainingJobs";
// CloudWatch Logs refuses events older than 14 days: the fixtures are two hours old.
const T0 = Date.now() - 2 * 3_600_000;

let aws: TestAws;
let logs: CWL.CloudWatchLogsClient;
let sm: SM.SageMakerClient;
const ns = uniqueName("logs");

beforeAll(() => {
  for (const f of CRDS) installCrdDir(f);
  kubectl(["create", "namespace", ns]);
});
const env = withTestAws({
  client: (aws) => [new CWL.CloudWatchLogsClient(aws.clientConfig()), new SM.SageMakerClient(aws.clientConfig())] as const,
  afterEach: async (aws) => {
    await aws.control.clearFaults();
    await aws.control.clearHolds();
  },
});
beforeAll(async () => {
  ({ aws, client: [logs, sm] } = env);
  await ensureGroup(TJ_GROUP);
});
afterAll(() => {
  kubectl(["delete", "namespace", ns, "--wait=false"]);
});

// ------------------------------------------------------------------ helpers

function pluginEnv(): NodeJS.ProcessEnv {
  const ctx = testContext();
  return {
    ...process.env,
    KUBECONFIG: ctx.kubeconfig,
    AWS_ENDPOINT_URL: aws.endpoint,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    ACK_TS_LOGS_POLL_MS: "250",
  };
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * The plugin through kubectl's plugin discovery: `kubectl ack …` with the bin directory on PATH.
 * Always asynchronous: the scenario proxy runs in this process, so a blocking spawn would starve it.
 */
function kubectlAck(args: string[]): Promise<Run> {
  const ctx = testContext();
  return start(ctx.kubectlPath, ["ack", ...args], { ...pluginEnv(), PATH: `${BIN}${delimiter}${process.env.PATH}` }).finished;
}

/** The executable itself (what `npx ack-ts` runs). */
function ackTs(args: string[]): Promise<Run> {
  return start(resolve(BIN, "kubectl-ack"), args, pluginEnv()).finished;
}

interface Running {
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number>;
  finished: Promise<Run>;
}

function start(file: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((r) => child.on("close", (code) => r(code ?? -1)));
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  void exited.then(() => clearTimeout(timer));
  return { stdout: () => out, stderr: () => err, exited, finished: exited.then((status) => ({ status, stdout: out, stderr: err })) };
}

const ackTsInBackground = (args: string[]): Running => start(resolve(BIN, "kubectl-ack"), args, pluginEnv());

async function eventually(probe: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ensureGroup(group: string): Promise<void> {
  await logs.send(new CWL.CreateLogGroupCommand({ logGroupName: group })).catch((e: Error) => {
    if (e.name !== "ResourceAlreadyExistsException") throw e;
  });
}

async function put(group: string, stream: string, events: [number, string][], create = true): Promise<void> {
  if (create) await logs.send(new CWL.CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  await logs.send(new CWL.PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events.map(([timestamp, message]) => ({ timestamp, message })) }));
}

async function createTrainingJobInAws(name: string): Promise<string> {
  const out = await sm.send(new SM.CreateTrainingJobCommand(trainingJobInput(name, 2)));
  return out.TrainingJobArn!;
}

/** A custom resource as the controller leaves it once created: spec plus ackResourceMetadata (or no status). */
function applyResource(kind: string, plural: string, name: string, spec: Record<string, unknown>, status?: Record<string, unknown>): void {
  const manifest = { apiVersion: "sagemaker.services.k8s.aws/v1alpha1", kind, metadata: { name, namespace: ns }, spec };
  const r = kubectl(["apply", "-f", "-"], { input: JSON.stringify(manifest) });
  if (r.status !== 0) throw new Error(r.stderr);
  if (status) {
    const p = kubectl(["patch", plural, name, "-n", ns, "--subresource=status", "--type=merge", "-p", JSON.stringify({ status })]);
    if (p.status !== 0) throw new Error(p.stderr);
  }
}

const created = (arn: string, extra: Record<string, unknown> = {}) => ({
  ackResourceMetadata: { arn, ownerAccountID: "123456789012", region: aws.region },
  ...extra,
});

const trainingSpec = (name: string) => ({
  trainingJobName: name,
  roleARN: ROLE,
  algorithmSpecification: { trainingImage: "img", trainingInputMode: "File" },
  outputDataConfig: { s3OutputPath: "s3://bucket/out" },
  resourceConfig: { instanceCount: 2, instanceType: "ml.m5.large", volumeSizeInGB: 10 },
  stoppingCondition: { maxRuntimeInSeconds: 3600 },
});

/** A training job in moto, its CR in Kubernetes, and two instance streams with interleaved events. */
async function trainingJobWithLogs(prefix: string): Promise<string> {
  const job = uniqueName(prefix);
  const arn = await createTrainingJobInAws(job);
  applyResource("TrainingJob", "trainingjobs", job, trainingSpec(job), created(arn));
  await put(TJ_GROUP, `${job}/algo-1-1767268800`, [[T0 + 1000, "algo1 start"], [T0 + 3000, "algo1 [0] loss 0.9"], [T0 + 5000, "algo1 [1] loss 0.5"]]);
  await put(TJ_GROUP, `${job}/algo-2-1767268800`, [[T0 + 2000, "algo2 start"], [T0 + 4000, "algo2 [0] loss 0.8"], [T0 + 6000, "algo2 done"]]);
  return job;
}

const MERGED = [
  "[algo-1] algo1 start",
  "[algo-2] algo2 start",
  "[algo-1] algo1 [0] loss 0.9",
  "[algo-2] algo2 [0] loss 0.8",
  "[algo-1] algo1 [1] loss 0.5",
  "[algo-2] algo2 done",
];
const lines = (text: string) => text.split("\n").filter(Boolean);

// ------------------------------------------------------------------ printing

describe("kubectl ack logs: printing", () => {
  it("kubectl finds the plugin on PATH; streams are merged in time order with instance prefixes", async () => {
    const job = await trainingJobWithLogs("tj");
    const r = await kubectlAck(["logs", `trainingjob/${job}`, "-n", ns]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual(MERGED);
  });

  it("--tail, --timestamps and --since", async () => {
    const job = await trainingJobWithLogs("tj-flags");
    const tail = await ackTs(["logs", `trainingjob/${job}`, "-n", ns, "--tail", "2", "--timestamps"]);
    expect(tail.status).toBe(0);
    expect(lines(tail.stdout)).toEqual([`${new Date(T0 + 5000).toISOString()} [algo-1] algo1 [1] loss 0.5`, `${new Date(T0 + 6000).toISOString()} [algo-2] algo2 done`]);
    const recent = Date.now();
    await put(TJ_GROUP, `${job}/algo-1-1767268800`, [[recent, "algo1 just now"]], false);
    const since = await ackTs(["logs", `trainingjob/${job}`, "-n", ns, "--since", "10m"]);
    expect(lines(since.stdout)).toEqual(["[algo-1] algo1 just now"]);
  });

  it("a tuning job shows its best training job's logs, or the one named with --training-job", async () => {
    const best = await trainingJobWithLogs("hpo-best");
    const other = await trainingJobWithLogs("hpo-other");
    const hpo = uniqueName("hpo");
    applyResource("HyperParameterTuningJob", "hyperparametertuningjobs", hpo, hpoSpec(hpo), created(`arn:aws:sagemaker:${aws.region}:123456789012:hyper-parameter-tuning-job/${hpo}`, {
      bestTrainingJob: { trainingJobName: best },
    }));
    expect(lines((await ackTs(["logs", `hyperparametertuningjob/${hpo}`, "-n", ns])).stdout)).toEqual(MERGED);
    const named = await ackTs(["logs", `hpo/${hpo}`, "-n", ns, "--training-job", other, "--tail", "1"]);
    expect(lines(named.stdout)).toEqual(["[algo-2] algo2 done"]);
  });

  it("an endpoint shows every stream of /aws/sagemaker/Endpoints/<name>; a processing job its own group", async () => {
    const ep = uniqueName("ep");
    await ensureGroup(`/aws/sagemaker/Endpoints/${ep}`);
    await put(`/aws/sagemaker/Endpoints/${ep}`, "AllTraffic/i-0aaa", [[T0, "ping a"], [T0 + 20, "invocation a"]]);
    await put(`/aws/sagemaker/Endpoints/${ep}`, "AllTraffic/i-0bbb", [[T0 + 10, "ping b"]]);
    applyResource("Endpoint", "endpoints.sagemaker.services.k8s.aws", ep, { endpointName: ep, endpointConfigName: "cfg" }, created(`arn:aws:sagemaker:${aws.region}:123456789012:endpoint/${ep}`));
    expect(lines((await ackTs(["logs", `endpoint/${ep}`, "-n", ns])).stdout)).toEqual(["[AllTraffic/i-0aaa] ping a", "[AllTraffic/i-0bbb] ping b", "[AllTraffic/i-0aaa] invocation a"]);

    const pj = uniqueName("pj");
    await ensureGroup("/aws/sagemaker/ProcessingJobs");
    await put("/aws/sagemaker/ProcessingJobs", `${pj}/algo-1-1767268800`, [[T0, "processing"]]);
    applyResource("ProcessingJob", "processingjobs", pj, processingSpec(pj), created(`arn:aws:sagemaker:${aws.region}:123456789012:processing-job/${pj}`));
    const r = await ackTs(["logs", `processingjob/${pj}`, "-n", ns]);
    expect({ status: r.status, out: lines(r.stdout) }).toEqual({ status: 0, out: ["processing"] });
  });

  it("backs off when CloudWatch Logs throttles, and still prints everything", async () => {
    const job = await trainingJobWithLogs("tj-throttle");
    const mark = await aws.control.mark();
    await aws.control.inject({ kind: "throttle", service: "logs", operation: "GetLogEvents", count: 3 });
    await aws.control.inject({ kind: "throttle", service: "logs", operation: "DescribeLogStreams", count: 1 });
    const r = await ackTs(["logs", `trainingjob/${job}`, "-n", ns]);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual(MERGED);
    const throttled = (await aws.control.calls({ service: "logs", since: mark })).filter((c) => c.fault === "throttle");
    expect(throttled).toHaveLength(4);
  });
});

// ------------------------------------------------------------------ follow

describe("kubectl ack logs --follow", () => {
  it("prints events appended while it runs and exits 0 when the held job is released and completes", async () => {
    const job = await trainingJobWithLogs("tj-follow");
    await aws.control.hold(trainingJobInProgress(job, { secondary: ["Training"], seconds: 600 }));
    const run = ackTsInBackground(["logs", `trainingjob/${job}`, "-n", ns, "--follow"]);
    await eventually(() => lines(run.stdout()).length === MERGED.length, "the existing lines");
    expect(lines(run.stdout())).toEqual(MERGED);

    await put(TJ_GROUP, `${job}/algo-1-1767268800`, [[T0 + 7000, "algo1 [2] loss 0.2"]], false);
    await put(TJ_GROUP, `${job}/algo-2-1767268800`, [[T0 + 8000, "algo2 uploading"]], false);
    await eventually(() => run.stdout().includes("algo2 uploading"), "appended lines");
    // Still held InProgress: the plugin keeps running.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await Promise.race([run.exited, Promise.resolve("running")])).toBe("running");

    await aws.control.clearHolds();
    expect(await run.exited).toBe(0);
    expect(lines(run.stdout()).slice(MERGED.length)).toEqual(["[algo-1] algo1 [2] loss 0.2", "[algo-2] algo2 uploading"]);
    expect(run.stderr()).toBe(`TrainingJob ${job}: Completed\n`);
  });

  it("waits for the first stream and says so, then streams it", async () => {
    const job = uniqueName("tj-wait");
    const arn = await createTrainingJobInAws(job);
    applyResource("TrainingJob", "trainingjobs", job, trainingSpec(job), created(arn));
    await aws.control.hold(trainingJobInProgress(job, { secondary: ["Starting"], seconds: 600 }));
    const run = ackTsInBackground(["logs", `trainingjob/${job}`, "-n", ns, "-f"]);
    await eventually(() => run.stderr().includes("waiting for"), "the waiting note");
    expect(run.stderr()).toBe(`waiting for the training job ${job} (log group ${TJ_GROUP}, region ${aws.region}) to write logs (status InProgress)…\n`);
    await put(TJ_GROUP, `${job}/algo-1-1767268800`, [[T0, "first line"]]);
    await eventually(() => run.stdout().includes("first line"), "the first line");
    await aws.control.clearHolds();
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toBe("first line\n");
  });

  it("exits 1 when the job fails (or is stopped), after printing its state", async () => {
    const job = await trainingJobWithLogs("tj-fail");
    await aws.control.hold({ service: "sagemaker", operation: "DescribeTrainingJob", resource: job, phases: [{ set: { TrainingJobStatus: "Failed", SecondaryStatus: "Failed" } }] });
    const run = ackTsInBackground(["logs", `trainingjob/${job}`, "-n", ns, "--follow"]);
    expect(await run.exited).toBe(1);
    expect(lines(run.stdout())).toEqual(MERGED);
    expect(run.stderr()).toBe(`TrainingJob ${job}: Failed\n`);
  });
});

// ------------------------------------------------------------------ errors

describe("kubectl ack logs: one-line errors", () => {
  const oneLine = (r: Run, status: number, pattern: RegExp) => {
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.status).toBe(status);
  };

  it("unknown kind (usage, exit 2) and unknown name", async () => {
    oneLine(await ackTs(["logs", "notebookinstance/x", "-n", ns]), 2, /^error: unknown kind "notebookinstance": expected trainingjob, processingjob, transformjob, hyperparametertuningjob or endpoint$/m);
    oneLine(await ackTs(["logs", "trainingjob/no-such-job", "-n", ns]), 1, new RegExp(`^error: trainingjob "no-such-job" not found in namespace ${ns}$`, "m"));
  });

  it("the resource has not been created in AWS yet", async () => {
    const job = uniqueName("tj-new");
    applyResource("TrainingJob", "trainingjobs", job, trainingSpec(job));
    oneLine(await ackTs(["logs", `trainingjob/${job}`, "-n", ns]), 1, new RegExp(`^error: trainingjob/${job} in namespace ${ns} has not been created in AWS yet \\(no status.ackResourceMetadata.arn; is the controller running\\?\\)$`, "m"));
  });

  it("no log stream yet (without --follow)", async () => {
    const job = uniqueName("tj-nostream");
    applyResource("TrainingJob", "trainingjobs", job, trainingSpec(job), created(await createTrainingJobInAws(job)));
    oneLine(await ackTs(["logs", `trainingjob/${job}`, "-n", ns]), 1, new RegExp(`^error: no log streams yet for the training job ${job} \\(log group ${TJ_GROUP}, region ${aws.region}\\); use --follow to wait for them$`, "m"));
  });

  it.each(["DescribeLogStreams", "GetLogEvents"])("access denied on %s names the missing permission", async (operation) => {
    const job = await trainingJobWithLogs("tj-denied");
    await aws.control.inject({ kind: "access-denied", service: "logs", operation });
    oneLine(await ackTs(["logs", `trainingjob/${job}`, "-n", ns]), 1, new RegExp(`^error: access denied: logs:${operation} is not allowed on log (group|stream) ${TJ_GROUP}\\S* in account 123456789012, region ${aws.region}; grant logs:${operation} to your AWS identity`, "m"));
  });

  it("access denied on the job's Describe in follow mode names sagemaker:DescribeTrainingJob", async () => {
    const job = await trainingJobWithLogs("tj-denied-sm");
    await aws.control.inject({ kind: "access-denied", service: "sagemaker", operation: "DescribeTrainingJob" });
    oneLine(await ackTs(["logs", `trainingjob/${job}`, "-n", ns, "--follow"]), 1, /^error: access denied: sagemaker:DescribeTrainingJob is not allowed on training job /m);
  });
});

function hpoSpec(name: string) {
  return {
    hyperParameterTuningJobName: name,
    hyperParameterTuningJobConfig: { strategy: "Bayesian", resourceLimits: { maxNumberOfTrainingJobs: 2, maxParallelTrainingJobs: 1 } },
  };
}

function processingSpec(name: string) {
  return {
    processingJobName: name,
    roleARN: ROLE,
    appSpecification: { imageURI: "img" },
    processingResources: { clusterConfig: { instanceCount: 1, instanceType: "ml.m5.large", volumeSizeInGB: 10 } },
  };
}

// ------------------------------------------------------------------ credentials

describe("kubectl ack logs: credentials", () => {
  it("a namespace owned by another account is read with the role CARM maps it to, as the controller does", async () => {
    const system = uniqueName("logs-sys");
    const owned = uniqueName("logs-owned");
    kubectl(["create", "namespace", system]);
    kubectl(["create", "namespace", owned]);
    kubectl(["annotate", "namespace", owned, "services.k8s.aws/owner-account-id=111122223333"]);
    kubectl(["create", "configmap", "ack-role-account-map", "-n", system, "--from-literal=111122223333=arn:aws:iam::111122223333:role/ack-cross-account"]);
    const job = uniqueName("tj-carm");
    const manifest = { apiVersion: "sagemaker.services.k8s.aws/v1alpha1", kind: "TrainingJob", metadata: { name: job, namespace: owned }, spec: trainingSpec(job) };
    expect(kubectl(["apply", "-f", "-"], { input: JSON.stringify(manifest) }).status).toBe(0);
    const status = { ackResourceMetadata: { arn: `arn:aws:sagemaker:us-east-1:111122223333:training-job/${job}`, ownerAccountID: "111122223333", region: aws.region } };
    expect(kubectl(["patch", "trainingjobs", job, "-n", owned, "--subresource=status", "--type=merge", "-p", JSON.stringify({ status })]).status).toBe(0);

    const mark = await aws.control.mark();
    await start(resolve(BIN, "kubectl-ack"), ["logs", `trainingjob/${job}`, "-n", owned], { ...pluginEnv(), ACK_SYSTEM_NAMESPACE: system }).finished;
    const calls = await aws.control.calls({ since: mark });
    expect(calls.find((c) => c.operation === "AssumeRole")).toBeDefined();
    const logCalls = calls.filter((c) => c.service === "logs");
    expect(logCalls.length).toBeGreaterThan(0);
    expect(logCalls.every((c) => c.accessKeyId !== undefined && c.accessKeyId !== "testing")).toBe(true);
    kubectl(["delete", "namespace", system, owned, "--wait=false"]);
  });
});
