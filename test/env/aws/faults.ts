/** Fault rules: which calls fail, and how. Pure: matching returns the new rule list instead of mutating. */

/** access-denied: the error AWS sends when IAM does not allow the call, naming `<service>:<operation>`. */
export type FaultKind = "throttle" | "server-error" | "latency" | "reset" | "access-denied";

export interface FaultSpec {
  kind: FaultKind;
  operation: string;
  service?: string;
  resource?: string;
  /** server-error: 500 (default) or 503 etc. */
  status?: number;
  /** latency: delay before the call goes on to moto. */
  latencyMs?: number;
  /** How many matching calls to hit; omitted means until cleared. */
  count?: number;
}

export interface FaultRule extends FaultSpec {
  id: string;
  /** Calls this rule has hit so far. */
  hits: number;
}

export interface CallKey {
  service: string;
  operation: string;
  resource?: string;
}

export function validateFault(spec: unknown): FaultSpec {
  const s = spec as Partial<FaultSpec>;
  if (!s || typeof s !== "object") throw new Error("fault: expected an object");
  if (!["throttle", "server-error", "latency", "reset", "access-denied"].includes(s.kind as string)) {
    throw new Error(`fault: kind must be throttle, server-error, latency, reset or access-denied (got ${String(s.kind)})`);
  }
  if (typeof s.operation !== "string" || !s.operation) throw new Error("fault: operation is required (e.g. DescribeTrainingJob, or * for any)");
  if (s.kind === "latency" && !(typeof s.latencyMs === "number" && s.latencyMs >= 0)) throw new Error("fault: latency needs latencyMs");
  if (s.status !== undefined && !(s.status >= 500 && s.status <= 599)) throw new Error("fault: status must be 5xx");
  if (s.count !== undefined && !(Number.isInteger(s.count) && s.count > 0)) throw new Error("fault: count must be a positive integer");
  return s as FaultSpec;
}

export function ruleMatches(rule: FaultRule, call: CallKey): boolean {
  if (rule.count !== undefined && rule.hits >= rule.count) return false;
  if (rule.operation !== "*" && rule.operation !== call.operation) return false;
  if (rule.service !== undefined && rule.service !== call.service) return false;
  if (rule.resource !== undefined && rule.resource !== call.resource) return false;
  return true;
}

export interface FaultDecision {
  /** Delay before anything else happens (sum of matching latency rules). */
  latencyMs: number;
  /** The failing fault to apply after the delay, if any (the first matching non-latency rule). */
  failure?: FaultRule;
  /** Rules with hit counts advanced. */
  rules: FaultRule[];
}

/** Decide what happens to one call. Latency rules add up and let the call go on; the first failing rule wins. */
export function decideFaults(rules: FaultRule[], call: CallKey): FaultDecision {
  let latencyMs = 0;
  let failure: FaultRule | undefined;
  const next = rules.map((rule) => {
    if (!ruleMatches(rule, call)) return rule;
    if (rule.kind === "latency") {
      latencyMs += rule.latencyMs ?? 0;
      return { ...rule, hits: rule.hits + 1 };
    }
    if (failure) return rule;
    failure = { ...rule, hits: rule.hits + 1 };
    return failure;
  });
  return { latencyMs, failure, rules: next };
}
