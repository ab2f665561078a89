import { accessKeyFromAuthorization, parseAwsCall, resourceNameOf, serviceFromAuthorization } from "./aws-call";

const auth = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

const json = (service: string, target: string, input: unknown) =>
  parseAwsCall({
    method: "POST",
    path: "/",
    headers: { authorization: auth(service), "x-amz-target": target, "content-type": "application/x-amz-json-1.1" },
    body: JSON.stringify(input),
  });

describe("parseAwsCall", () => {
  it("reads service from the credential scope and operation from X-Amz-Target", () => {
    const call = json("sagemaker", "SageMaker.CreateTrainingJob", { TrainingJobName: "tj-1", RoleArn: "r" });
    expect(call).toMatchObject({ service: "sagemaker", operation: "CreateTrainingJob", protocol: "awsJson1_1", resource: "tj-1" });
  });

  it("knows Application Auto Scaling and Logs targets", () => {
    expect(json("application-autoscaling", "AnyScaleFrontendService.RegisterScalableTarget", { ResourceId: "endpoint/e/variant/v" })).toMatchObject({
      service: "application-autoscaling",
      operation: "RegisterScalableTarget",
      resource: "endpoint/e/variant/v",
    });
    expect(json("logs", "Logs_20140328.GetLogEvents", { logGroupName: "/aws/sagemaker/TrainingJobs", logStreamName: "tj/algo-1" })).toMatchObject({
      service: "logs",
      operation: "GetLogEvents",
      resource: "/aws/sagemaker/TrainingJobs:tj/algo-1",
    });
  });

  it("falls back on the target prefix when the request is unsigned", () => {
    const call = parseAwsCall({ method: "POST", path: "/", headers: { "x-amz-target": "SageMaker.DescribeEndpoint" }, body: '{"EndpointName":"e"}' });
    expect(call.service).toBe("sagemaker");
  });

  it("SQS's JSON protocol (AmazonSQS target) names the queue, signed or not", () => {
    const body = '{"QueueUrl":"http://127.0.0.1:1/123456789012/orders","AttributeNames":["All"]}';
    for (const headers of [{ "x-amz-target": "AmazonSQS.GetQueueAttributes" }, { "x-amz-target": "AmazonSQS.GetQueueAttributes", authorization: auth("sqs") }]) {
      expect(parseAwsCall({ method: "POST", path: "/", headers, body })).toMatchObject({ service: "sqs", operation: "GetQueueAttributes", resource: "orders" });
    }
  });

  it("parses awsQuery form bodies (STS, IAM), signed or not", () => {
    const form = "application/x-www-form-urlencoded; charset=utf-8";
    const signed = parseAwsCall({
      method: "POST",
      path: "/",
      headers: { authorization: auth("sts"), "content-type": form },
      body: "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=s",
    });
    expect(signed).toMatchObject({ service: "sts", operation: "AssumeRole", protocol: "awsQuery", resource: "arn:aws:iam::123456789012:role/r" });
    const unsigned = parseAwsCall({ method: "POST", path: "/", headers: { "content-type": form }, body: "Action=AssumeRoleWithWebIdentity&Version=2011-06-15" });
    expect(unsigned).toMatchObject({ service: "sts", operation: "AssumeRoleWithWebIdentity" });
    const iam = parseAwsCall({ method: "POST", path: "/", headers: { "content-type": form }, body: "Action=GetRole&Version=2010-05-08&RoleName=x" });
    expect(iam).toMatchObject({ service: "iam", operation: "GetRole", resource: "x" });
  });

  it("names S3 REST operations by method and path", () => {
    const put = parseAwsCall({ method: "PUT", path: "/bucket/some/key.txt", headers: { authorization: auth("s3") }, body: "data" });
    expect(put).toMatchObject({ service: "s3", operation: "PutObject", protocol: "restXml", resource: "bucket/some/key.txt" });
    const list = parseAwsCall({ method: "GET", path: "/bucket?list-type=2", headers: { authorization: auth("s3") }, body: "" });
    expect(list).toMatchObject({ operation: "ListObjectsV2", resource: "bucket" });
  });

  it("names S3 bucket configuration calls by their query key, and the bucket without the SDK's trailing slash", () => {
    const s3 = (method: string, path: string) => parseAwsCall({ method, path, headers: { authorization: auth("s3") }, body: "" });
    expect(s3("PUT", "/b/?versioning")).toMatchObject({ operation: "PutBucketVersioning", resource: "b" });
    expect(s3("GET", "/b/?policy")).toMatchObject({ operation: "GetBucketPolicy", resource: "b" });
    expect(s3("DELETE", "/b/?lifecycle")).toMatchObject({ operation: "DeleteBucketLifecycle" });
    expect(s3("GET", "/b/?metrics&x-id=ListBucketMetricsConfigurations")).toMatchObject({ operation: "ListBucketMetricsConfigurations" });
    expect(s3("PUT", "/b/?metrics&id=all")).toMatchObject({ operation: "PutBucketMetricsConfiguration", input: { Id: "all" } });
    expect(s3("DELETE", "/b/?inventory&id=weekly")).toMatchObject({ operation: "DeleteBucketInventoryConfiguration", input: { Id: "weekly" } });
    expect(s3("GET", "/b/?object-lock")).toMatchObject({ operation: "GetObjectLockConfiguration" });
    expect(s3("PUT", "/b/")).toMatchObject({ operation: "CreateBucket", resource: "b" });
    expect(s3("HEAD", "/b")).toMatchObject({ operation: "HeadBucket", resource: "b" });
  });

  it("survives a body that is not JSON", () => {
    expect(json("sagemaker", "SageMaker.ListModels", "x").input).toEqual({});
    expect(parseAwsCall({ method: "POST", path: "/", headers: { "x-amz-target": "SageMaker.ListModels" }, body: "{oops" }).input).toEqual({});
  });
});

describe("serviceFromAuthorization", () => {
  it("returns undefined without a SigV4 scope", () => {
    expect(serviceFromAuthorization(undefined)).toBeUndefined();
    expect(serviceFromAuthorization("Bearer x")).toBeUndefined();
  });
});

describe("accessKeyFromAuthorization", () => {
  it("reads the signer's access key ID, nothing else", () => {
    const auth = "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=abc";
    expect(accessKeyFromAuthorization(auth)).toBe("ASIAEXAMPLE");
    expect(accessKeyFromAuthorization(undefined)).toBeUndefined();
    expect(accessKeyFromAuthorization("Bearer x")).toBeUndefined();
  });
});

describe("resourceNameOf (SageMaker)", () => {
  it.each([
    ["CreateTrainingJob", { TrainingJobName: "tj" }, "tj"],
    ["StopHyperParameterTuningJob", { HyperParameterTuningJobName: "hpo" }, "hpo"],
    ["CreateEndpoint", { EndpointName: "ep", EndpointConfigName: "cfg" }, "ep"],
    ["UpdateEndpoint", { EndpointName: "ep", EndpointConfigName: "cfg2" }, "ep"],
    ["UpdateEndpointWeightsAndCapacities", { EndpointName: "ep" }, "ep"],
    ["DescribeEndpointConfig", { EndpointConfigName: "cfg" }, "cfg"],
    ["DeleteModel", { ModelName: "m" }, "m"],
    ["DescribeNotebookInstanceLifecycleConfig", { NotebookInstanceLifecycleConfigName: "lc" }, "lc"],
    ["CreateModelBiasJobDefinition", { JobDefinitionName: "jd" }, "jd"],
    ["DescribeModelPackage", { ModelPackageName: "arn:aws:sagemaker:us-east-1:1:model-package/g/1" }, "arn:aws:sagemaker:us-east-1:1:model-package/g/1"],
    ["CreateModelPackage", { ModelPackageGroupName: "g" }, "g"],
    ["DescribeDomain", { DomainId: "d-1" }, "d-1"],
    ["CreateUserProfile", { DomainId: "d-1", UserProfileName: "u" }, "d-1/u"],
    ["StartPipelineExecution", { PipelineName: "p" }, "p"],
    ["DescribePipelineExecution", { PipelineExecutionArn: "arn:x" }, "arn:x"],
    ["AddTags", { ResourceArn: "arn:y", Tags: [] }, "arn:y"],
    ["ListModels", {}, undefined],
  ])("%s", (operation, input, expected) => {
    expect(resourceNameOf("sagemaker", operation, input)).toBe(expected);
  });

  it("joins ResourceId and PolicyName for scaling policies", () => {
    expect(resourceNameOf("application-autoscaling", "PutScalingPolicy", { ResourceId: "endpoint/e/variant/v", PolicyName: "p" })).toBe("endpoint/e/variant/v:p");
    expect(resourceNameOf("application-autoscaling", "DescribeScalableTargets", { ResourceIds: ["endpoint/e/variant/v"] })).toBe("endpoint/e/variant/v");
  });
});

describe("resourceNameOf (SQS, SNS)", () => {
  it.each([
    ["sqs", "CreateQueue", { QueueName: "orders" }, "orders"],
    ["sqs", "GetQueueAttributes", { QueueUrl: "http://127.0.0.1:1/123456789012/orders", AttributeNames: ["All"] }, "orders"],
    ["sns", "CreateTopic", { Name: "alerts" }, "alerts"],
    ["sns", "SetTopicAttributes", { TopicArn: "arn:aws:sns:us-east-1:1:alerts", AttributeName: "DisplayName" }, "arn:aws:sns:us-east-1:1:alerts"],
    ["sns", "Subscribe", { TopicArn: "arn:t", Protocol: "sqs" }, "arn:t"],
    ["sns", "GetEndpointAttributes", { EndpointArn: "arn:e" }, "arn:e"],
    ["sns", "TagResource", { ResourceArn: "arn:r" }, "arn:r"],
  ])("%s %s", (service, operation, input, expected) => {
    expect(resourceNameOf(service, operation, input)).toBe(expected);
  });
});
