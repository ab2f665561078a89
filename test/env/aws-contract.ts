import * as fs from "node:fs";
import * as path from "node:path";

/** The contract test/env/aws/index.ts (owned by the AWS half) implements. */
export interface AwsEnv {
  /** The scenario proxy's URL: what AWS_ENDPOINT_URL gets. */
  endpoint: string;
  motoEndpoint: string;
  /** The proxy's control API. */
  controlUrl: string;
  region: string;
  pids: number[];
  stop(): Promise<void>;
}

export type StartAws = (opts: { region?: string; detached?: boolean; stateDir: string }) => Promise<AwsEnv>;

/**
 * Loads startAws from ./aws, or returns undefined while that half has not landed. A plain
 * require keeps this file compiling either way; once ./aws exists its own types are checked there.
 */
export function loadStartAws(dir = path.join(__dirname, "aws")): StartAws | undefined {
  if (![".ts", ".js"].some((ext) => fs.existsSync(path.join(dir, `index${ext}`)))) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(dir) as { startAws?: StartAws };
  if (typeof mod.startAws !== "function") throw new Error(`${dir}/index.ts does not export startAws`);
  return mod.startAws;
}
