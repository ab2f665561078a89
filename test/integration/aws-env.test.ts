import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startAws, stopAwsFromState } from "../env/aws";
import { isAlive, sleep } from "../env/aws/process-group";
import { formatSmokeReport, runSmoke } from "../env/aws/smoke";

const creds = { accessKeyId: "testing", secretAccessKey: "testing" };

describe("AWS test environment (moto + scenario proxy)", () => {
  it("starts moto and the proxy on free loopback ports, passes the smoke check, and leaves no process behind", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "ack-ts-aws-env-"));
    const env = await startAws({ stateDir, smoke: true });
    try {
      expect(env.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(env.motoEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(env.endpoint).not.toBe(env.motoEndpoint);
      expect(env.controlUrl).toBe(`${env.endpoint}/__control`);
      expect(env.pids).toHaveLength(1);
      const sts = new STSClient({ region: env.region, endpoint: env.endpoint, credentials: creds });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe("123456789012");
    } finally {
      await env.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
    for (const pid of env.pids) expect(isAlive(pid)).toBe(false);
  });

  it("smoke check: every operation the controllers use behaves as the pinned moto is known to", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "ack-ts-aws-smoke-"));
    const env = await startAws({ stateDir });
    try {
      const report = await runSmoke({ endpoint: env.motoEndpoint, region: env.region });
      if (!report.ok) throw new Error(formatSmokeReport(report));
      expect(report.checks.length).toBeGreaterThan(70);
    } finally {
      await env.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it("detached: moto and the proxy (its own node process) outlive the process that started them", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "ack-ts-aws-detached-"));
    const script = `require(${JSON.stringify(join(__dirname, "..", "env", "aws"))}).startAws({ detached: true, stateDir: ${JSON.stringify(stateDir)} })
      .then((e) => { process.stdout.write(JSON.stringify(e)); process.exit(0); }, (err) => { console.error(err); process.exit(1); });`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: join(__dirname, "..", ".."), encoding: "utf8", timeout: 120_000 });
    expect(child.status).toBe(0);
    const env = JSON.parse(child.stdout) as { endpoint: string; pids: number[] };
    try {
      expect(env.pids).toHaveLength(2);
      for (const pid of env.pids) expect(isAlive(pid)).toBe(true);
      const sts = new STSClient({ region: "us-east-1", endpoint: env.endpoint, credentials: creds });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe("123456789012");
    } finally {
      await stopAwsFromState(stateDir);
    }
    await sleep(200);
    for (const pid of env.pids) expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(stateDir, "aws-env.json"))).toBe(false);
    rmSync(stateDir, { recursive: true, force: true });
  });
});
