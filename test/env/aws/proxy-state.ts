import type { CallRecord, InFlightCall } from "./call-log";
import type { FaultRule } from "./faults";
import type { Hold } from "./holds";
import { createGapFillers, type GapFiller } from "./gap-fillers";
import type { AssumedKeys } from "./principals";
import { emptyDynamoDbState, type DynamoDbState } from "./dynamodb-corrections";
import { emptyS3State, type S3State } from "./s3-corrections";

/** Everything a scenario proxy remembers. One per proxy; tests change it through the control API. */
export interface ProxyState {
  calls: CallRecord[];
  /** Calls received and not answered yet (a latency fault, moto still working). */
  arriving: Set<InFlightCall>;
  faults: FaultRule[];
  holds: Hold[];
  /** Permanent Describe patches left by corrections, keyed by holdKey(describeOperation, resource). */
  overlays: Map<string, Record<string, unknown>>;
  /** S3 bucket configurations moto mishandles, kept by the proxy (s3-corrections.ts). */
  s3: S3State;
  /** Operations moto lacks, answered by the proxy (gap-fillers/), each filler with its own state. */
  gaps: GapFiller[];
  /** Temporary keys handed out by AssumeRole, so each call can be recorded with its role and account. */
  assumedKeys: AssumedKeys;
  /** DynamoDB table settings moto drops (TableClass) or ignores (SSE updates), kept by the proxy (dynamodb-corrections.ts). */
  dynamodb: DynamoDbState;
  seq: number;
}

export function emptyState(): ProxyState {
  return { calls: [], arriving: new Set(), faults: [], holds: [], overlays: new Map(), s3: emptyS3State(), gaps: createGapFillers(), assumedKeys: new Map(), dynamodb: emptyDynamoDbState(), seq: 0 };
}

export function nextSeq(state: ProxyState): number {
  state.seq += 1;
  return state.seq;
}
