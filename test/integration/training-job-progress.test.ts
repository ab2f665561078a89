// TrainingJob progress as Kubernetes Events: the generated SageMaker controller (with its hooks) runs in
// this process against kube-apiserver and moto; the scenario proxy walks the job through secondary
// statuses one Describe at a time. Exactly one Event per transition, across resyncs and a restart.
import { hooks } from "../../api-models/sagemaker/hooks";
import { service } from "../../generated/sagemaker/src/service";
import { CORE } from "../../runtime/k8s/client";
import type { KubeObject } from "../../runtime/k8s/types";
import { trainingJobInProgress, SECONDARY_STATUS_MESSAGES } from "../env/aws/hold-presets";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { kubectl } from "../env/context";
import { waitFor as waitLogged } from "../e2e/controllers";
import { installCrdDir } from "../e2e/crds";
import { startServiceController, type ServiceRun } from "../e2e/service-controller";
import { withControllers } from "../e2e/with-controllers";
import { trainingJobManifest } from "../support/manifests";
import { callsAfterReads, readOf } from "../support/calls";

const CRD = "generated/sagemaker/crds/sagemaker.services.k8s.aws_trainingjobs.yaml";
const REF = { group: "sagemaker.services.k8s.aws", version: "v1alpha1", plural: "trainingjobs" };
const ns = uniqueName("progress");

let aws: TestAws;
/** Started by the test, once the hold it walks through is set, and restarted by it. */
let controller: ServiceRun | undefined;

const env = withControllers({
  ns,
  crds: () => installCrdDir(CRD),
  start: async () => ({ stop: async () => controller?.stop() }),
  after: (aws) => aws.control.clearHolds(),
});
beforeAll(() => ({ aws } = env));

const waitFor = <T>(probe: () => T | Promise<T>, ms: number, what: string) => waitLogged(probe, ms, what, controller?.logs);

async function startController(): Promise<ServiceRun> {
  const c = await startServiceController(service, hooks, aws, ns, ["--reconcile-resources", "TrainingJob"]);
  await waitLogged(() => c.isReady(), 60_000, "controller ready", c.logs);
  return c;
}

interface KubeEvent {
  type: string;
  reason: string;
  message: string;
  involvedObject: { name: string; uid?: string };
}

async function eventsOf(name: string): Promise<KubeEvent[]> {
  const { items } = await controller!.kube.list<KubeEvent>(CORE.events, ns);
  return items.filter((e) => e.involvedObject.name === name);
}

const progress = (events: KubeEvent[]) => events.filter((e) => e.reason in SECONDARY_STATUS_MESSAGES).map((e) => `${e.type} ${e.reason}: ${e.message}`);

/** An annotation change wakes the controller at once (it watches annotations), so each Describe moves the hold on. */
function poke(name: string, i: number): void {
  kubectl(["annotate", "--overwrite", "trainingjobs", name, "-n", ns, `test.ack-ts/poke=${i}`]);
}

it("one Event per secondary-status transition, none repeated by resyncs or a controller restart", async () => {
  const name = uniqueName("tj");
  await aws.control.hold(trainingJobInProgress(name, { describes: 1 }));
  controller = await startController();
  const r = kubectl(["apply", "-f", "-"], { input: JSON.stringify(trainingJobManifest(ns, name)) });
  if (r.status !== 0) throw new Error(r.stderr);

  // The controller sees each phase in turn: Starting, Downloading, Training, Uploading, then Completed.
  const seen: string[] = [];
  for (let i = 0; ; i++) {
    const o = await controller!.kube.get<KubeObject>(REF, ns, name);
    const s = o?.status?.secondaryStatus as string | undefined;
    if (s && seen[seen.length - 1] !== s) seen.push(s);
    if (o?.status?.trainingJobStatus === "Completed") break;
    if (i > 300) throw new Error(`job never completed (saw ${seen.join(", ")})\n${controller!.logs.slice(-15).join("\n")}`);
    if (i % 5 === 4) poke(name, i);
    await new Promise((res) => setTimeout(res, 200));
  }
  expect(seen.length).toBeGreaterThanOrEqual(3);

  const expected = ["Starting", "Downloading", "Training", "Uploading", "Completed"].map((s) => `Normal ${s}: ${SECONDARY_STATUS_MESSAGES[s]}`);
  // Completed has no StatusMessage from the hold; the hook says what happened.
  expected[4] = "Normal Completed: Training job is now Completed";
  await waitFor(async () => progress(await eventsOf(name)).length >= 5, 30_000, "five progress events");
  const sortByOrder = (xs: string[]) => [...xs].sort((a, b) => expected.indexOf(a) - expected.indexOf(b));
  expect(sortByOrder(progress(await eventsOf(name)))).toEqual(expected);

  // More reconciles (annotation changes), then a new controller process: nothing is reported again.
  // Each window ends with a second poke's Describe: reconciles of one object run one at a time, so
  // the reconcile the first poke woke (and any Event it would post) has finished by then.
  const reconciled = async (first: number) => {
    for (const i of [first, first + 1]) {
      const mark = await aws.control.mark();
      poke(name, i);
      await callsAfterReads(aws.control, mark, readOf("DescribeTrainingJob", name), 1, `a reconcile (DescribeTrainingJob) after poke ${i}`, { logs: controller!.logs });
    }
  };
  for (let i = 0; i < 3; i++) poke(name, 1000 + i);
  await reconciled(1003);
  await controller.stop();
  controller = await startController();
  await reconciled(2000);
  expect(sortByOrder(progress(await eventsOf(name)))).toEqual(expected);

  // kubectl shows the progress and the status columns.
  const described = kubectl(["describe", "trainingjob", name, "-n", ns]);
  for (const s of ["Starting", "Downloading", "Training", "Uploading", "Completed"]) expect(described.stdout).toMatch(new RegExp(`Normal\\s+${s}\\s`));
  const table = kubectl(["get", "trainingjobs", name, "-n", ns]).stdout.split("\n");
  expect(table[0]).toMatch(/^NAME\s+STATUS\s+SECONDARY-STATUS\s+SYNCED\s+AGE\s*$/);
  expect(table[1]).toMatch(new RegExp(`^${name}\\s+Completed\\s+Completed\\s+\\S+\\s+\\S+`));
});
