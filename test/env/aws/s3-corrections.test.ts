import type { AwsCall } from "./aws-call";
import { correctS3, emptyS3State } from "./s3-corrections";

const call = (operation: string, input: Record<string, unknown> = {}, resource = "b"): AwsCall => ({ service: "s3", operation, protocol: "restXml", input, resource });
const METRICS = '<?xml version="1.0" encoding="UTF-8"?><MetricsConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>all</Id></MetricsConfiguration>';

describe("S3 corrections", () => {
  it("keeps keyed configurations: put, get, list, delete (moto would delete the bucket)", () => {
    const s = emptyS3State();
    expect(correctS3(s, call("PutBucketMetricsConfiguration", { Id: "all" }), METRICS)?.status).toBe(200);
    expect(correctS3(s, call("GetBucketMetricsConfiguration", { Id: "all" }), "")?.body).toContain("<Id>all</Id>");
    const list = correctS3(s, call("ListBucketMetricsConfigurations"), "")!.body;
    expect(list).toContain("<IsTruncated>false</IsTruncated><MetricsConfiguration><Id>all</Id></MetricsConfiguration>");
    expect(correctS3(s, call("DeleteBucketMetricsConfiguration", { Id: "all" }), "")?.status).toBe(204);
    expect(correctS3(s, call("DeleteBucketMetricsConfiguration", { Id: "all" }), "")).toMatchObject({ status: 404, body: expect.stringContaining("NoSuchConfiguration") });
    expect(correctS3(s, call("PutBucketMetricsConfiguration", { Id: "other" }), METRICS)?.status).toBe(400);
  });

  it("keeps the request payer (moto answers a ListObjects body) and forgets a deleted bucket's configurations", () => {
    const s = emptyS3State();
    expect(correctS3(s, call("GetBucketRequestPayment"), "")?.body).toContain("<Payer>BucketOwner</Payer>");
    correctS3(s, call("PutBucketRequestPayment"), "<RequestPaymentConfiguration><Payer>Requester</Payer></RequestPaymentConfiguration>");
    expect(correctS3(s, call("GetBucketRequestPayment"), "")?.body).toContain("<Payer>Requester</Payer>");
    correctS3(s, call("PutBucketInventoryConfiguration", { Id: "all" }), "<InventoryConfiguration><Id>all</Id></InventoryConfiguration>");
    expect(correctS3(s, call("DeleteBucket"), "")).toBeUndefined();
    expect(correctS3(s, call("GetBucketRequestPayment"), "")?.body).toContain("<Payer>BucketOwner</Payer>");
    expect(correctS3(s, call("ListBucketInventoryConfigurations"), "")?.body).not.toContain("<Id>");
  });

  it("leaves everything else to moto", () => {
    const s = emptyS3State();
    expect(correctS3(s, call("PutBucketVersioning"), "")).toBeUndefined();
    expect(correctS3(s, call("GetObject", {}, "b/key"), "")).toBeUndefined();
    expect(correctS3(s, { ...call("ListQueues"), service: "sqs" }, "")).toBeUndefined();
  });
});
