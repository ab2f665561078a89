import {
  correctNotFound,
  tagsFromRecordedCalls,
  correctServerErrorNotFound,
  decideStop,
  decideUpdateEndpoint,
  endpointAfterUpdate,
  serviceLinkedRoleArn,
  stopCorrectionFor,
  STOP_CORRECTIONS,
  variantsAfterUpdate,
  withServiceLinkedRoles,
  latestTagPerKey,
  ECHO_CORRECTIONS,
  echoAfterCreate,
} from "./corrections";

describe("stop corrections", () => {
  const training = stopCorrectionFor("StopTrainingJob")!;

  it("cite the AWS documentation", () => {
    for (const c of STOP_CORRECTIONS) expect(c.reference).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/sagemaker\/.*API_Stop/);
  });

  it("accept a stop of a running job, and of a stopping one", () => {
    expect(decideStop(training, { TrainingJobStatus: "InProgress" }, "tj")).toEqual({ accept: true });
    expect(decideStop(training, { TrainingJobStatus: "Stopping" }, "tj")).toEqual({ accept: true });
    expect(decideStop(stopCorrectionFor("StopPipelineExecution")!, { PipelineExecutionStatus: "Executing" }, "arn")).toEqual({ accept: true });
  });

  it("reject a stop of a finished job the way AWS does", () => {
    expect(decideStop(training, { TrainingJobStatus: "Completed" }, "tj")).toEqual({
      accept: false,
      code: "ValidationException",
      message: "The request was rejected because the TrainingJob tj is in status Completed.",
    });
  });
});

describe("UpdateEndpoint correction", () => {
  it("accepts only an InService endpoint", () => {
    expect(decideUpdateEndpoint({ EndpointStatus: "InService" })).toEqual({ accept: true });
    expect(decideUpdateEndpoint({ EndpointStatus: "Updating", EndpointArn: "arn:e" })).toMatchObject({ accept: false, code: "ValidationException" });
  });

  const current = [{ VariantName: "v1", CurrentInstanceCount: 2, DesiredInstanceCount: 2, CurrentWeight: 1, DesiredWeight: 1 }];
  const config = [
    { VariantName: "v1", InitialInstanceCount: 1, InitialVariantWeight: 0.5 },
    { VariantName: "v2", InitialInstanceCount: 3 },
  ];

  it("retains the properties of existing variants with RetainAllVariantProperties", () => {
    expect(variantsAfterUpdate(current, config, true)).toEqual([
      current[0],
      { VariantName: "v2", CurrentInstanceCount: 3, DesiredInstanceCount: 3, CurrentWeight: 1, DesiredWeight: 1 },
    ]);
  });

  it("takes the new config's initial values without it", () => {
    expect(variantsAfterUpdate(current, config, false)[0]).toEqual({ VariantName: "v1", CurrentInstanceCount: 1, DesiredInstanceCount: 1, CurrentWeight: 0.5, DesiredWeight: 0.5 });
  });

  it("overlays the new config name and modification time", () => {
    const overlay = endpointAfterUpdate({ ProductionVariants: current }, { ProductionVariants: config }, { EndpointConfigName: "cfg2", RetainAllVariantProperties: true }, 42);
    expect(overlay).toMatchObject({ EndpointConfigName: "cfg2", LastModifiedTime: 42 });
  });
});

describe("not-found corrections", () => {
  it("rewrite moto's DescribeTrainingJob not-found to AWS's message", () => {
    const moto = { code: "ValidationException", message: "Could not find training job 'arn:aws:sagemaker:us-east-1:123456789012:training-job/tj'." };
    expect(correctNotFound("DescribeTrainingJob", { TrainingJobName: "tj" }, moto)).toEqual({ code: "ValidationException", message: "Requested resource not found." });
  });

  it("name the job the way AWS does for processing and transform jobs", () => {
    expect(correctNotFound("DescribeProcessingJob", { ProcessingJobName: "pj" }, { code: "ValidationException", message: "Could not find processing job 'arn'." })?.message).toBe(
      "Could not find requested job with name pj",
    );
    expect(correctNotFound("DescribeTransformJob", { TransformJobName: "xj" }, { code: "ValidationException", message: "Could not find transform job 'arn'." })?.message).toBe(
      "Could not find requested job with name xj",
    );
  });

  it("switch the code where AWS declares ResourceNotFound", () => {
    expect(correctNotFound("DescribePipeline", { PipelineName: "p" }, { code: "ValidationException", message: "Could not find pipeline with PipelineName p." })).toEqual({
      code: "ResourceNotFound",
      message: "Pipeline 'p' does not exist.",
    });
    expect(correctNotFound("DescribeModelPackage", { ModelPackageName: "mp" }, { code: "ValidationException", message: "Model package mp not found" })?.message).toMatch(/does not exist\.$/);
  });

  it("leave other errors and operations alone", () => {
    expect(correctNotFound("DescribeTrainingJob", {}, { code: "ValidationException", message: "1 validation error detected" })).toBeUndefined();
    expect(correctNotFound("DescribeModel", {}, { code: "ValidationException", message: "Could not find model 'm'." })).toBeUndefined();
  });
});

describe("service-linked roles on DescribeScalableTargets", () => {
  const arn = "arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/abc";

  it("fill a missing RoleARN with the namespace's service-linked role", () => {
    const out = withServiceLinkedRoles({ ScalableTargets: [{ ServiceNamespace: "sagemaker", ScalableTargetARN: arn, RoleARN: null }], NextToken: null });
    expect(out?.ScalableTargets).toEqual([
      {
        ServiceNamespace: "sagemaker",
        ScalableTargetARN: arn,
        RoleARN: "arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
      },
    ]);
  });

  it("keep a RoleARN the registration named, and namespaces without a service-linked role", () => {
    expect(withServiceLinkedRoles({ ScalableTargets: [{ ServiceNamespace: "sagemaker", ScalableTargetARN: arn, RoleARN: "arn:aws:iam::1:role/mine" }] })).toBeUndefined();
    expect(withServiceLinkedRoles({ ScalableTargets: [{ ServiceNamespace: "elasticmapreduce", ScalableTargetARN: arn }] })).toBeUndefined();
    expect(serviceLinkedRoleArn("ecs", "1", "aws-cn")).toMatch(/^arn:aws-cn:iam::1:role\/aws-service-role\/ecs\./);
  });
});

describe("not-found corrections for moto's HTML 500 (KeyError)", () => {
  const html = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>";
  it("DescribeExperiment of a missing experiment: AWS's ResourceNotFound", () => {
    expect(correctServerErrorNotFound("DescribeExperiment", { ExperimentName: "e" }, html)).toEqual({ code: "ResourceNotFound", message: "Experiment e does not exist." });
  });
  it.each([
    ["DescribeTrial", { TrialName: "t" }, "Could not find trial 'arn:aws:sagemaker:us-east-1:123456789012:experiment-trial/t'.", "Trial t does not exist."],
    ["DescribeTrialComponent", { TrialComponentName: "tc" }, "Could not find trial component 'arn:…/tc'.", "TrialComponent tc does not exist."],
    ["DescribeCluster", { ClusterName: "c" }, "Could not find cluster 'c'.", "Cluster c not found."],
  ])("%s: moto's ValidationException becomes the declared ResourceNotFound", (op, input, moto, message) => {
    expect(correctNotFound(op, input, { code: "ValidationException", message: moto })).toEqual({ code: "ResourceNotFound", message });
  });
  it("DescribeFeatureGroup of a missing group: AWS's ResourceNotFound", () => {
    expect(correctServerErrorNotFound("DescribeFeatureGroup", { FeatureGroupName: "fg" }, html)).toEqual({
      code: "ResourceNotFound",
      message: "Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name fg",
    });
  });
  it("leaves other operations and non-HTML 500s alone", () => {
    expect(correctServerErrorNotFound("DescribeModel", { ModelName: "m" }, html)).toBeUndefined();
    expect(correctServerErrorNotFound("DescribeFeatureGroup", { FeatureGroupName: "fg" }, '{"__type":"InternalFailure"}')).toBeUndefined();
  });
});

describe("SageMaker ListTags after AddTags of an existing key", () => {
  it("keeps the latest value of each key, in first-seen order (AWS overwrites; moto appends)", () => {
    const out = latestTagPerKey({ Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }, { Key: "a", Value: "3" }], NextToken: null });
    expect(out).toEqual({ Tags: [{ Key: "a", Value: "3" }, { Key: "b", Value: "2" }], NextToken: null });
    expect(latestTagPerKey({ Tags: [{ Key: "a", Value: "1" }] })).toBeUndefined();
  });
});

describe("echo corrections (fields moto never stores)", () => {
  it("cite the moto gap and the AWS documentation", () => {
    for (const c of ECHO_CORRECTIONS) {
      expect(c.gap).toMatch(/^moto 5\.2\.5 /);
      expect(c.gap).toContain(`API_${c.describe}.html`);
    }
  });

  it("echo on Describe what the Create set, and nothing it did not", () => {
    const input = { TrainingJobName: "j", Environment: { A: "1" }, RetryStrategy: { MaximumRetryAttempts: 2 }, RoleArn: "r" };
    expect(echoAfterCreate("CreateTrainingJob", input)).toEqual({
      describe: "DescribeTrainingJob",
      overlay: { Environment: { A: "1" }, RetryStrategy: { MaximumRetryAttempts: 2 } },
    });
    expect(echoAfterCreate("CreateTrainingJob", { TrainingJobName: "j" })).toBeUndefined();
    expect(echoAfterCreate("CreateProcessingJob", { ProcessingResources: { ClusterConfig: {} } })?.overlay).toEqual({ ProcessingResources: { ClusterConfig: {} } });
    expect(echoAfterCreate("CreateModel", { Environment: {} })).toBeUndefined();
  });
});

describe("ListTags of a resource type moto cannot resolve (HTTP 500): the tags AWS would hold", () => {
  const arn = "arn:aws:sagemaker:us-east-1:123456789012:feature-group/fg-1";
  const calls = [
    { operation: "CreateFeatureGroup", status: 200, resource: "fg-1", input: { FeatureGroupName: "fg-1", Tags: [{ Key: "team", Value: "ml" }, { Key: "old", Value: "x" }] } },
    { operation: "AddTags", status: 200, input: { ResourceArn: arn, Tags: [{ Key: "team", Value: "ds" }] } },
    { operation: "DeleteTags", status: 200, input: { ResourceArn: arn, TagKeys: ["old"] } },
    { operation: "AddTags", status: 500, input: { ResourceArn: arn, Tags: [{ Key: "failed", Value: "y" }] } },
  ];
  it("the create's tags with later AddTags/DeleteTags applied; failed calls ignored", () => {
    expect(tagsFromRecordedCalls(arn, calls)).toEqual({ Tags: [{ Key: "team", Value: "ds" }] });
  });
  it("only for the ARN types moto cannot resolve", () => {
    expect(tagsFromRecordedCalls("arn:aws:sagemaker:us-east-1:123456789012:model/m", calls)).toBeUndefined();
  });
});
