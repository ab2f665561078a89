import { accessDeniedError, awsError, errorCodeOf, serverError, throttlingError } from "./aws-errors";

describe("synthetic AWS errors", () => {
  it("throttles awsJson with HTTP 400 and __type ThrottlingException", () => {
    const r = throttlingError("awsJson1_1");
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({ __type: "ThrottlingException", message: "Rate exceeded" });
  });

  it("throttles awsQuery with an XML Throttling error, S3 with 503 SlowDown", () => {
    expect(throttlingError("awsQuery").body).toContain("<Code>Throttling</Code>");
    expect(throttlingError("restXml")).toMatchObject({ status: 503 });
  });

  it("names 503 ServiceUnavailable and other 5xx InternalFailure", () => {
    expect(errorCodeOf(503, {}, serverError("awsJson1_1", 503).body)).toBe("ServiceUnavailable");
    expect(errorCodeOf(500, {}, serverError("awsJson1_1", 500).body)).toBe("InternalFailure");
  });
});

describe("errorCodeOf", () => {
  it("reads the header, a namespaced __type, or an XML Code", () => {
    expect(errorCodeOf(400, { "x-amzn-errortype": "ValidationException:http://internal.amazon.com/" }, "")).toBe("ValidationException");
    expect(errorCodeOf(400, {}, '{"__type":"com.amazonaws.sagemaker#ResourceNotFound","message":"x"}')).toBe("ResourceNotFound");
    expect(errorCodeOf(404, {}, "<ErrorResponse><Error><Code>NoSuchModel</Code></Error></ErrorResponse>")).toBe("NoSuchModel");
    expect(errorCodeOf(400, {}, awsError("awsQuery", 400, "AccessDenied", "no").body)).toBe("AccessDenied");
  });

  it("is undefined for success and for moto's HTML 500 pages", () => {
    expect(errorCodeOf(200, {}, "{}")).toBeUndefined();
    expect(errorCodeOf(500, {}, "<!doctype html><title>500 Internal Server Error</title>")).toBeUndefined();
  });
});

describe("accessDeniedError", () => {
  it("names the IAM action, as AWS does, in each protocol's shape", () => {
    const json = accessDeniedError("awsJson1_1", "logs", "GetLogEvents");
    expect(json).toMatchObject({ status: 400, headers: { "x-amzn-errortype": "AccessDeniedException" } });
    expect(JSON.parse(json.body).message).toContain("is not authorized to perform: logs:GetLogEvents");
    expect(accessDeniedError("awsQuery", "sts", "AssumeRole")).toMatchObject({ status: 403 });
    expect(accessDeniedError("awsQuery", "sts", "AssumeRole").body).toContain("<Code>AccessDenied</Code>");
  });
});
