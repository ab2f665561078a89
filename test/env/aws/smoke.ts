/**
 * Smoke check of the pinned moto: calls every operation the controllers use through the real AWS SDK v3 clients,
 * straight at moto (not through the proxy), and compares moto's raw answers with what this harness expects of
 * moto 5.2.5: which operations it serves, which it lacks (the proxy corrects those), numeric timestamps, and the
 * fields the controllers read. A moto upgrade that fixes or breaks something fails here first.
 */
import * as AAS from "@aws-sdk/client-application-auto-scaling";
import * as Logs from "@aws-sdk/client-cloudwatch-logs";
import * as SM from "@aws-sdk/client-sagemaker";
import * as SNS from "@aws-sdk/client-sns";
import * as SQS from "@aws-sdk/client-sqs";
import * as STS from "@aws-sdk/client-sts";
import { captureRawResponses, type RawResponse } from "./raw-capture";
import { snsSteps, sqsSteps } from "./smoke-sqs-sns";
import { epochSecondsOf } from "./timestamps";

export type Expect = "native" | "missing";

export interface SmokeCheck {
  service: string;
  operation: string;
  expect: Expect;
  ok: boolean;
  status: number;
  detail?: string;
}

export interface SmokeReport {
  ok: boolean;
  checks: SmokeCheck[];
  durationMs: number;
}

export interface Step {
  service: string;
  operation: string;
  expect: Expect;
  run(): Promise<unknown>;
  /** Top-level fields moto must return (dotted paths allowed). */
  fields?: string[];
  /** Field → exact value moto must return. */
  values?: Record<string, unknown>;
  /** Fields moto must not return (a gap the proxy corrects; the check fails once moto closes it). */
  absent?: string[];
}

const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ack-ts-smoke`;
const TIME_KEY = /(Time|Timestamp|Date|At|TimeStamp)$/;

/** Pure: JSON paths under time-named keys whose value is a date string instead of epoch seconds. */
export function stringTimestampPaths(value: unknown, path = "", key = ""): string[] {
  if (typeof value === "string") return TIME_KEY.test(key) && epochSecondsOf(value) !== undefined ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringTimestampPaths(v, `${path}[${i}]`, key));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => stringTimestampPaths(v, path ? `${path}.${k}` : k, k));
  }
  return [];
}

function get(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Pure: compares one raw moto answer with the step's expectation. */
export function judge(step: Pick<Step, "expect" | "fields" | "values" | "absent">, raw: RawResponse | undefined): { ok: boolean; detail?: string } {
  if (!raw) return { ok: false, detail: "no HTTP response (connection failed)" };
  if (step.expect === "missing") {
    if (raw.status === 500) return { ok: true };
    return { ok: false, detail: `moto now answers HTTP ${raw.status}: it may implement this operation; retire the proxy correction and update the smoke expectation` };
  }
  if (raw.status !== 200) return { ok: false, detail: `HTTP ${raw.status}: ${raw.body.slice(0, 300)}` };
  if (raw.body.trimStart().startsWith("<")) return judgeXml(step, raw.body);
  let parsed: unknown = {};
  if (raw.body.trim()) {
    try {
      parsed = JSON.parse(raw.body);
    } catch {
      return { ok: false, detail: `body is not JSON: ${raw.body.slice(0, 120)}` };
    }
  }
  const problems: string[] = [];
  const strings = stringTimestampPaths(parsed);
  if (strings.length) problems.push(`string timestamps (the proxy's timestamp correction fires): ${strings.join(", ")}`);
  for (const f of step.fields ?? []) if (get(parsed, f) === undefined) problems.push(`missing field ${f}`);
  for (const f of step.absent ?? []) if (get(parsed, f) !== undefined) problems.push(`${f} is now returned: moto closed this gap; retire the proxy correction`);
  for (const [f, v] of Object.entries(step.values ?? {})) {
    if (get(parsed, f) !== v) problems.push(`${f} is ${JSON.stringify(get(parsed, f))}, expected ${JSON.stringify(v)}`);
  }
  return problems.length ? { ok: false, detail: problems.join("; ") } : { ok: true };
}

/**
 * awsQuery (STS, SNS) answers in XML with ISO-8601 timestamps, which is what that protocol specifies. A field is an
 * element, or an entry key of an attribute map (`<key>Token</key>`).
 */
function judgeXml(step: Pick<Step, "fields" | "absent">, body: string): { ok: boolean; detail?: string } {
  const has = (f: string) => {
    const name = f.split(".").pop();
    return body.includes(`<${name}>`) || body.includes(`<key>${name}</key>`);
  };
  const problems = [
    ...(step.fields ?? []).filter((f) => !has(f)).map((f) => `missing element ${f}`),
    ...(step.absent ?? []).filter(has).map((f) => `${f} is now returned: moto closed this gap; retire the proxy correction`),
  ];
  return problems.length ? { ok: false, detail: problems.join("; ") } : { ok: true };
}

export async function runSmoke(opts: { endpoint: string; region: string }): Promise<SmokeReport> {
  const started = Date.now();
  const seen: { last?: RawResponse } = {};
  const config = {
    region: opts.region,
    endpoint: opts.endpoint,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    maxAttempts: 1,
  };
  const sm = new SM.SageMakerClient(config);
  const aas = new AAS.ApplicationAutoScalingClient(config);
  const sts = new STS.STSClient(config);
  const logs = new Logs.CloudWatchLogsClient(config);
  const sqs = new SQS.SQSClient(config);
  const sns = new SNS.SNSClient(config);
  const clients = [sm, aas, sts, logs, sqs, sns];
  for (const c of clients) captureRawResponses(c as never, (raw) => (seen.last = raw));

  const id = `smoke${Date.now().toString(36)}`;
  const steps = [...smokeSteps({ sm, aas, sts, logs }, id), ...sqsSteps(sqs, id), ...snsSteps(sns, id)];
  const checks: SmokeCheck[] = [];
  for (const step of steps) {
    seen.last = undefined;
    try {
      await step.run();
    } catch {
      // judged from the raw response below
    }
    const raw = seen.last as RawResponse | undefined; // set by the capture middleware during run()
    const verdict = judge(step, raw);
    checks.push({ service: step.service, operation: step.operation, expect: step.expect, status: raw?.status ?? 0, ...verdict });
  }
  for (const c of clients) c.destroy();
  return { ok: checks.every((c) => c.ok), checks, durationMs: Date.now() - started };
}

export function formatSmokeReport(report: SmokeReport): string {
  const bad = report.checks.filter((c) => !c.ok);
  const lines = bad.map((c) => `  ✗ ${c.service} ${c.operation} (expected ${c.expect}): ${c.detail}`);
  return [`${report.checks.length - bad.length}/${report.checks.length} moto checks as expected (${report.durationMs} ms)`, ...lines].join("\n");
}

interface Clients {
  sm: SM.SageMakerClient;
  aas: AAS.ApplicationAutoScalingClient;
  sts: STS.STSClient;
  logs: Logs.CloudWatchLogsClient;
}

function smokeSteps({ sm, aas, sts, logs }: Clients, id: string): Step[] {
  const s3 = `s3://ack-ts-smoke/${id}`;
  const image = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/img:latest`;
  const n = (kind: string) => `${id}-${kind}`;
  const ctx: { executionArn?: string; packageArn?: string } = {};
  const smStep = (operation: string, expect: Expect, run: () => Promise<unknown>, more: Partial<Step> = {}): Step => ({
    service: "sagemaker",
    operation,
    expect,
    run,
    ...more,
  });
  const endpointInput = { EndpointName: n("ep"), LocalPath: "/opt/ml/processing/input" };
  const monitoringResources = { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.large" as const, VolumeSizeInGB: 20 } };
  const monitoringOutput = { MonitoringOutputs: [{ S3Output: { S3Uri: `${s3}/monitor`, LocalPath: "/opt/ml/processing/output" } }] };
  const appSpec = { ImageUri: image };
  const trainingInput = {
    AlgorithmSpecification: { TrainingImage: image, TrainingInputMode: "File" as const },
    RoleArn: ROLE,
    OutputDataConfig: { S3OutputPath: `${s3}/out` },
    ResourceConfig: { InstanceType: "ml.m5.large" as const, InstanceCount: 1, VolumeSizeInGB: 10 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  };
  const send = <T>(client: { send(c: never): Promise<T> }, command: unknown) => client.send(command as never);

  return [
    // Model, EndpointConfig, Endpoint
    smStep("CreateModel", "native", () => send(sm, new SM.CreateModelCommand({ ModelName: n("model"), ExecutionRoleArn: ROLE, PrimaryContainer: { Image: image } })), { fields: ["ModelArn"] }),
    smStep("DescribeModel", "native", () => send(sm, new SM.DescribeModelCommand({ ModelName: n("model") })), { fields: ["ModelArn", "CreationTime", "PrimaryContainer.Image"] }),
    smStep("CreateEndpointConfig", "native", () => send(sm, new SM.CreateEndpointConfigCommand({
      EndpointConfigName: n("epc"),
      ProductionVariants: [{ VariantName: "AllTraffic", ModelName: n("model"), InitialInstanceCount: 1, InstanceType: "ml.m5.large", InitialVariantWeight: 1 }],
    })), { fields: ["EndpointConfigArn"] }),
    smStep("DescribeEndpointConfig", "native", () => send(sm, new SM.DescribeEndpointConfigCommand({ EndpointConfigName: n("epc") })), { fields: ["CreationTime", "ProductionVariants"] }),
    smStep("CreateEndpoint", "native", () => send(sm, new SM.CreateEndpointCommand({ EndpointName: n("ep"), EndpointConfigName: n("epc") })), { fields: ["EndpointArn"] }),
    smStep("DescribeEndpoint", "native", () => send(sm, new SM.DescribeEndpointCommand({ EndpointName: n("ep") })), {
      fields: ["CreationTime", "LastModifiedTime", "ProductionVariants"],
      values: { EndpointStatus: "InService", EndpointConfigName: n("epc") },
    }),
    smStep("UpdateEndpoint", "missing", () => send(sm, new SM.UpdateEndpointCommand({ EndpointName: n("ep"), EndpointConfigName: n("epc"), RetainAllVariantProperties: true }))),
    // Jobs
    smStep("CreateTrainingJob", "native", () => send(sm, new SM.CreateTrainingJobCommand({ TrainingJobName: n("tj"), ...trainingInput })), { fields: ["TrainingJobArn"] }),
    smStep("DescribeTrainingJob", "native", () => send(sm, new SM.DescribeTrainingJobCommand({ TrainingJobName: n("tj") })), {
      fields: ["CreationTime", "TrainingStartTime", "SecondaryStatusTransitions", "ModelArtifacts.S3ModelArtifacts"],
      values: { TrainingJobStatus: "Completed", SecondaryStatus: "Completed" },
    }),
    smStep("StopTrainingJob", "missing", () => send(sm, new SM.StopTrainingJobCommand({ TrainingJobName: n("tj") }))),
    smStep("CreateProcessingJob", "native", () => send(sm, new SM.CreateProcessingJobCommand({
      ProcessingJobName: n("pj"),
      RoleArn: ROLE,
      AppSpecification: appSpec,
      ProcessingResources: monitoringResources,
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    })), { fields: ["ProcessingJobArn"] }),
    smStep("DescribeProcessingJob", "native", () => send(sm, new SM.DescribeProcessingJobCommand({ ProcessingJobName: n("pj") })), {
      fields: ["CreationTime"],
      values: { ProcessingJobStatus: "Completed" },
    }),
    smStep("StopProcessingJob", "native", () => send(sm, new SM.StopProcessingJobCommand({ ProcessingJobName: n("pj") }))),
    smStep("CreateTransformJob", "native", () => send(sm, new SM.CreateTransformJobCommand({
      TransformJobName: n("xj"),
      ModelName: n("model"),
      TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: `${s3}/in` } } },
      TransformOutput: { S3OutputPath: `${s3}/xout` },
      TransformResources: { InstanceType: "ml.m5.large", InstanceCount: 1 },
    })), { fields: ["TransformJobArn"] }),
    smStep("DescribeTransformJob", "native", () => send(sm, new SM.DescribeTransformJobCommand({ TransformJobName: n("xj") })), {
      fields: ["CreationTime"],
      values: { TransformJobStatus: "Completed" },
    }),
    smStep("StopTransformJob", "missing", () => send(sm, new SM.StopTransformJobCommand({ TransformJobName: n("xj") }))),
    smStep("CreateHyperParameterTuningJob", "native", () => send(sm, new SM.CreateHyperParameterTuningJobCommand({
      HyperParameterTuningJobName: n("hpo"),
      HyperParameterTuningJobConfig: {
        Strategy: "Bayesian",
        ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 1 },
        HyperParameterTuningJobObjective: { Type: "Minimize", MetricName: "validation:error" },
      },
      TrainingJobDefinition: { ...trainingInput, AlgorithmSpecification: { TrainingImage: image, TrainingInputMode: "File" } },
    })), { fields: ["HyperParameterTuningJobArn"] }),
    smStep("DescribeHyperParameterTuningJob", "native", () => send(sm, new SM.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: n("hpo") })), {
      fields: ["CreationTime"],
      values: { HyperParameterTuningJobStatus: "Completed" },
    }),
    smStep("StopHyperParameterTuningJob", "missing", () => send(sm, new SM.StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: n("hpo") }))),
    smStep("DeleteHyperParameterTuningJob", "native", () => send(sm, new SM.DeleteHyperParameterTuningJobCommand({ HyperParameterTuningJobName: n("hpo") }))),
    // Studio
    smStep("CreateDomain", "native", () => send(sm, new SM.CreateDomainCommand({
      DomainName: n("dom"),
      AuthMode: "IAM",
      DefaultUserSettings: { ExecutionRole: ROLE },
      SubnetIds: ["subnet-12345678"],
      VpcId: "vpc-12345678",
    })), { fields: ["DomainArn"] }),
    smStep("DescribeDomain", "native", () => send(sm, new SM.DescribeDomainCommand({ DomainId: `d-${n("dom")}` })), { fields: ["CreationTime"], values: { Status: "InService" } }),
    smStep("CreateUserProfile", "missing", () => send(sm, new SM.CreateUserProfileCommand({ DomainId: `d-${n("dom")}`, UserProfileName: "u" }))),
    smStep("CreateSpace", "missing", () => send(sm, new SM.CreateSpaceCommand({ DomainId: `d-${n("dom")}`, SpaceName: "s" }))),
    smStep("CreateApp", "missing", () => send(sm, new SM.CreateAppCommand({ DomainId: `d-${n("dom")}`, UserProfileName: "u", AppType: "JupyterServer", AppName: "default" }))),
    smStep("DeleteDomain", "native", () => send(sm, new SM.DeleteDomainCommand({ DomainId: `d-${n("dom")}` }))),
    // Notebooks
    smStep("CreateNotebookInstanceLifecycleConfig", "native", () => send(sm, new SM.CreateNotebookInstanceLifecycleConfigCommand({
      NotebookInstanceLifecycleConfigName: n("nilc"),
      OnStart: [{ Content: Buffer.from("echo hi").toString("base64") }],
    })), { fields: ["NotebookInstanceLifecycleConfigArn"] }),
    smStep("DescribeNotebookInstanceLifecycleConfig", "native", () => send(sm, new SM.DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: n("nilc") })), { fields: ["CreationTime", "LastModifiedTime"] }),
    smStep("CreateNotebookInstance", "native", () => send(sm, new SM.CreateNotebookInstanceCommand({ NotebookInstanceName: n("nb"), InstanceType: "ml.t3.medium", RoleArn: ROLE })), { fields: ["NotebookInstanceArn"] }),
    smStep("DescribeNotebookInstance", "native", () => send(sm, new SM.DescribeNotebookInstanceCommand({ NotebookInstanceName: n("nb") })), { fields: ["CreationTime"], values: { NotebookInstanceStatus: "InService" } }),
    smStep("UpdateNotebookInstance", "missing", () => send(sm, new SM.UpdateNotebookInstanceCommand({ NotebookInstanceName: n("nb"), VolumeSizeInGB: 7 }))),
    smStep("StopNotebookInstance", "native", () => send(sm, new SM.StopNotebookInstanceCommand({ NotebookInstanceName: n("nb") }))),
    smStep("DeleteNotebookInstance", "native", () => send(sm, new SM.DeleteNotebookInstanceCommand({ NotebookInstanceName: n("nb") }))),
    smStep("DeleteNotebookInstanceLifecycleConfig", "native", () => send(sm, new SM.DeleteNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: n("nilc") }))),
    // Model registry
    smStep("CreateModelPackageGroup", "native", () => send(sm, new SM.CreateModelPackageGroupCommand({ ModelPackageGroupName: n("mpg") })), { fields: ["ModelPackageGroupArn"] }),
    smStep("DescribeModelPackageGroup", "native", () => send(sm, new SM.DescribeModelPackageGroupCommand({ ModelPackageGroupName: n("mpg") })), {
      fields: ["CreationTime"],
      values: { ModelPackageGroupStatus: "Completed" },
    }),
    smStep("CreateModelPackage", "native", async () => {
      const out = await sm.send(new SM.CreateModelPackageCommand({
        ModelPackageGroupName: n("mpg"),
        InferenceSpecification: { Containers: [{ Image: image }], SupportedContentTypes: ["text/csv"], SupportedResponseMIMETypes: ["text/csv"] },
      }));
      ctx.packageArn = out.ModelPackageArn;
    }, { fields: ["ModelPackageArn"] }),
    smStep("DescribeModelPackage", "native", () => send(sm, new SM.DescribeModelPackageCommand({ ModelPackageName: ctx.packageArn })), {
      fields: ["CreationTime"],
      values: { ModelPackageStatus: "Completed" },
    }),
    smStep("DeleteModelPackage", "missing", () => send(sm, new SM.DeleteModelPackageCommand({ ModelPackageName: ctx.packageArn }))),
    smStep("DeleteModelPackageGroup", "missing", () => send(sm, new SM.DeleteModelPackageGroupCommand({ ModelPackageGroupName: n("mpg") }))),
    // Feature store
    smStep("CreateFeatureGroup", "native", () => send(sm, new SM.CreateFeatureGroupCommand({
      FeatureGroupName: n("fg"),
      RecordIdentifierFeatureName: "id",
      EventTimeFeatureName: "ts",
      FeatureDefinitions: [{ FeatureName: "id", FeatureType: "String" }, { FeatureName: "ts", FeatureType: "String" }],
      OfflineStoreConfig: { S3StorageConfig: { S3Uri: `${s3}/fs` } },
      RoleArn: ROLE,
    })), { fields: ["FeatureGroupArn"] }),
    smStep("DescribeFeatureGroup", "native", () => send(sm, new SM.DescribeFeatureGroupCommand({ FeatureGroupName: n("fg") })), {
      fields: ["CreationTime"],
      values: { FeatureGroupStatus: "Created" },
    }),
    smStep("DeleteFeatureGroup", "missing", () => send(sm, new SM.DeleteFeatureGroupCommand({ FeatureGroupName: n("fg") }))),
    // Pipelines
    smStep("CreatePipeline", "native", () => send(sm, new SM.CreatePipelineCommand({
      PipelineName: n("pl"),
      PipelineDefinition: JSON.stringify({ Version: "2020-12-01", Steps: [] }),
      RoleArn: ROLE,
      ClientRequestToken: `${n("pl")}-token-0000000000000000000`.slice(0, 64),
    })), { fields: ["PipelineArn"] }),
    smStep("DescribePipeline", "native", () => send(sm, new SM.DescribePipelineCommand({ PipelineName: n("pl") })), { fields: ["CreationTime"], values: { PipelineStatus: "Active" } }),
    smStep("StartPipelineExecution", "native", async () => {
      const out = await sm.send(new SM.StartPipelineExecutionCommand({ PipelineName: n("pl"), ClientRequestToken: `${n("pl")}-exec-000000000000000000000`.slice(0, 64) }));
      ctx.executionArn = out.PipelineExecutionArn;
    }, { fields: ["PipelineExecutionArn"] }),
    smStep("DescribePipelineExecution", "native", () => send(sm, new SM.DescribePipelineExecutionCommand({ PipelineExecutionArn: ctx.executionArn })), {
      fields: ["CreationTime"],
      values: { PipelineExecutionStatus: "Succeeded" },
    }),
    smStep("StopPipelineExecution", "missing", () => send(sm, new SM.StopPipelineExecutionCommand({ PipelineExecutionArn: ctx.executionArn, ClientRequestToken: `${n("pl")}-stop-0000000000000000000000`.slice(0, 64) }))),
    smStep("DeletePipeline", "native", () => send(sm, new SM.DeletePipelineCommand({ PipelineName: n("pl"), ClientRequestToken: `${n("pl")}-del-00000000000000000000000`.slice(0, 64) }))),
    // Model monitor job definitions
    smStep("CreateDataQualityJobDefinition", "native", () => send(sm, new SM.CreateDataQualityJobDefinitionCommand({
      JobDefinitionName: n("dq"),
      DataQualityAppSpecification: appSpec,
      DataQualityJobInput: { EndpointInput: endpointInput },
      DataQualityJobOutputConfig: monitoringOutput,
      JobResources: monitoringResources,
      RoleArn: ROLE,
    })), { fields: ["JobDefinitionArn"] }),
    smStep("DescribeDataQualityJobDefinition", "native", () => send(sm, new SM.DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: n("dq") })), { fields: ["CreationTime"] }),
    smStep("DeleteDataQualityJobDefinition", "native", () => send(sm, new SM.DeleteDataQualityJobDefinitionCommand({ JobDefinitionName: n("dq") }))),
    smStep("CreateModelBiasJobDefinition", "native", () => send(sm, new SM.CreateModelBiasJobDefinitionCommand({
      JobDefinitionName: n("mb"),
      ModelBiasAppSpecification: { ImageUri: image, ConfigUri: `${s3}/bias.json` },
      ModelBiasJobInput: { EndpointInput: endpointInput, GroundTruthS3Input: { S3Uri: `${s3}/gt` } },
      ModelBiasJobOutputConfig: monitoringOutput,
      JobResources: monitoringResources,
      RoleArn: ROLE,
    })), { fields: ["JobDefinitionArn"] }),
    smStep("DescribeModelBiasJobDefinition", "native", () => send(sm, new SM.DescribeModelBiasJobDefinitionCommand({ JobDefinitionName: n("mb") })), { fields: ["CreationTime"] }),
    smStep("DeleteModelBiasJobDefinition", "native", () => send(sm, new SM.DeleteModelBiasJobDefinitionCommand({ JobDefinitionName: n("mb") }))),
    smStep("CreateModelQualityJobDefinition", "native", () => send(sm, new SM.CreateModelQualityJobDefinitionCommand({
      JobDefinitionName: n("mq"),
      ModelQualityAppSpecification: { ImageUri: image, ProblemType: "BinaryClassification" },
      ModelQualityJobInput: { EndpointInput: endpointInput, GroundTruthS3Input: { S3Uri: `${s3}/gt` } },
      ModelQualityJobOutputConfig: monitoringOutput,
      JobResources: monitoringResources,
      RoleArn: ROLE,
    })), { fields: ["JobDefinitionArn"] }),
    smStep("DescribeModelQualityJobDefinition", "native", () => send(sm, new SM.DescribeModelQualityJobDefinitionCommand({ JobDefinitionName: n("mq") })), { fields: ["CreationTime"] }),
    smStep("DeleteModelQualityJobDefinition", "native", () => send(sm, new SM.DeleteModelQualityJobDefinitionCommand({ JobDefinitionName: n("mq") }))),
    smStep("CreateModelExplainabilityJobDefinition", "native", () => send(sm, new SM.CreateModelExplainabilityJobDefinitionCommand({
      JobDefinitionName: n("mx"),
      ModelExplainabilityAppSpecification: { ImageUri: image, ConfigUri: `${s3}/explain.json` },
      ModelExplainabilityJobInput: { EndpointInput: endpointInput },
      ModelExplainabilityJobOutputConfig: monitoringOutput,
      JobResources: monitoringResources,
      RoleArn: ROLE,
    })), { fields: ["JobDefinitionArn"] }),
    smStep("DescribeModelExplainabilityJobDefinition", "native", () => send(sm, new SM.DescribeModelExplainabilityJobDefinitionCommand({ JobDefinitionName: n("mx") })), { fields: ["CreationTime"] }),
    smStep("DeleteModelExplainabilityJobDefinition", "native", () => send(sm, new SM.DeleteModelExplainabilityJobDefinitionCommand({ JobDefinitionName: n("mx") }))),
    // Kinds moto does not serve at all
    smStep("CreateMonitoringSchedule", "missing", () => send(sm, new SM.CreateMonitoringScheduleCommand({
      MonitoringScheduleName: n("ms"),
      MonitoringScheduleConfig: { MonitoringJobDefinitionName: n("dq"), MonitoringType: "DataQuality" },
    }))),
    smStep("CreateInferenceComponent", "missing", () => send(sm, new SM.CreateInferenceComponentCommand({
      InferenceComponentName: n("ic"),
      EndpointName: n("ep"),
      Specification: { ModelName: n("model") },
    }))),
    smStep("CreateLabelingJob", "missing", () => send(sm, new SM.CreateLabelingJobCommand({
      LabelingJobName: n("lj"),
      LabelAttributeName: "label",
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `${s3}/manifest` } } },
      OutputConfig: { S3OutputPath: `${s3}/lj` },
      RoleArn: ROLE,
      HumanTaskConfig: {
        WorkteamArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:workteam/private-crowd/team`,
        UiConfig: { UiTemplateS3Uri: `${s3}/ui.html` },
        PreHumanTaskLambdaArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:pre`,
        TaskTitle: "t",
        TaskDescription: "d",
        NumberOfHumanWorkersPerDataObject: 1,
        TaskTimeLimitInSeconds: 300,
        AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acs` },
      },
    }))),
    smStep("CreateProject", "missing", () => send(sm, new SM.CreateProjectCommand({ ProjectName: n("proj") }))),
    // Teardown of the inference chain
    smStep("DeleteEndpoint", "native", () => send(sm, new SM.DeleteEndpointCommand({ EndpointName: n("ep") }))),
    smStep("DeleteEndpointConfig", "native", () => send(sm, new SM.DeleteEndpointConfigCommand({ EndpointConfigName: n("epc") }))),
    smStep("DeleteModel", "native", () => send(sm, new SM.DeleteModelCommand({ ModelName: n("model") }))),

    // Application Auto Scaling
    ...aasSteps(aas, n("ep")),
    // STS
    { service: "sts", operation: "GetCallerIdentity", expect: "native", run: () => sts.send(new STS.GetCallerIdentityCommand({})), fields: ["Account", "Arn"] },
    {
      service: "sts",
      operation: "AssumeRole",
      expect: "native",
      run: () => sts.send(new STS.AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "smoke" })),
      fields: ["AccessKeyId", "SessionToken", "Expiration", "AssumedRoleUser.Arn"],
    },
    {
      service: "sts",
      operation: "AssumeRoleWithWebIdentity",
      expect: "native",
      run: () => sts.send(new STS.AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: "smoke", WebIdentityToken: "not-a-real-jwt" })),
      fields: ["AccessKeyId", "SessionToken", "Expiration"],
    },
    // CloudWatch Logs
    ...logsSteps(logs, `/aws/sagemaker/TrainingJobs/${id}`),
  ];
}

function aasSteps(aas: AAS.ApplicationAutoScalingClient, endpoint: string): Step[] {
  const target = { ServiceNamespace: "sagemaker" as const, ResourceId: `endpoint/${endpoint}/variant/AllTraffic`, ScalableDimension: "sagemaker:variant:DesiredInstanceCount" as const };
  const step = (operation: string, run: () => Promise<unknown>, more: Partial<Step> = {}): Step => ({ service: "application-autoscaling", operation, expect: "native", run, ...more });
  return [
    step("RegisterScalableTarget", () => aas.send(new AAS.RegisterScalableTargetCommand({ ...target, MinCapacity: 1, MaxCapacity: 2 })), { fields: ["ScalableTargetARN"] }),
    step("DescribeScalableTargets", () => aas.send(new AAS.DescribeScalableTargetsCommand({ ServiceNamespace: "sagemaker", ResourceIds: [target.ResourceId] })), {
      fields: ["ScalableTargets.0.CreationTime", "ScalableTargets.0.MinCapacity"],
    }),
    step("PutScalingPolicy", () => aas.send(new AAS.PutScalingPolicyCommand({
      ...target,
      PolicyName: "smoke-policy",
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: "SageMakerVariantInvocationsPerInstance" } },
    })), { fields: ["PolicyARN", "Alarms"] }),
    step("DescribeScalingPolicies", () => aas.send(new AAS.DescribeScalingPoliciesCommand({ ServiceNamespace: "sagemaker", ResourceId: target.ResourceId })), {
      fields: ["ScalingPolicies.0.PolicyARN", "ScalingPolicies.0.CreationTime"],
    }),
    step("DeleteScalingPolicy", () => aas.send(new AAS.DeleteScalingPolicyCommand({ ...target, PolicyName: "smoke-policy" }))),
    step("DeregisterScalableTarget", () => aas.send(new AAS.DeregisterScalableTargetCommand(target))),
  ];
}

function logsSteps(logs: Logs.CloudWatchLogsClient, group: string): Step[] {
  const stream = "algo-1-1700000000";
  const step = (operation: string, run: () => Promise<unknown>, more: Partial<Step> = {}): Step => ({ service: "logs", operation, expect: "native", run, ...more });
  return [
    step("CreateLogGroup", () => logs.send(new Logs.CreateLogGroupCommand({ logGroupName: group }))),
    step("CreateLogStream", () => logs.send(new Logs.CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }))),
    step("PutLogEvents", () => logs.send(new Logs.PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: Date.now(), message: "smoke line" }] })), {
      fields: ["nextSequenceToken"],
    }),
    step("DescribeLogStreams", () => logs.send(new Logs.DescribeLogStreamsCommand({ logGroupName: group })), { fields: ["logStreams.0.logStreamName", "logStreams.0.creationTime"] }),
    step("GetLogEvents", () => logs.send(new Logs.GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true })), {
      fields: ["events.0.message", "events.0.timestamp", "nextForwardToken"],
    }),
    step("FilterLogEvents", () => logs.send(new Logs.FilterLogEventsCommand({ logGroupName: group })), { fields: ["events.0.message", "events.0.logStreamName"] }),
  ];
}
