/** What the proxy knows about one AWS request, derived from its wire form alone. Pure. */

export type Protocol = "awsJson1_1" | "awsQuery" | "restXml" | "unknown";

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
  if (scoped === "s3") return withResource({ service: "s3", operation: s3Operation(req), protocol: "restXml", input: {} }, s3Resource(req.path));
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

function s3Operation(req: RawRequest): string {
  const [path = "/", query = ""] = req.path.split("?");
  const parts = path.split("/").filter(Boolean);
  const level = parts.length === 0 ? "Service" : parts.length === 1 ? "Bucket" : "Object";
  const table: Record<string, Record<string, string>> = {
    Service: { GET: "ListBuckets" },
    Bucket: { PUT: "CreateBucket", DELETE: "DeleteBucket", HEAD: "HeadBucket", GET: query.includes("list-type=2") ? "ListObjectsV2" : "ListObjects" },
    Object: { PUT: "PutObject", GET: "GetObject", HEAD: "HeadObject", DELETE: "DeleteObject" },
  };
  return table[level]?.[req.method] ?? `${req.method} ${level}`;
}

function s3Resource(path: string): string | undefined {
  const clean = decodeURIComponent((path.split("?")[0] ?? "").replace(/^\/+/, ""));
  return clean || undefined;
}
