/** Helpers for integration tests: one AWS env per test file, or the run's shared one when global setup started it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProxyControl } from "./control-client";
import { startAws } from "./index";

export interface TestAws {
  endpoint: string;
  controlUrl: string;
  motoEndpoint: string;
  region: string;
  control: ProxyControl;
  /** The SDK client config tests use; maxAttempts 1 unless a test wants the SDK's retries. */
  clientConfig(opts?: { maxAttempts?: number }): {
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    maxAttempts: number;
  };
  stop(): Promise<void>;
}

export async function startTestAws(): Promise<TestAws> {
  const shared = process.env.AWS_ENDPOINT_URL;
  if (shared) {
    const control = new ProxyControl(`${shared.replace(/\/+$/, "")}/__control`);
    const { upstream } = await control.health();
    return make(shared, control.controlUrl, upstream, process.env.AWS_REGION ?? "us-east-1", async () => {
      await control.clearFaults();
      await control.clearHolds();
    });
  }
  const stateDir = mkdtempSync(join(tmpdir(), "ack-ts-aws-"));
  const env = await startAws({ stateDir });
  return make(env.endpoint, env.controlUrl, env.motoEndpoint, env.region, async () => {
    await env.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });
}

function make(endpoint: string, controlUrl: string, motoEndpoint: string, region: string, stop: () => Promise<void>): TestAws {
  return {
    endpoint,
    controlUrl,
    motoEndpoint,
    region,
    control: new ProxyControl(controlUrl),
    clientConfig: (opts = {}) => ({
      region: "us-east-1",
      endpoint,
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
      maxAttempts: opts.maxAttempts ?? 1,
    }),
    stop,
  };
}

/** A name no other test (or earlier run against a shared moto) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
