import * as path from "node:path";
import { sampleState } from "./fixtures/sample-state";
import { cacheRoot } from "./kube/paths";
import { defaultStateFile, parseEnvState, stateFileFromEnv } from "./state";


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

describe("relative paths in the environment variables", () => {
  const npm = { INIT_CWD: "/home/u/repo/sub", npm_package_json: path.resolve("package.json") };

  it("ACK_TS_TESTENV_HOME resolves against the current directory (under npm: where npm was run)", () => {
    expect(defaultStateFile({ ACK_TS_TESTENV_HOME: "tenv" })).toBe(path.resolve("tenv", "state.json"));
    expect(defaultStateFile({ ...npm, ACK_TS_TESTENV_HOME: "../tenv" })).toBe("/home/u/repo/tenv/state.json");
  });

  it("ACK_TS_CACHE and XDG_CACHE_HOME resolve against the current directory", () => {
    expect(cacheRoot({ ACK_TS_CACHE: "c" })).toBe(path.resolve("c"));
    expect(cacheRoot({ XDG_CACHE_HOME: "x" })).toBe(path.resolve("x", "ack-ts"));
    expect(cacheRoot({ ...npm, XDG_CACHE_HOME: "x" })).toBe("/home/u/repo/sub/x/ack-ts");
    expect(defaultStateFile({ ...npm, ACK_TS_CACHE: "c" })).toBe("/home/u/repo/sub/c/testenv/state.json");
  });

  it("ACK_TS_TESTENV_STATE resolves against the current directory", () => {
    expect(stateFileFromEnv({})).toBeUndefined();
    expect(stateFileFromEnv({ ACK_TS_TESTENV_STATE: "s/state.json" })).toBe(path.resolve("s/state.json"));
    expect(stateFileFromEnv({ ...npm, ACK_TS_TESTENV_STATE: "state.json" })).toBe("/home/u/repo/sub/state.json");
    expect(stateFileFromEnv({ ACK_TS_TESTENV_STATE: "/abs/state.json" })).toBe("/abs/state.json");
  });
});
