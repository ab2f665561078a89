import * as os from "node:os";
import * as path from "node:path";

/** Root of everything the test environment caches between runs (binaries, the CLI's state). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ACK_TS_CACHE) return env.ACK_TS_CACHE;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "ack-ts");
}

/** The wrapper Go module that pins kube-apiserver, kubectl and etcd. */
export const GO_MODULE_DIR = path.join(__dirname, "go");
