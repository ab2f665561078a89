import * as os from "node:os";
import * as path from "node:path";
import { userPath } from "../../../runtime/user-path";

/**
 * Root of everything the test environment caches between runs (binaries, moto, the CLI's state):
 * $ACK_TS_CACHE, else $XDG_CACHE_HOME/ack-ts, else ~/.cache/ack-ts. Relative values are relative to
 * the user's directory.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ACK_TS_CACHE) return userPath(env.ACK_TS_CACHE, env);
  return path.join(env.XDG_CACHE_HOME ? userPath(env.XDG_CACHE_HOME, env) : path.join(os.homedir(), ".cache"), "ack-ts");
}

/** The wrapper Go module that pins kube-apiserver, kubectl and etcd. */
export const GO_MODULE_DIR = path.join(__dirname, "go");
