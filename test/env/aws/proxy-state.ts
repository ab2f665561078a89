import type { CallRecord } from "./call-log";
import type { FaultRule } from "./faults";
import type { Hold } from "./holds";

/** Everything a scenario proxy remembers. One per proxy; tests change it through the control API. */
export interface ProxyState {
  calls: CallRecord[];
  faults: FaultRule[];
  holds: Hold[];
  /** Permanent Describe patches left by corrections, keyed by holdKey(describeOperation, resource). */
  overlays: Map<string, Record<string, unknown>>;
  seq: number;
}

export function emptyState(): ProxyState {
  return { calls: [], faults: [], holds: [], overlays: new Map(), seq: 0 };
}

export function nextSeq(state: ProxyState): number {
  state.seq += 1;
  return state.seq;
}
