import { decideFaults, ruleMatches, validateFault, type FaultRule } from "./faults";

const rule = (r: Partial<FaultRule> & Pick<FaultRule, "kind" | "operation">): FaultRule => ({ id: "f", hits: 0, ...r });
const call = { service: "sagemaker", operation: "DescribeTrainingJob", resource: "tj" };

describe("fault matching", () => {
  it("matches by operation, optionally by service and resource, or any operation with *", () => {
    expect(ruleMatches(rule({ kind: "throttle", operation: "DescribeTrainingJob" }), call)).toBe(true);
    expect(ruleMatches(rule({ kind: "throttle", operation: "DescribeEndpoint" }), call)).toBe(false);
    expect(ruleMatches(rule({ kind: "throttle", operation: "*", service: "sagemaker" }), call)).toBe(true);
    expect(ruleMatches(rule({ kind: "throttle", operation: "*", service: "logs" }), call)).toBe(false);
    expect(ruleMatches(rule({ kind: "throttle", operation: "DescribeTrainingJob", resource: "other" }), call)).toBe(false);
  });

  it("stops matching once its count is used up", () => {
    let rules = [rule({ kind: "throttle", operation: "DescribeTrainingJob", count: 2 })];
    const outcomes: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const d = decideFaults(rules, call);
      outcomes.push(d.failure !== undefined);
      rules = d.rules;
    }
    expect(outcomes).toEqual([true, true, false]);
  });

  it("adds latency and lets the first failing rule win", () => {
    const rules = [
      rule({ id: "a", kind: "latency", operation: "*", latencyMs: 100 }),
      rule({ id: "b", kind: "server-error", operation: "DescribeTrainingJob", status: 503 }),
      rule({ id: "c", kind: "throttle", operation: "DescribeTrainingJob" }),
    ];
    const d = decideFaults(rules, call);
    expect(d.latencyMs).toBe(100);
    expect(d.failure?.id).toBe("b");
    expect(d.rules.map((r) => r.hits)).toEqual([1, 1, 0]);
    expect(rules.map((r) => r.hits)).toEqual([0, 0, 0]);
  });
});

describe("validateFault", () => {
  it("rejects specs a test could not have meant", () => {
    expect(() => validateFault({ kind: "boom", operation: "X" })).toThrow(/kind/);
    expect(() => validateFault({ kind: "throttle" })).toThrow(/operation/);
    expect(() => validateFault({ kind: "latency", operation: "X" })).toThrow(/latencyMs/);
    expect(() => validateFault({ kind: "server-error", operation: "X", status: 404 })).toThrow(/5xx/);
    expect(() => validateFault({ kind: "reset", operation: "X", count: 0 })).toThrow(/count/);
    expect(validateFault({ kind: "reset", operation: "X", count: 1 })).toEqual({ kind: "reset", operation: "X", count: 1 });
  });
});
