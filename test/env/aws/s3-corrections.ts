/**
 * S3 bucket configurations moto 5.2.5 mishandles, answered by the proxy from its own state
 * (../shared/reference/moto-coverage.md §8; moto/s3/responses.py routes them by query key and falls
 * through to the bucket itself):
 * - Put{Analytics,IntelligentTiering,Metrics}Configuration fall through to CreateBucket (nothing is
 *   stored) and the matching List always answers empty;
 * - Delete{Analytics,IntelligentTiering,Inventory,Metrics}Configuration fall through to DeleteBucket
 *   and delete the whole bucket;
 * - PutBucketRequestPayment falls through to CreateBucket; GetBucketRequestPayment answers a
 *   ListObjects body.
 * AWS's behaviour: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketMetricsConfiguration.html
 * (and the Analytics, Inventory, IntelligentTiering and RequestPayment pages alike). The four keyed
 * configurations are kept here whole (inventory too, so its list and its delete agree). Pure apart
 * from `state`.
 */
import type { AwsCall } from "./aws-call";
import { awsError, type SyntheticResponse } from "./aws-errors";

export interface S3State {
  /** bucket → Payer. */
  readonly requestPayment: Map<string, string>;
  /** `${bucket}|${kind}` → id → the configuration's XML, as the client sent it. */
  readonly keyed: Map<string, Map<string, string>>;
}

export const emptyS3State = (): S3State => ({ requestPayment: new Map(), keyed: new Map() });

const XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
const REQUEST_ID = "00000000-0000-0000-0000-ack7e5700000";

/** The keyed configurations: operation noun → the list result's element name. */
const KEYED: Record<string, string> = {
  Analytics: "ListBucketAnalyticsConfigurationResult",
  IntelligentTiering: "ListBucketIntelligentTieringConfigurationsOutput",
  Inventory: "ListInventoryConfigurationsResult",
  Metrics: "ListMetricsConfigurationsResult",
};

const xml = (status: number, text: string): SyntheticResponse => ({
  status,
  headers: { "content-type": "application/xml", "x-amz-request-id": REQUEST_ID },
  body: text ? `<?xml version="1.0" encoding="UTF-8"?>\n${text}` : "",
});

/** The proxy's answer for an S3 call moto gets wrong, or undefined to forward it to moto. */
export function correctS3(state: S3State, call: AwsCall, body: string): SyntheticResponse | undefined {
  if (call.service !== "s3" || !call.resource || call.resource.includes("/")) return undefined;
  const bucket = call.resource;
  if (call.operation === "DeleteBucket") {
    for (const kind of Object.keys(KEYED)) state.keyed.delete(`${bucket}|${kind}`);
    state.requestPayment.delete(bucket);
    return undefined;
  }
  if (call.operation === "PutBucketRequestPayment") {
    const payer = /<Payer>([^<]*)<\/Payer>/.exec(body)?.[1];
    if (!payer) return awsError("restXml", 400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
    state.requestPayment.set(bucket, payer);
    return xml(200, "");
  }
  if (call.operation === "GetBucketRequestPayment") {
    return xml(200, `<RequestPaymentConfiguration xmlns="${XMLNS}"><Payer>${state.requestPayment.get(bucket) ?? "BucketOwner"}</Payer></RequestPaymentConfiguration>`);
  }
  const m = /^(Put|Get|Delete|List)Bucket(Analytics|IntelligentTiering|Inventory|Metrics)Configurations?$/.exec(call.operation);
  if (!m) return undefined;
  const [, verb, kind] = m as unknown as [string, string, string];
  const key = `${bucket}|${kind}`;
  const items = state.keyed.get(key) ?? new Map<string, string>();
  const id = typeof call.input.Id === "string" ? call.input.Id : undefined;
  const missing = () => awsError("restXml", 404, "NoSuchConfiguration", "The specified configuration does not exist.");
  switch (verb) {
    case "List": {
      const entries = [...items.values()].map((x) => x.replace(/ xmlns="[^"]*"/, "")).join("");
      return xml(200, `<${KEYED[kind]} xmlns="${XMLNS}"><IsTruncated>false</IsTruncated>${entries}</${KEYED[kind]}>`);
    }
    case "Put": {
      const configuration = body.replace(/^<\?xml[^>]*\?>\s*/, "");
      if (!id || !configuration.includes(`<Id>${id}</Id>`)) return awsError("restXml", 400, "InvalidArgument", "The Id in the request body must match the id parameter.");
      state.keyed.set(key, new Map(items).set(id, configuration));
      return xml(200, "");
    }
    case "Get":
      return id && items.has(id) ? xml(200, items.get(id)!) : missing();
    default: {
      if (!id || !items.has(id)) return missing();
      const next = new Map(items);
      next.delete(id);
      state.keyed.set(key, next);
      return xml(204, "");
    }
  }
}
