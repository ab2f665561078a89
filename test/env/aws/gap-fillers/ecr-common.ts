import type { AwsCall } from "../aws-call";
import { awsError, jsonOk, type SyntheticResponse } from "../aws-errors";

/** ECR's JSON-protocol helpers for the ECR gap fillers. */
export const ECR_API = "https://docs.aws.amazon.com/AmazonECR/latest/APIReference";

export const ecrError = (code: string, message: string): SyntheticResponse => awsError("awsJson1_1", 400, code, message);
export const ecrOk = (body: Record<string, unknown>): SyntheticResponse => jsonOk(body);

export function str(call: AwsCall, member: string): string | undefined {
  const v = call.input[member];
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function strings(call: AwsCall, member: string): string[] | undefined {
  const v = call.input[member];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
}

/** Only the members that are set (the SDK leaves out the unset ones; so does AWS). */
export function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Epoch seconds, as awsJson carries timestamps. */
export const nowSeconds = (now: () => number): number => Math.round(now()) / 1000;
