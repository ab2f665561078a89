/** The record of AWS calls the proxy saw. Pure helpers over a list of entries. */
import type { FaultKind } from "./faults";

export interface CallRecord {
  seq: number;
  /** ms since epoch when the call arrived. */
  time: number;
  service: string;
  operation: string;
  resource?: string;
  /** HTTP status the client got; 0 when the connection was reset. */
  status: number;
  errorCode?: string;
  durationMs: number;
  /** A fault the proxy injected. */
  fault?: FaultKind;
  /** The proxy answered this call itself (a correction of a moto gap). */
  corrected?: boolean;
  /** Index of the hold phase served, for a Describe the proxy held in progress. */
  heldPhase?: number;
  /** Who signed it: the access key ID of the SigV4 credential scope (assumed roles' keys start ASIA). */
  accessKeyId?: string;
  /** The role whose AssumeRole handed out that key, and the role's account (where moto files the call's resources). */
  assumedRole?: string;
  account?: string;
  input: Record<string, unknown>;
}

/** A call the proxy has received and not answered yet (recorded as a CallRecord once it is). */
export interface InFlightCall {
  /** ms since epoch when the call arrived. */
  time: number;
  service: string;
  operation: string;
  resource?: string;
}

export interface CallQuery {
  service?: string;
  operation?: string;
  resource?: string;
  /** Only calls signed by this account's assumed role. */
  account?: string;
  /** Only calls with seq greater than this. */
  since?: number;
}

export function filterCalls(calls: CallRecord[], q: CallQuery): CallRecord[] {
  return calls.filter(
    (c) =>
      (q.service === undefined || c.service === q.service) &&
      (q.operation === undefined || c.operation === q.operation) &&
      (q.resource === undefined || c.resource === q.resource) &&
      (q.account === undefined || c.account === q.account) &&
      (q.since === undefined || c.seq > q.since),
  );
}

export type CountBy = "resource" | "operation" | "service";

/** Calls per resource (or operation, or service); calls without a resource count under "". */
export function countCalls(calls: CallRecord[], by: CountBy): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) {
    const key = (by === "resource" ? c.resource : by === "operation" ? c.operation : c.service) ?? "";
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Keeps big request bodies (S3 uploads, pipeline definitions) from filling memory. */
export function trimInput(input: Record<string, unknown>, maxChars = 16_384): Record<string, unknown> {
  const text = JSON.stringify(input);
  return text.length <= maxChars ? input : { __truncated: true, __chars: text.length };
}
