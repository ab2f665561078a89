import type { Protocol } from "./aws-call";

/** An HTTP response the proxy writes itself. */
export interface SyntheticResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const REQUEST_ID = "00000000-0000-0000-0000-ack7e5700000";

/** Pure: an AWS error in the wire form of the protocol, as the service would send it. */
export function awsError(protocol: Protocol, status: number, code: string, message: string): SyntheticResponse {
  switch (protocol) {
    case "awsJson1_1":
      return {
        status,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": REQUEST_ID, "x-amzn-errortype": code },
        body: JSON.stringify({ __type: code, message }),
      };
    case "restJson1":
      // Lambda's wire form: the code in X-Amzn-ErrorType, {Type, Message} in the body.
      return {
        status,
        headers: { "content-type": "application/json", "x-amzn-requestid": REQUEST_ID, "x-amzn-errortype": code },
        body: JSON.stringify({ Type: status >= 500 ? "Service" : "User", Message: message, message }),
      };
    case "awsQuery":
      return {
        status,
        headers: { "content-type": "text/xml", "x-amzn-requestid": REQUEST_ID },
        body:
          `<ErrorResponse><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code>` +
          `<Message>${escapeXml(message)}</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
      };
    default:
      return {
        status,
        headers: { "content-type": "application/xml", "x-amz-request-id": REQUEST_ID },
        body: `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${REQUEST_ID}</RequestId></Error>`,
      };
  }
}

/** The throttling error code each protocol's services use (S3 says SlowDown with 503). */
export function throttlingError(protocol: Protocol): SyntheticResponse {
  if (protocol === "awsJson1_1") return awsError(protocol, 400, "ThrottlingException", "Rate exceeded");
  if (protocol === "awsQuery") return awsError(protocol, 400, "Throttling", "Rate exceeded");
  if (protocol === "restJson1") return awsError(protocol, 429, "TooManyRequestsException", "Rate exceeded");
  return awsError(protocol, 503, "SlowDown", "Please reduce your request rate.");
}

/** IAM's refusal, worded as AWS words it (the action is `<signing service>:<operation>`). */
export function accessDeniedError(protocol: Protocol, service: string, operation: string): SyntheticResponse {
  const message = `User: arn:aws:iam::123456789012:user/ack-ts-test is not authorized to perform: ${service}:${operation} because no identity-based policy allows the ${service}:${operation} action`;
  if (protocol === "awsJson1_1") return awsError(protocol, 400, "AccessDeniedException", message);
  return awsError(protocol, 403, "AccessDenied", message);
}

export function serverError(protocol: Protocol, status: number): SyntheticResponse {
  const code = status === 503 ? "ServiceUnavailable" : "InternalFailure";
  const message = status === 503 ? "Service is unavailable. Please try again later." : "An internal error occurred.";
  return awsError(protocol, status, code, message);
}

export function jsonOk(body: unknown): SyntheticResponse {
  return { status: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": REQUEST_ID }, body: JSON.stringify(body) };
}

/** Pure: the AWS error code in a response body, if it is an error the client could parse. */
export function errorCodeOf(status: number, headers: Record<string, string | string[] | undefined>, body: string): string | undefined {
  if (status < 300) return undefined;
  const typeHeader = headers["x-amzn-errortype"];
  const fromHeader = Array.isArray(typeHeader) ? typeHeader[0] : typeHeader;
  if (fromHeader) return cleanCode(fromHeader);
  const trimmed = body.trimStart();
  if (trimmed.startsWith("{")) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      const code = parsed.__type ?? parsed.code ?? parsed.Code;
      if (typeof code === "string") return cleanCode(code);
    } catch {
      return undefined;
    }
  }
  const xml = /<Code>([^<]+)<\/Code>/.exec(body);
  return xml?.[1];
}

// "com.amazon.coral.service#ThrottlingException" or "ValidationException:http://internal..." → bare code.
function cleanCode(code: string): string {
  return code.split(":")[0]!.split("#").pop()!;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A REST-JSON answer (Lambda): the status AWS documents for the operation, a JSON body or none. */
export function restJsonOk(status: number, body?: unknown): SyntheticResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": REQUEST_ID },
    body: body === undefined ? "" : JSON.stringify(body),
  };
}
