import { cacheRoot as sharedCacheRoot } from "../../../generator/paths";
import * as path from "node:path";

/** Root of everything the test environment caches between runs (binaries, moto, the CLI's state). */
export const cacheRoot = sharedCacheRoot;

/** The wrapper Go module that pins kube-apiserver, kubectl and etcd. */
export const GO_MODULE_DIR = path.join(__dirname, "go");
