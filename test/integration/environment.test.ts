// What globalSetup hands to every integration test.
import { spawnSync } from "node:child_process";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { testContext } from "../env/context";

describe("the environment given to tests", () => {
  it("puts the built kubectl first on PATH and KUBECONFIG at the admin", () => {
    const ctx = testContext();
    expect(process.env.KUBECONFIG).toBe(ctx.kubeconfig);
    const which = spawnSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" });
    expect(which.stdout.trim()).toBe(ctx.kubectlPath);
    const r = spawnSync("kubectl", ["auth", "whoami", "-o", "jsonpath={.status.userInfo.groups}"], { encoding: "utf8" });
    expect(r.stdout).toContain("system:masters");
  });

  it("points the AWS SDK's default configuration at the scenario proxy", async () => {
    const ctx = testContext();
    expect(ctx.awsEndpoint).toBeDefined();
    expect(process.env.AWS_ENDPOINT_URL).toBe(ctx.awsEndpoint);
    expect(process.env.AWS_REGION).toBe(ctx.region);
    // No endpoint, region or credentials in code: all from the environment, as a controller gets them.
    const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe("123456789012");
  });
});
