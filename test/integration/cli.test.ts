// `npm run testenv -- up/down`, as a person or .ci/run uses it: a second, detached environment.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../env/crds";
import { isAlive, recordedPids } from "../env/kube/process";
import { defaultStateFile, readEnvState } from "../env/state";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "ack-ts-cli-test-"));
const env = { ...process.env, ACK_TS_TESTENV_HOME: home };
const stateFile = defaultStateFile(env);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "test/env/cli.ts", ...args], {
    cwd: REPO_ROOT,
    env,
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => {
  cli("down");
  fs.rmSync(home, { recursive: true, force: true });
});

describe("testenv CLI", () => {
  it("up prints export lines that give a working shell, and its processes outlive it; down removes everything", () => {
    const up = cli("up");
    expect(up.stderr).toContain("[testenv] up in");
    expect(up.status).toBe(0);

    const shell = spawnSync("sh", ["-c", `${up.stdout}\nkubectl get namespace default -o name && echo "$AWS_REGION $AWS_ACCESS_KEY_ID $AWS_ENDPOINT_URL"`], {
      encoding: "utf8",
      env: { PATH: "/usr/bin:/bin", HOME: os.homedir() },
    });
    expect(shell.stderr).toBe("");
    const state = readEnvState(stateFile);
    if (!state?.aws) throw new Error(`no state with the AWS half at ${stateFile}`);
    expect(shell.stdout).toBe(`namespace/default\nus-east-1 testing ${state.aws.endpoint}\n`);
    expect(state.detached).toBe(true);
    const pids = [...recordedPids(state.kube.pidDir).values()];
    // etcd, kube-apiserver and the AWS half's (moto and the proxy, when detached)
    expect(pids.length).toBe(2 + state.aws.pids.length);
    expect(state.aws.pids.length).toBeGreaterThan(0);
    expect(pids.every(isAlive)).toBe(true);

    const again = cli("up");
    expect(again.stderr).toContain("already running");
    expect(again.stdout).toBe(up.stdout);

    const down = cli("down");
    expect(down.status).toBe(0);
    expect(pids.some(isAlive)).toBe(false);
    expect(fs.existsSync(state.root)).toBe(false);
    expect(fs.existsSync(stateFile)).toBe(false);
    expect(cli("status").status).toBe(1);
  });
});
