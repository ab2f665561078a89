import type { SyntheticResponse } from "../aws-errors";

/** DynamoDB's wire form (awsJson1_0) for the DynamoDB gap fillers: errors carry the code in `__type`, namespaced as DynamoDB does. */
const REQUEST_ID = "00000000-0000-0000-0000-ack7e5700000";

export const dynamodbJson = (status: number, body: unknown): SyntheticResponse => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": REQUEST_ID },
  body: JSON.stringify(body),
});

export const dynamodbError = (code: string, message: string): SyntheticResponse =>
  dynamodbJson(400, { __type: `com.amazonaws.dynamodb.v20120810#${code}`, message });
