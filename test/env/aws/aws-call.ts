/** What the proxy knows about one AWS request, derived from its wire form alone. Pure. */
import { lambdaOperation } from "./lambda-call";

export type Protocol = "awsJson1_1" | "awsQuery" | "restXml" | "restJson1" | "unknown";

export interface AwsCall {
  service: string;
  operation: string;
  protocol: Protocol;
  input: Record<string, unknown>;
  resource?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// Fallbacks for unsigned requests (STS AssumeRoleWithWebIdentity is sent without SigV4).
const JSON_TARGET_SERVICES: Record<string, string> = {
  SageMaker: "sagemaker",
  AnyScaleFrontendService: "application-autoscaling",
  Logs_20140328: "logs",
  AmazonSQS: "sqs",
};
const QUERY_VERSION_SERVICES: Record<string, string> = { "2011-06-15": "sts", "2010-05-08": "iam" };

function header(headers: RawRequest["headers"], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The service in the SigV4 credential scope: Credential=AKID/20250101/us-east-1/<service>/aws4_request. */
export function serviceFromAuthorization(authorization: string | undefined): string | undefined {
  return authorization ? /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1] : undefined;
}

/** The Region in the SigV4 credential scope. */
export function regionFromAuthorization(authorization: string | undefined): string | undefined {
  return authorization ? /Credential=[^/]+\/\d{8}\/([^/]+)\/[^/]+\/aws4_request/.exec(authorization)?.[1] : undefined;
}

/** The access key ID in the SigV4 credential scope. */
export function accessKeyFromAuthorization(authorization: string | undefined): string | undefined {
  return authorization ? /Credential=([^/]+)\//.exec(authorization)?.[1] : undefined;
}

export function parseAwsCall(req: RawRequest): AwsCall {
  const scoped = serviceFromAuthorization(header(req.headers, "authorization"));
  const target = header(req.headers, "x-amz-target");
  if (target) {
    const [prefix = "", operation = ""] = target.split(".");
    const service = scoped ?? JSON_TARGET_SERVICES[prefix] ?? prefix.toLowerCase();
    const input = parseJsonObject(req.body);
    return withResource({ service, operation, protocol: "awsJson1_1", input });
  }
  const contentType = header(req.headers, "content-type") ?? "";
  if (req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
    const input = Object.fromEntries(new URLSearchParams(req.body));
    const operation = input.Action ?? "Unknown";
    const service = scoped ?? QUERY_VERSION_SERVICES[input.Version ?? ""] ?? "unknown";
    return withResource({ service, operation, protocol: "awsQuery", input });
  }
  if (scoped === "s3") return withResource({ service: "s3", operation: s3Operation(req), protocol: "restXml", input: s3Input(req.path) }, s3Resource(req.path));
  const lambda = scoped === "lambda" ? lambdaOperation(req.method, req.path, req.body) : undefined;
  if (lambda) return { service: "lambda", operation: lambda.operation, protocol: "restJson1", input: lambda.input };
  return { service: scoped ?? "unknown", operation: `${req.method} ${req.path.split("?")[0]}`, protocol: "unknown", input: {} };
}

function withResource(call: AwsCall, resource = resourceNameOf(call.service, call.operation, call.input)): AwsCall {
  return resource === undefined ? call : { ...call, resource };
}

function parseJsonObject(body: string): Record<string, unknown> {
  if (!body.trim()) return {};
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const VERBS = /^(Create|Describe|Delete|Stop|Start|Update|List|Put|Get|Register|Deregister|Add)/;

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The name a test would count calls by: the resource's name as the request names it.
 * SageMaker: `<Noun>Name`/`<Noun>Arn` of the operation's noun (TrainingJobName, EndpointName, ...);
 * Application Auto Scaling: ResourceId, with `:PolicyName` for policy operations;
 * Logs: logGroupName, with `:logStreamName` when given; STS: RoleArn; IAM: RoleName/UserName/PolicyArn;
 * SQS: the queue name (from QueueName or QueueUrl); SNS: the ARN the call names, else Name.
 */
export function resourceNameOf(service: string, operation: string, input: Record<string, unknown>): string | undefined {
  switch (service) {
    case "application-autoscaling": {
      const ids = Array.isArray(input.ResourceIds) && input.ResourceIds.length === 1 ? str(input.ResourceIds[0]) : undefined;
      const id = str(input.ResourceId) ?? ids;
      const policy = str(input.PolicyName) ?? (Array.isArray(input.PolicyNames) && input.PolicyNames.length === 1 ? str(input.PolicyNames[0]) : undefined);
      return id && policy ? `${id}:${policy}` : id;
    }
    case "logs": {
      const group = str(input.logGroupName) ?? str(input.logGroupIdentifier);
      const stream = str(input.logStreamName);
      return group && stream ? `${group}:${stream}` : group ?? str(input.logGroupNamePrefix);
    }
    case "sts":
      return str(input.RoleArn);
    case "iam":
      return str(input.RoleName) ?? str(input.UserName) ?? str(input.PolicyArn) ?? str(input.InstanceProfileName);
    case "sagemaker":
      return sagemakerResource(operation, input);
    case "sqs":
      // CreateQueue names the queue; later calls its URL, whose last segment is the name.
      return str(input.QueueName) ?? str(input.QueueUrl)?.split("/").pop();
    case "sns":
      return (
        str(input.TopicArn) ?? str(input.SubscriptionArn) ?? str(input.PlatformApplicationArn) ?? str(input.EndpointArn) ??
        str(input.ResourceArn) ?? str(input.Name)
      );
    default:
      return undefined;
  }
}

function sagemakerResource(operation: string, input: Record<string, unknown>): string | undefined {
  const noun = operation.replace(VERBS, "");
  switch (noun) {
    case "Domain":
      return str(input.DomainId) ?? str(input.DomainName);
    case "UserProfile":
    case "Space":
    case "App": {
      const leaf = str(input[`${noun}Name`]) ?? str(input.UserProfileName) ?? str(input.SpaceName);
      return leaf ? [str(input.DomainId), leaf].filter(Boolean).join("/") : undefined;
    }
    case "Tags":
      return str(input.ResourceArn);
    case "PipelineExecution":
      // StartPipelineExecution names the pipeline; later calls name the execution by ARN.
      return str(input.PipelineExecutionArn) ?? str(input.PipelineName);
    case "EndpointWeightsAndCapacities":
      return str(input.EndpointName);
  }
  // UpdateEndpoint, DescribeModelPackage (name or ARN), Create/Describe/Delete/Stop<Noun> alike.
  return str(input[`${noun}Name`]) ?? str(input[`${noun}Arn`]) ?? firstNameField(input);
}

function firstNameField(input: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(input)) if (key.endsWith("Name") && str(value)) return value as string;
  return undefined;
}

/** Bucket configurations by query key (REST-XML: `PUT /<bucket>?versioning`): the operation noun per method. */
const S3_BUCKET_SUBRESOURCES: Record<string, { GET?: string; PUT?: string; DELETE?: string; LIST?: string }> = {
  accelerate: { GET: "GetBucketAccelerateConfiguration", PUT: "PutBucketAccelerateConfiguration" },
  acl: { GET: "GetBucketAcl", PUT: "PutBucketAcl" },
  analytics: { GET: "GetBucketAnalyticsConfiguration", LIST: "ListBucketAnalyticsConfigurations", PUT: "PutBucketAnalyticsConfiguration", DELETE: "DeleteBucketAnalyticsConfiguration" },
  cors: { GET: "GetBucketCors", PUT: "PutBucketCors", DELETE: "DeleteBucketCors" },
  encryption: { GET: "GetBucketEncryption", PUT: "PutBucketEncryption", DELETE: "DeleteBucketEncryption" },
  "intelligent-tiering": {
    GET: "GetBucketIntelligentTieringConfiguration",
    LIST: "ListBucketIntelligentTieringConfigurations",
    PUT: "PutBucketIntelligentTieringConfiguration",
    DELETE: "DeleteBucketIntelligentTieringConfiguration",
  },
  inventory: { GET: "GetBucketInventoryConfiguration", LIST: "ListBucketInventoryConfigurations", PUT: "PutBucketInventoryConfiguration", DELETE: "DeleteBucketInventoryConfiguration" },
  lifecycle: { GET: "GetBucketLifecycleConfiguration", PUT: "PutBucketLifecycleConfiguration", DELETE: "DeleteBucketLifecycle" },
  location: { GET: "GetBucketLocation" },
  logging: { GET: "GetBucketLogging", PUT: "PutBucketLogging" },
  metrics: { GET: "GetBucketMetricsConfiguration", LIST: "ListBucketMetricsConfigurations", PUT: "PutBucketMetricsConfiguration", DELETE: "DeleteBucketMetricsConfiguration" },
  notification: { GET: "GetBucketNotificationConfiguration", PUT: "PutBucketNotificationConfiguration" },
  "object-lock": { GET: "GetObjectLockConfiguration", PUT: "PutObjectLockConfiguration" },
  ownershipControls: { GET: "GetBucketOwnershipControls", PUT: "PutBucketOwnershipControls", DELETE: "DeleteBucketOwnershipControls" },
  policy: { GET: "GetBucketPolicy", PUT: "PutBucketPolicy", DELETE: "DeleteBucketPolicy" },
  policyStatus: { GET: "GetBucketPolicyStatus" },
  publicAccessBlock: { GET: "GetPublicAccessBlock", PUT: "PutPublicAccessBlock", DELETE: "DeletePublicAccessBlock" },
  replication: { GET: "GetBucketReplication", PUT: "PutBucketReplication", DELETE: "DeleteBucketReplication" },
  requestPayment: { GET: "GetBucketRequestPayment", PUT: "PutBucketRequestPayment" },
  tagging: { GET: "GetBucketTagging", PUT: "PutBucketTagging", DELETE: "DeleteBucketTagging" },
  versioning: { GET: "GetBucketVersioning", PUT: "PutBucketVersioning" },
  website: { GET: "GetBucketWebsite", PUT: "PutBucketWebsite", DELETE: "DeleteBucketWebsite" },
};

/** The S3 operation of a path-style request: the SDK's `x-id` when it sends one, else method, level and configuration key. */
export function s3Operation(req: Pick<RawRequest, "method" | "path">): string {
  const [path = "/", query = ""] = req.path.split("?");
  const params = new URLSearchParams(query);
  const xid = params.get("x-id");
  if (xid) return xid;
  const parts = path.split("/").filter(Boolean);
  const level = parts.length === 0 ? "Service" : parts.length === 1 ? "Bucket" : "Object";
  if (level === "Bucket") {
    for (const key of params.keys()) {
      const ops = S3_BUCKET_SUBRESOURCES[key];
      if (!ops) continue;
      const method = req.method === "GET" && ops.LIST && !params.has("id") ? "LIST" : (req.method as "GET" | "PUT" | "DELETE");
      const op = ops[method];
      if (op) return op;
    }
  }
  const table: Record<string, Record<string, string>> = {
    Service: { GET: "ListBuckets" },
    Bucket: { PUT: "CreateBucket", DELETE: "DeleteBucket", HEAD: "HeadBucket", GET: params.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects" },
    Object: { PUT: "PutObject", GET: "GetObject", HEAD: "HeadObject", DELETE: "DeleteObject" },
  };
  return table[level]?.[req.method] ?? `${req.method} ${level}`;
}

/** The bucket (and object key) a path-style request names, without the trailing slash of bucket requests. */
function s3Resource(path: string): string | undefined {
  const clean = decodeURIComponent((path.split("?")[0] ?? "").replace(/^\/+/, "").replace(/\/+$/, ""));
  return clean || undefined;
}

/** The `id` of a bucket configuration request (analytics, inventory, metrics, intelligent-tiering). */
function s3Input(path: string): Record<string, unknown> {
  const id = new URLSearchParams(path.split("?")[1] ?? "").get("id");
  return id !== null ? { Id: id } : {};
}
