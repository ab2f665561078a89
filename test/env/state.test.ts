import * as path from "node:path";
import { sampleState } from "./fixtures/sample-state";
import { defaultStateFile, parseEnvState } from "./state";


describe("parseEnvState", () => {
  it("round-trips what is written", () => {
    expect(parseEnvState(JSON.stringify(sampleState))).toEqual(sampleState);
  });
  it("accepts an environment without the AWS half", () => {
    expect(parseEnvState(JSON.stringify({ ...sampleState, aws: null })).aws).toBeNull();
  });
  it("names the first bad field", () => {
    const broken = JSON.parse(JSON.stringify(sampleState));
    broken.kube.apiserver.port = "4443";
    expect(() => parseEnvState(JSON.stringify(broken))).toThrow("kube.apiserver.port is not an integer");
    delete broken.kube.etcd;
    expect(() => parseEnvState(JSON.stringify(broken))).toThrow("missing kube.etcd");
    expect(() => parseEnvState(JSON.stringify({ ...sampleState, aws: { ...sampleState.aws, pids: ["1"] } }))).toThrow("aws.pids");
  });
  it("rejects non-JSON and unknown versions", () => {
    expect(() => parseEnvState("{")).toThrow("not JSON");
    expect(() => parseEnvState(JSON.stringify({ ...sampleState, version: 2 }))).toThrow("unsupported version");
  });
});

describe("defaultStateFile", () => {
  it("lives in the cache unless ACK_TS_TESTENV_HOME says otherwise", () => {
    expect(defaultStateFile({ HOME: "/h", XDG_CACHE_HOME: "/x" })).toBe(path.join("/x", "ack-ts", "testenv", "state.json"));
    expect(defaultStateFile({ ACK_TS_CACHE: "/c" })).toBe("/c/testenv/state.json");
    expect(defaultStateFile({ ACK_TS_CACHE: "/c", ACK_TS_TESTENV_HOME: "/t" })).toBe("/t/state.json");
  });
});
