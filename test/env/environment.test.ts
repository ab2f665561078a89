import { spawnSync } from "node:child_process";
import { envVars, exportLines, shellQuote } from "./environment";
import { sampleState } from "./fixtures/sample-state";

describe("envVars", () => {
  it("points kubectl, tests and the AWS SDK at the environment", () => {
    expect(envVars(sampleState, "/s.json")).toEqual({
      KUBECONFIG: "/tmp/ack-ts-testenv-x/admin.kubeconfig",
      KUBECACHEDIR: "/tmp/ack-ts-testenv-x/kubectl-cache",
      ACK_TS_TESTENV_STATE: "/s.json",
      AWS_ENDPOINT_URL: "http://127.0.0.1:1",
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
    });
  });
  it("leaves AWS_ENDPOINT_URL out without the AWS half", () => {
    expect(envVars({ ...sampleState, aws: null }, "/s.json")).not.toHaveProperty("AWS_ENDPOINT_URL");
  });
});

describe("exportLines", () => {
  it("evaluates in a shell to the same variables, with kubectl's dir first on PATH", () => {
    const s = { ...sampleState, kube: { ...sampleState.kube, adminKubeconfig: "/tmp/it's here/admin.kubeconfig" } };
    const script = `${exportLines(s, "/s.json")}\necho "$KUBECONFIG"; echo "$AWS_ENDPOINT_URL"; echo "$PATH"`;
    const r = spawnSync("sh", ["-c", script], { encoding: "utf8", env: { PATH: "/usr/bin:/bin" } });
    const [kubeconfig, endpoint, pathVar] = r.stdout.split("\n");
    expect([kubeconfig, endpoint]).toEqual(["/tmp/it's here/admin.kubeconfig", "http://127.0.0.1:1"]);
    expect(pathVar?.split(":")[0]).toBe("/c/bin/kubectl-v1");
    expect(pathVar?.endsWith(":/usr/bin:/bin")).toBe(true);
  });
  it("quotes for POSIX shells", () => {
    expect(shellQuote("a'b $c")).toBe(`'a'\\''b $c'`);
  });
});
