import { countCalls, filterCalls, trimInput, type CallRecord } from "./call-log";

const rec = (seq: number, operation: string, resource?: string, service = "sagemaker"): CallRecord => ({
  seq, time: 0, service, operation, ...(resource ? { resource } : {}), status: 200, durationMs: 1, input: {},
});

const calls = [rec(1, "CreateTrainingJob", "a"), rec(2, "DescribeTrainingJob", "a"), rec(3, "DescribeTrainingJob", "b"), rec(4, "GetCallerIdentity", undefined, "sts")];

describe("call log", () => {
  it("filters by service, operation, resource and seq", () => {
    expect(filterCalls(calls, { operation: "DescribeTrainingJob" }).map((c) => c.seq)).toEqual([2, 3]);
    expect(filterCalls(calls, { resource: "a", since: 1 }).map((c) => c.seq)).toEqual([2]);
    expect(filterCalls(calls, { service: "sts" }).map((c) => c.seq)).toEqual([4]);
  });

  it("counts calls per resource, operation or service", () => {
    expect(countCalls(calls, "resource")).toEqual({ a: 2, b: 1, "": 1 });
    expect(countCalls(calls, "operation")).toEqual({ CreateTrainingJob: 1, DescribeTrainingJob: 2, GetCallerIdentity: 1 });
    expect(countCalls(calls, "service")).toEqual({ sagemaker: 3, sts: 1 });
  });

  it("keeps big inputs out of memory", () => {
    expect(trimInput({ big: "x".repeat(100) }, 50)).toEqual({ __truncated: true, __chars: 110 });
    expect(trimInput({ small: 1 })).toEqual({ small: 1 });
  });
});
