/**
 * Corrections for operations the controllers need but the pinned moto (5.2.5) does not implement: it answers them
 * with HTTP 500 "The <op> action has not been implemented". The proxy answers as AWS would and overlays the state
 * AWS documents on later Describe calls. Pure: decisions and overlays only; the proxy does the I/O.
 */
import type { Body } from "./holds";

export interface StopCorrection {
  operation: string;
  describe: string;
  statusField: string;
  /** States from which AWS accepts a stop. */
  stoppable: string[];
  /** Shown on the Describe calls right after the stop (a one-Describe hold unless the test armed its own). */
  stopping: Record<string, unknown>;
  /** The documented end state, overlaid on every later Describe. */
  stopped: Record<string, unknown>;
  reference: string;
}

const SM_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference";

export const STOP_CORRECTIONS: StopCorrection[] = [
  {
    operation: "StopTrainingJob",
    describe: "DescribeTrainingJob",
    statusField: "TrainingJobStatus",
    stoppable: ["InProgress"],
    stopping: { TrainingJobStatus: "Stopping", SecondaryStatus: "Stopping" },
    stopped: { TrainingJobStatus: "Stopped", SecondaryStatus: "Stopped" },
    // "Stops a training job ... the status changes to Stopping ... then to Stopped"; moto: not implemented.
    reference: `${SM_API}/API_StopTrainingJob.html`,
  },
  {
    operation: "StopTransformJob",
    describe: "DescribeTransformJob",
    statusField: "TransformJobStatus",
    stoppable: ["InProgress"],
    stopping: { TransformJobStatus: "Stopping" },
    stopped: { TransformJobStatus: "Stopped" },
    reference: `${SM_API}/API_StopTransformJob.html`,
  },
  {
    operation: "StopHyperParameterTuningJob",
    describe: "DescribeHyperParameterTuningJob",
    statusField: "HyperParameterTuningJobStatus",
    stoppable: ["InProgress"],
    stopping: { HyperParameterTuningJobStatus: "Stopping" },
    stopped: { HyperParameterTuningJobStatus: "Stopped" },
    reference: `${SM_API}/API_StopHyperParameterTuningJob.html`,
  },
  {
    operation: "StopPipelineExecution",
    describe: "DescribePipelineExecution",
    statusField: "PipelineExecutionStatus",
    stoppable: ["Executing"],
    stopping: { PipelineExecutionStatus: "Stopping" },
    stopped: { PipelineExecutionStatus: "Stopped" },
    reference: `${SM_API}/API_StopPipelineExecution.html`,
  },
];

export const UPDATE_ENDPOINT_REFERENCE = `${SM_API}/API_UpdateEndpoint.html`;

/** Operations the proxy answers itself; moto is still asked for the resource's current state. */
export const CORRECTED_OPERATIONS = new Set([...STOP_CORRECTIONS.map((c) => c.operation), "UpdateEndpoint"]);

/**
 * Create fields the pinned moto (5.2.5) never stores, so its Describe leaves them out where AWS returns
 * them. The proxy remembers them from the Create and echoes them on the Describe, so manifests that set
 * them (ACK's e2e TrainingJob sets retryStrategy and environment) read back as on AWS.
 */
export interface EchoCorrection {
  create: string;
  describe: string;
  fields: string[];
  /** Where moto drops them. */
  gap: string;
}

const MOTO_SM = "moto 5.2.5 moto/sagemaker";

export const ECHO_CORRECTIONS: EchoCorrection[] = [
  {
    create: "CreateTrainingJob",
    describe: "DescribeTrainingJob",
    fields: ["Environment", "RetryStrategy", "RemoteDebugConfig", "InfraCheckConfig", "SessionChainingConfig"],
    gap: `${MOTO_SM}/responses.py create_training_job does not read them; FakeTrainingJob has no such attributes (${SM_API}/API_DescribeTrainingJob.html returns them)`,
  },
  {
    create: "CreateProcessingJob",
    describe: "DescribeProcessingJob",
    fields: ["ProcessingResources", "Environment"],
    gap: `${MOTO_SM}/responses.py create_processing_job does not read them; FakeProcessingJob has no such attributes (${SM_API}/API_DescribeProcessingJob.html returns them)`,
  },
  {
    // moto 5.2.5 keeps AsyncInferenceConfig, DataCaptureConfig and KmsKeyId; these it drops.
    create: "CreateEndpointConfig",
    describe: "DescribeEndpointConfig",
    fields: ["ShadowProductionVariants", "ExecutionRoleArn", "VpcConfig", "EnableNetworkIsolation"],
    gap: `${MOTO_SM}/responses.py create_endpoint_config does not read them; FakeEndpointConfig has no such attributes (${SM_API}/API_DescribeEndpointConfig.html returns them)`,
  },
];

/** The Describe overlay a successful Create leaves: the dropped fields the request set, as sent. */
export function echoAfterCreate(operation: string, input: Body): { describe: string; overlay: Body } | undefined {
  const c = ECHO_CORRECTIONS.find((e) => e.create === operation);
  if (!c) return undefined;
  const overlay: Body = {};
  for (const f of c.fields) if (input[f] !== undefined) overlay[f] = input[f];
  return Object.keys(overlay).length ? { describe: c.describe, overlay } : undefined;
}

export function stopCorrectionFor(operation: string): StopCorrection | undefined {
  return STOP_CORRECTIONS.find((c) => c.operation === operation);
}

export type Decision = { accept: true } | { accept: false; code: string; message: string };

/** AWS rejects a stop of a job that is not running with a ValidationException naming its status. */
export function decideStop(c: StopCorrection, current: Body, name: string): Decision {
  const status = current[c.statusField];
  if (typeof status === "string" && c.stoppable.includes(status)) return { accept: true };
  if (status === c.stopping[c.statusField]) return { accept: true }; // stopping again is a no-op
  const kind = c.describe.replace(/^Describe/, "");
  return { accept: false, code: "ValidationException", message: `The request was rejected because the ${kind} ${name} is in status ${String(status)}.` };
}

/** UpdateEndpoint is accepted only for an InService endpoint ("Cannot update in-progress endpoint"). */
export function decideUpdateEndpoint(current: Body): Decision {
  if (current.EndpointStatus === "InService") return { accept: true };
  return {
    accept: false,
    code: "ValidationException",
    message: `Cannot update in-progress endpoint "${String(current.EndpointArn)}".`,
  };
}

interface ConfigVariant {
  VariantName?: string;
  InitialInstanceCount?: number;
  InitialVariantWeight?: number;
  ServerlessConfig?: unknown;
}

/**
 * The endpoint's variants after UpdateEndpoint switches it to `config`. With RetainAllVariantProperties=true, a
 * variant that exists in both keeps its current instance count and weight (UpdateEndpoint docs); others start
 * from the new config's initial values.
 */
export function variantsAfterUpdate(current: unknown, config: unknown, retainAll: boolean): Body[] {
  const now = Array.isArray(current) ? (current as Body[]) : [];
  const wanted = Array.isArray(config) ? (config as ConfigVariant[]) : [];
  return wanted.map((v) => {
    const existing = retainAll ? now.find((c) => c.VariantName === v.VariantName) : undefined;
    if (existing) return existing;
    const weight = v.InitialVariantWeight ?? 1;
    return {
      VariantName: v.VariantName,
      ...(v.InitialInstanceCount !== undefined ? { CurrentInstanceCount: v.InitialInstanceCount, DesiredInstanceCount: v.InitialInstanceCount } : {}),
      CurrentWeight: weight,
      DesiredWeight: weight,
      ...(v.ServerlessConfig ? { CurrentServerlessConfig: v.ServerlessConfig, DesiredServerlessConfig: v.ServerlessConfig } : {}),
    };
  });
}

export function endpointAfterUpdate(current: Body, config: Body, input: Body, nowSeconds: number): Record<string, unknown> {
  return {
    EndpointConfigName: input.EndpointConfigName,
    ProductionVariants: variantsAfterUpdate(current.ProductionVariants, config.ProductionVariants, input.RetainAllVariantProperties === true),
    LastModifiedTime: nowSeconds,
  };
}

/**
 * moto's not-found answers for some SageMaker Describe calls differ from AWS's in code or message. The
 * controllers recognise "not found" by AWS's code and message (ACK's generator.yaml rules, observed on AWS),
 * so the proxy rewrites moto's answer to AWS's; everything else about the call is left alone.
 */
export interface NotFoundCorrection {
  describe: string;
  /** moto's message (5.2.5). */
  moto: RegExp;
  code: string;
  /** AWS's message for the resource named in the request. */
  message: (input: Body) => string;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

export const NOT_FOUND_CORRECTIONS: NotFoundCorrection[] = [
  // ACK sagemaker generator.yaml TrainingJob: 404 ValidationException "Requested resource not found".
  { describe: "DescribeTrainingJob", moto: /^Could not find training job/, code: "ValidationException", message: () => "Requested resource not found." },
  // ProcessingJob and TransformJob: "Could not find requested job with name …".
  { describe: "DescribeProcessingJob", moto: /^Could not find processing job/, code: "ValidationException", message: (i) => `Could not find requested job with name ${str(i.ProcessingJobName)}` },
  { describe: "DescribeTransformJob", moto: /^Could not find transform job/, code: "ValidationException", message: (i) => `Could not find requested job with name ${str(i.TransformJobName)}` },
  // ModelPackage: ValidationException "… does not exist."
  { describe: "DescribeModelPackage", moto: /^Model package .* not found$/, code: "ValidationException", message: (i) => `ModelPackage ${str(i.ModelPackageName)} does not exist.` },
  // Pipeline and PipelineExecution: ResourceNotFound "… does not exist." (the Smithy model's declared error).
  { describe: "DescribePipeline", moto: /^Could not find pipeline/, code: "ResourceNotFound", message: (i) => `Pipeline '${str(i.PipelineName)}' does not exist.` },
  { describe: "DescribePipelineExecution", moto: /^Could not find pipeline/, code: "ResourceNotFound", message: (i) => `Pipeline execution '${str(i.PipelineExecutionArn)}' does not exist.` },
  // Domain: the Smithy model's declared ResourceNotFound.
  { describe: "DescribeDomain", moto: /^Could not find domain/, code: "ResourceNotFound", message: (i) => `Domain ${str(i.DomainId)} does not exist.` },
  // Trial, TrialComponent and Cluster: the Smithy model's declared ResourceNotFound (moto: ValidationException
  // "Could not find trial '<arn>'." from describe_trial / describe_trial_component / describe_cluster).
  { describe: "DescribeTrial", moto: /^Could not find trial '/, code: "ResourceNotFound", message: (i) => `Trial ${str(i.TrialName)} does not exist.` },
  { describe: "DescribeTrialComponent", moto: /^Could not find trial component/, code: "ResourceNotFound", message: (i) => `TrialComponent ${str(i.TrialComponentName)} does not exist.` },
  { describe: "DescribeCluster", moto: /^Could not find cluster/, code: "ResourceNotFound", message: (i) => `Cluster ${str(i.ClusterName)} not found.` },
];

/**
 * Describe calls where moto 5.2.5 answers a missing resource with an unhandled KeyError: HTTP 500 and an HTML error
 * page (no JSON, so the SDK reports a deserialization SyntaxError). AWS answers 400 with the operation's declared
 * not-found error. Without this a controller's first read (does it exist yet?) never succeeds, so it never creates.
 */
export const SERVER_ERROR_NOT_FOUND: NotFoundCorrection[] = [
  // DescribeFeatureGroup declares ResourceNotFound (${SM_API}/API_DescribeFeatureGroup.html); moto:
  // `self.feature_groups[arn]` in describe_feature_group.
  {
    describe: "DescribeFeatureGroup",
    moto: /^\s*<!doctype html>/i,
    code: "ResourceNotFound",
    message: (i) => `Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${str(i.FeatureGroupName)}`,
  },
  // DescribeExperiment declares ResourceNotFound (${SM_API}/API_DescribeExperiment.html); moto:
  // `self.experiments[experiment_name]` in describe_experiment.
  {
    describe: "DescribeExperiment",
    moto: /^\s*<!doctype html>/i,
    code: "ResourceNotFound",
    message: (i) => `Experiment ${str(i.ExperimentName)} does not exist.`,
  },
];

/** AWS's not-found answer for moto's HTML 500 to a Describe of a missing resource; undefined for any other 500. */
export function correctServerErrorNotFound(operation: string, input: Body, body: string): { code: string; message: string } | undefined {
  const c = SERVER_ERROR_NOT_FOUND.find((n) => n.describe === operation);
  if (!c || !c.moto.test(body)) return undefined;
  return { code: c.code, message: c.message(input) };
}

/** AWS's not-found answer for a moto error body, or undefined when moto's already matches AWS's. */
export function correctNotFound(operation: string, input: Body, error: { code: string; message: string }): { code: string; message: string } | undefined {
  const c = NOT_FOUND_CORRECTIONS.find((n) => n.describe === operation);
  if (!c || !c.moto.test(error.message)) return undefined;
  return { code: c.code, message: c.message(input) };
}

/**
 * AWS's service-linked roles for Application Auto Scaling, by service namespace (User Guide, "Service-linked
 * roles for Application Auto Scaling"). AWS's DescribeScalableTargets always reports RoleARN (required in the
 * model); moto reports null when the registration named none, which would leave a late-initialized roleARN
 * pending forever.
 */
const SERVICE_LINKED_ROLES: Record<string, string> = {
  appstream: "AppStreamFleet",
  cassandra: "CassandraTable",
  comprehend: "ComprehendEndpoint",
  "custom-resource": "CustomResource",
  dynamodb: "DynamoDBTable",
  ec2: "EC2SpotFleetRequest",
  ecs: "ECSService",
  elasticache: "ElastiCacheRG",
  kafka: "KafkaCluster",
  lambda: "LambdaConcurrency",
  neptune: "NeptuneCluster",
  rds: "RDSCluster",
  sagemaker: "SageMakerEndpoint",
  workspaces: "WorkSpacesPool",
};

export const SERVICE_LINKED_ROLE_REFERENCE = "https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html";

export function serviceLinkedRoleArn(serviceNamespace: string, accountId: string, partition = "aws"): string | undefined {
  const suffix = SERVICE_LINKED_ROLES[serviceNamespace];
  if (!suffix) return undefined;
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/${serviceNamespace}.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_${suffix}`;
}

/** DescribeScalableTargets output with each missing RoleARN filled as AWS fills it; undefined when nothing changed. */
export function withServiceLinkedRoles(output: Body): Body | undefined {
  const targets = output.ScalableTargets;
  if (!Array.isArray(targets)) return undefined;
  let changed = false;
  const filled = (targets as Body[]).map((t) => {
    if (t.RoleARN) return t;
    const [, partition, , , account] = str(t.ScalableTargetARN).split(":");
    const role = account ? serviceLinkedRoleArn(str(t.ServiceNamespace), account, partition || "aws") : undefined;
    if (!role) return t;
    changed = true;
    return { ...t, RoleARN: role };
  });
  return changed ? { ...output, ScalableTargets: filled } : undefined;
}

/**
 * SageMaker AddTags overwrites the value of an existing key (API_AddTags: "If the tag key already exists, the
 * value is overwritten"); moto 5.2.5 appends a second entry instead, so ListTags shows the key twice. The
 * proxy answers ListTags with the latest value of each key, as AWS would. Undefined when nothing repeats.
 */
export function latestTagPerKey(output: Body): Body | undefined {
  const tags = output.Tags;
  if (!Array.isArray(tags)) return undefined;
  const last = new Map<unknown, unknown>();
  for (const t of tags as Body[]) last.set(t.Key, t.Value);
  if (last.size === tags.length) return undefined;
  return { ...output, Tags: [...last].map(([Key, Value]) => ({ Key, Value })) };
}

/**
 * moto 5.2.5's ListTags finds a resource by splitting its ARN into `<type>/<name>` and knows only some
 * types (moto-coverage.md §2.14): a feature group, lifecycle config, model package or pipeline execution
 * raises an unhandled error (HTTP 500, HTML), so a controller managing tags never settles. AWS answers
 * with the tags the resource was created with, as changed by AddTags/DeleteTags since; the proxy
 * answers that from the calls it recorded. Undefined when the call is not such a ListTags.
 */
export function tagsFromRecordedCalls(arn: string, calls: readonly { operation: string; status: number; input: Body; resource?: string }[]): Body | undefined {
  const m = /^arn:[^:]+:sagemaker:[^:]*:[^:]*:(feature-group|notebook-instance-lifecycle-config|model-package|pipeline-execution)\/(.+)$/.exec(arn);
  if (!m) return undefined;
  const name = m[2]!.toLowerCase();
  const tags = new Map<unknown, unknown>();
  for (const c of calls) {
    if (c.status >= 300) continue;
    if (c.operation.startsWith("Create") && (c.resource ?? "").toLowerCase() === name) {
      tags.clear();
      for (const t of (Array.isArray(c.input.Tags) ? c.input.Tags : []) as Body[]) tags.set(t.Key, t.Value);
    } else if (c.input.ResourceArn === arn && c.operation === "AddTags") {
      for (const t of (Array.isArray(c.input.Tags) ? c.input.Tags : []) as Body[]) tags.set(t.Key, t.Value);
    } else if (c.input.ResourceArn === arn && c.operation === "DeleteTags") {
      for (const k of (Array.isArray(c.input.TagKeys) ? c.input.TagKeys : []) as unknown[]) tags.delete(k);
    }
  }
  return { Tags: [...tags].map(([Key, Value]) => ({ Key, Value })) };
}
