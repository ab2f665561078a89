// The generated controllers (not test descriptors), started the way a user starts them:
// `npm run controller -- <service> [flags]`, both at once, against kube-apiserver and moto.
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from "@aws-sdk/client-application-auto-scaling";
import { DescribeModelCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { CORE, type KubeClient, type ResourceRef } from "../../runtime/k8s/client";
import type { KubeObject } from "../../runtime/k8s/types";
import type { Condition } from "../../runtime/reconcile/conditions";
import { uniqueName, type TestAws } from "../env/aws/testing";
import { testContext } from "../env/context";
import { awsFlags, startControllerProcess, withControllerProcesses, type ControllerProcess } from "./controller-process";
import { waitFor } from "../support/wait";

const TARGETS: ResourceRef = { group: "applicationautoscaling.services.k8s.aws", version: "v1alpha1", plural: "scalabletargets" };
const MODELS: ResourceRef = { group: "sagemaker.services.k8s.aws", version: "v1alpha1", plural: "models" };
const ACCOUNT = "123456789012";

let aws: TestAws;
let kube: KubeClient;
let autoscaling: ControllerProcess;
let sagemaker: ControllerProcess;
const ns = uniqueName("gen");

const condition = (o: KubeObject | undefined, type: string) => ((o?.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
const tail = (...ps: ControllerProcess[]) => () => ps.map((p) => `\n--- ${p.service} (tail) ---\n${p.logs.slice(-8).map((l) => JSON.stringify(l)).join("\n")}\n${p.stderr.join("\n")}`).join("");

const processes = withControllerProcesses({ ns });
beforeAll(async () => {
  ({ aws, kube } = processes);
  const env = { KUBECONFIG: testContext().kubeconfig };
  [autoscaling, sagemaker] = await Promise.all([
    processes.start("application-auto-scaling", awsFlags(aws, ns), { env }),
    processes.start("sagemaker", awsFlags(aws, ns), { env }),
  ]);
  await waitFor(async () => (await autoscaling.ready()) && (await sagemaker.ready()), 60_000, "both controllers ready", tail(autoscaling, sagemaker));
});

describe("generated controllers via npm run controller", () => {
  const modelName = uniqueName("model");
  const resourceID = `endpoint/${uniqueName("ep")}/variant/v1`;

  it("a ScalableTarget and a SageMaker Model, applied together, reach ResourceSynced=True with ackResourceMetadata", async () => {
    await kube.create(TARGETS, ns, {
      apiVersion: `${TARGETS.group}/v1alpha1`,
      kind: "ScalableTarget",
      metadata: { name: "target", namespace: ns },
      spec: { serviceNamespace: "sagemaker", resourceID, scalableDimension: "sagemaker:variant:DesiredInstanceCount", minCapacity: 1, maxCapacity: 20 },
    });
    await kube.create(MODELS, ns, {
      apiVersion: `${MODELS.group}/v1alpha1`,
      kind: "Model",
      metadata: { name: "model", namespace: ns },
      spec: {
        modelName,
        executionRoleARN: `arn:aws:iam::${ACCOUNT}:role/sagemaker`,
        primaryContainer: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/xgboost:1`, modelDataURL: "s3://bucket/model.tar.gz" },
      },
    });
    const synced = (ref: ResourceRef, name: string) =>
      waitFor(async () => {
        const o = await kube.get<KubeObject>(ref, ns, name);
        return condition(o, "ACK.ResourceSynced")?.status === "True" ? o : undefined;
      }, 45_000, `${name} synced`, tail(autoscaling, sagemaker));
    const [target, model] = await Promise.all([synced(TARGETS, "target"), synced(MODELS, "model")]);

    expect(target.status?.ackResourceMetadata).toMatchObject({ arn: expect.stringMatching(/^arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target\//), ownerAccountID: ACCOUNT, region: aws.region });
    expect(model.status?.ackResourceMetadata).toMatchObject({ arn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/${modelName}`, ownerAccountID: ACCOUNT, region: aws.region });
    // roleARN is late-initialized from AWS (the service-linked role).
    expect(target.spec?.roleARN).toMatch(/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint$/);

    const aas = new ApplicationAutoScalingClient(aws.clientConfig());
    const sm = new SageMakerClient(aws.clientConfig());
    expect((await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "sagemaker", ResourceIds: [resourceID] }))).ScalableTargets?.[0]).toMatchObject({ MinCapacity: 1, MaxCapacity: 20 });
    expect(await sm.send(new DescribeModelCommand({ ModelName: modelName }))).toMatchObject({ ModelName: modelName });
    aas.destroy();
    sm.destroy();

    const events = await kube.list<{ involvedObject: { name: string; kind: string }; reason: string }>(CORE.events, ns);
    expect(events.items.filter((e) => e.reason === "Created").map((e) => e.involvedObject.kind).sort()).toEqual(["Model", "ScalableTarget"]);
  });

  it("deleting them removes the AWS resources and the objects", async () => {
    for (const [ref, name] of [[TARGETS, "target"], [MODELS, "model"]] as const) {
      await kube.http.request("DELETE", `/apis/${ref.group}/${ref.version}/namespaces/${ns}/${ref.plural}/${name}`);
    }
    await waitFor(async () => !(await kube.get(TARGETS, ns, "target")) && !(await kube.get(MODELS, ns, "model")), 30_000, "objects gone", tail(autoscaling, sagemaker));
    // These resources' deletes: moto and the proxy outlive each file in a whole-suite run, so any
    // earlier file's delete would otherwise do.
    const deleted = await aws.control.calls({});
    expect(deleted.some((c) => c.operation === "DeregisterScalableTarget" && c.resource === resourceID && c.status === 200)).toBe(true);
    expect(deleted.some((c) => c.operation === "DeleteModel" && c.resource === modelName && c.status === 200)).toBe(true);
  });

  it("missing AWS credentials: one clear error line, exit 1", async () => {
    const p = await startControllerProcess("application-auto-scaling", awsFlags(aws, ns), {
      env: { KUBECONFIG: testContext().kubeconfig, AWS_EC2_METADATA_DISABLED: "true", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent" },
      unset: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"],
    });
    expect(await p.exited).toEqual({ code: 1, signal: null });
    expect(p.stderr).toEqual([expect.stringMatching(/^ack-application-auto-scaling-controller: AWS credentials could not be resolved .*Provide IRSA \(AWS_ROLE_ARN \+ AWS_WEB_IDENTITY_TOKEN_FILE\)/)]);
  });
});
