// What an integration test reads to reach the environment that jest's globalSetup started.
import { spawnSync } from "node:child_process";
import { restartApiserver as restartKubeApiserver } from "./kube/cluster";
import { type Identity, mintServiceAccount, mintUser } from "./kube/identity";
import { type EnvState, STATE_ENV, readEnvState, stateFileFromEnv } from "./state";

export interface TestContext {
  state: EnvState;
  kubeconfig: string;
  kubectlPath: string;
  region: string;
  /** The scenario proxy, when the AWS half runs. */
  awsEndpoint?: string;
}

let cached: TestContext | undefined;

export function testContext(): TestContext {
  if (cached) return cached;
  const file = stateFileFromEnv();
  const state = file ? readEnvState(file) : undefined;
  if (!state) throw new Error(`${STATE_ENV} does not name a test environment: run through \`npm run test:integration\``);
  cached = {
    state,
    kubeconfig: state.kube.adminKubeconfig,
    kubectlPath: state.kube.binaries.kubectl,
    region: state.region,
    awsEndpoint: state.aws?.endpoint,
  };
  return cached;
}

export interface KubectlResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built kubectl (admin unless `kubeconfig` says otherwise). Never throws on a non-zero exit. */
export function kubectl(args: string[], o: { kubeconfig?: string; input?: string; timeoutMs?: number } = {}): KubectlResult {
  const ctx = testContext();
  const r = spawnSync(ctx.kubectlPath, ["--kubeconfig", o.kubeconfig ?? ctx.kubeconfig, ...args], {
    input: o.input,
    encoding: "utf8",
    timeout: o.timeoutMs ?? 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const restartApiserver = (): Promise<void> => restartKubeApiserver(testContext().state.kube);
export const mintTestUser = (name: string, groups?: string[]): Promise<Identity> => mintUser(testContext().state.kube, name, groups);
export const mintTestServiceAccount = (namespace: string, name: string) => mintServiceAccount(testContext().state.kube, namespace, name);
