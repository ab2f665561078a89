import { trainingJobInProgress, statusHold } from "./hold-presets";
import { armAfter, dropStale, newHold, serveDescribe, validateHold, type Body, type Hold, type HoldSpec } from "./holds";

const FINAL: Body = { TrainingJobName: "tj", TrainingJobStatus: "Completed", SecondaryStatus: "Completed", TrainingEndTime: 5, ModelArtifacts: { S3ModelArtifacts: "s3://x" } };

/** Serves `times` Describes at the given clock values and returns what the client saw. */
function serve(holds: Hold[], clock: number[], operation = "DescribeTrainingJob", body: Body = FINAL) {
  const seen: Body[] = [];
  let state = holds;
  for (const now of clock) {
    const out = serveDescribe(state, operation, "tj", body, now);
    seen.push(out.body);
    state = out.holds;
  }
  return { seen, holds: state };
}

const hold = (spec: HoldSpec, seq = 1) => newHold(validateHold(spec), `h${seq}`, seq);

describe("holds by Describe count", () => {
  it("walks the phases, one Describe each, then lets moto's final state through", () => {
    const { seen } = serve([hold(trainingJobInProgress("tj", { secondary: ["Starting", "Training"] }))], [0, 1, 2, 3]);
    expect(seen.map((b) => [b.TrainingJobStatus, b.SecondaryStatus])).toEqual([
      ["InProgress", "Starting"],
      ["InProgress", "Training"],
      ["Completed", "Completed"],
      ["Completed", "Completed"],
    ]);
    expect(seen[0]).not.toHaveProperty("TrainingEndTime");
    expect(seen[0]).not.toHaveProperty("ModelArtifacts");
    expect(seen[2]).toHaveProperty("ModelArtifacts");
  });

  it("serves a phase N times", () => {
    const { seen } = serve([hold(statusHold("Endpoint", "tj", ["Creating"], { describes: 3 }))], [0, 0, 0, 0], "DescribeEndpoint", { EndpointStatus: "InService" });
    expect(seen.map((b) => b.EndpointStatus)).toEqual(["Creating", "Creating", "Creating", "InService"]);
  });

  it("leaves other resources and operations alone", () => {
    const holds = [hold(statusHold("Endpoint", "other", ["Creating"]))];
    expect(serveDescribe(holds, "DescribeEndpoint", "tj", { EndpointStatus: "InService" }, 0).body.EndpointStatus).toBe("InService");
    expect(serveDescribe(holds, "DescribeEndpointConfig", "other", { X: 1 }, 0).body).toEqual({ X: 1 });
  });
});

describe("holds by time", () => {
  it("keeps a phase for N seconds from its first Describe, however often it is asked", () => {
    const { seen } = serve([hold(statusHold("Endpoint", "tj", ["Creating"], { seconds: 10 }))], [1000, 5000, 10_999, 11_000], "DescribeEndpoint", { EndpointStatus: "InService" });
    expect(seen.map((b) => b.EndpointStatus)).toEqual(["Creating", "Creating", "Creating", "InService"]);
  });

  it("keeps wall-clock schedule across timed phases nobody asked about", () => {
    const spec = trainingJobInProgress("tj", { secondary: ["Starting", "Downloading", "Training"], seconds: 10 });
    const { seen } = serve([hold(spec)], [0, 25_000, 31_000]);
    expect(seen.map((b) => b.SecondaryStatus)).toEqual(["Starting", "Training", "Completed"]);
    // Every status passed through shows in the transitions, with its real start time.
    expect(seen[1]!.SecondaryStatusTransitions).toEqual([
      { Status: "Starting", StartTime: 0, EndTime: 10, StatusMessage: "Preparing the instances for training" },
      { Status: "Downloading", StartTime: 10, EndTime: 20, StatusMessage: "Downloading input data" },
      { Status: "Training", StartTime: 20, StatusMessage: "Training image download completed. Training in progress." },
    ]);
    expect((seen[2]!.SecondaryStatusTransitions as Body[]).map((t) => t.Status)).toEqual(["Starting", "Downloading", "Training", "Completed"]);
    expect((seen[2]!.SecondaryStatusTransitions as Body[])[3]).toEqual({ Status: "Completed", StartTime: 30, EndTime: 30 });
  });
});

describe("holds armed by an operation", () => {
  it("does nothing until the operation succeeds, then governs over older holds", () => {
    const creating = hold(statusHold("Endpoint", "tj", ["Creating"]), 1);
    const updating = hold(statusHold("Endpoint", "tj", ["Updating"], { describes: 2, after: "UpdateEndpoint" }), 2);
    let r = serve([creating, updating], [0, 0], "DescribeEndpoint", { EndpointStatus: "InService" });
    expect(r.seen.map((b) => b.EndpointStatus)).toEqual(["Creating", "InService"]);
    const armed = armAfter(r.holds, "UpdateEndpoint", "tj", 3);
    r = serve(armed, [0, 0, 0], "DescribeEndpoint", { EndpointStatus: "InService" });
    expect(r.seen.map((b) => b.EndpointStatus)).toEqual(["Updating", "Updating", "InService"]);
  });
});

describe("peeking", () => {
  it("shows the current phase without spending a Describe", () => {
    const holds = [hold(statusHold("Endpoint", "tj", ["Creating"], { describes: 1 }))];
    const peek = serveDescribe(holds, "DescribeEndpoint", "tj", { EndpointStatus: "InService" }, 0, false);
    expect(peek.body.EndpointStatus).toBe("Creating");
    expect(serve(peek.holds, [0, 0], "DescribeEndpoint", { EndpointStatus: "InService" }).seen.map((b) => b.EndpointStatus)).toEqual(["Creating", "InService"]);
  });
});

describe("validateHold", () => {
  it("rejects holds on non-Describe operations and empty phases", () => {
    expect(() => validateHold({ operation: "CreateEndpoint", resource: "x", phases: [{ set: {} }] })).toThrow(/Describe/);
    expect(() => validateHold({ operation: "DescribeEndpoint", resource: "x", phases: [] })).toThrow(/phases/);
    expect(() => validateHold({ operation: "DescribeEndpoint", resource: "x", phases: [{ set: {}, describes: 0 }] })).toThrow(/describes/);
  });
});

describe("dropStale", () => {
  it("drops released holds and the corrections' own, keeps a test's pending hold", () => {
    const released = { ...hold(statusHold("Endpoint", "tj", ["Creating"]), 1), released: true };
    const correction = hold({ ...statusHold("Endpoint", "tj", ["Updating"]), origin: "correction" }, 2);
    const pending = hold(statusHold("Endpoint", "tj", ["Creating"]), 3);
    expect(dropStale([released, correction, pending], "DescribeEndpoint", "tj").map((h) => h.id)).toEqual(["h3"]);
  });
});
