import * as fs from "node:fs";
import * as path from "node:path";
import { userPath } from "../../runtime/user-path";
import { cacheRoot } from "./kube/paths";
import { type KubeState, num, parseKubeState, str } from "./kube/state";

export interface AwsState {
  endpoint: string;
  motoEndpoint: string;
  controlUrl: string;
  region: string;
  pids: number[];
}

/** The whole environment, written where `up`, `down`, jest and tests can all read it. */
export interface EnvState {
  version: 1;
  /** Temp dir holding everything the environment wrote; removed on stop. */
  root: string;
  detached: boolean;
  region: string;
  kube: KubeState;
  /** null when the AWS half was not started. */
  aws: AwsState | null;
}

export const STATE_ENV = "ACK_TS_TESTENV_STATE";

/** Where the CLI keeps the state of the environment it started ($ACK_TS_TESTENV_HOME lets tests run a second one). */
export function defaultStateFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.ACK_TS_TESTENV_HOME ? userPath(env.ACK_TS_TESTENV_HOME, env) : path.join(cacheRoot(env), "testenv"), "state.json");
}

/** The state file $ACK_TS_TESTENV_STATE names (absolute), if it names one. */
export function stateFileFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[STATE_ENV];
  return file ? userPath(file, env) : undefined;
}

function parseAws(o: unknown): AwsState | null {
  if (o === null) return null;
  const pids = (o as { pids?: unknown }).pids;
  if (!Array.isArray(pids) || !pids.every((p) => Number.isInteger(p))) throw new Error("testenv state: aws.pids is not a list of pids");
  return {
    endpoint: str(o, "endpoint", "aws."),
    motoEndpoint: str(o, "motoEndpoint", "aws."),
    controlUrl: str(o, "controlUrl", "aws."),
    region: str(o, "region", "aws."),
    pids: pids as number[],
  };
}

export function parseEnvState(text: string): EnvState {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new Error(`testenv state: not JSON: ${(e as Error).message}`);
  }
  if (num(o, "version") !== 1) throw new Error("testenv state: unsupported version");
  const detached = (o as { detached?: unknown }).detached;
  if (typeof detached !== "boolean") throw new Error("testenv state: detached is not a boolean");
  return {
    version: 1,
    root: str(o, "root"),
    detached,
    region: str(o, "region"),
    kube: parseKubeState((o as { kube?: unknown }).kube),
    aws: parseAws((o as { aws?: unknown }).aws ?? null),
  };
}

export function readEnvState(file: string): EnvState | undefined {
  if (!fs.existsSync(file)) return undefined;
  return parseEnvState(fs.readFileSync(file, "utf8"));
}

export function writeEnvState(file: string, s: EnvState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(s, null, 2) + "\n");
  fs.renameSync(tmp, file);
}
