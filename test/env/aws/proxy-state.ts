import type { CallRecord } from "./call-log";
import type { FaultRule } from "./faults";
import type { Hold } from "./holds";
import { emptyGlobalTablesState, type GlobalTablesState } from "./dynamodb-global-tables";
import { emptyS3State, type S3State } from "./s3-corrections";

/** Everything a scenario proxy remembers. One per proxy; tests change it through the control API. */
export interface ProxyState {
  calls: CallRecord[];
  faults: FaultRule[];
  holds: Hold[];
  /** Permanent Describe patches left by corrections, keyed by holdKey(describeOperation, resource). */
  overlays: Map<string, Record<string, unknown>>;
  /** S3 bucket configurations moto mishandles, kept by the proxy (s3-corrections.ts). */
  s3: S3State;
  /** DynamoDB global tables (2017.11.29), which moto lacks, kept by the proxy (dynamodb-global-tables.ts). */
  globalTables: GlobalTablesState;
  seq: number;
}

export function emptyState(): ProxyState {
  return { calls: [], faults: [], holds: [], overlays: new Map(), s3: emptyS3State(), globalTables: emptyGlobalTablesState(), seq: 0 };
}

export function nextSeq(state: ProxyState): number {
  state.seq += 1;
  return state.seq;
}
