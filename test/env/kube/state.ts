import type { BinaryPaths } from "./build";

/** Everything needed to reach, restart and stop a running kube control plane, from any process. */
export interface KubeState {
  root: string;
  pidDir: string;
  server: string;
  adminKubeconfig: string;
  binaries: BinaryPaths;
  pki: { dir: string; caCert: string; caKey: string; adminCert: string; adminKey: string };
  etcd: { url: string; dataDir: string; args: string[]; logFile: string };
  apiserver: { port: number; args: string[]; logFile: string };
}

type Json = unknown;

function field(o: Json, key: string, where: string): Json {
  if (typeof o !== "object" || o === null || !(key in o)) throw new Error(`testenv state: missing ${where}${key}`);
  return (o as Record<string, Json>)[key];
}

export function str(o: Json, key: string, where = ""): string {
  const v = field(o, key, where);
  if (typeof v !== "string" || !v) throw new Error(`testenv state: ${where}${key} is not a non-empty string`);
  return v;
}

export function num(o: Json, key: string, where = ""): number {
  const v = field(o, key, where);
  if (typeof v !== "number" || !Number.isInteger(v)) throw new Error(`testenv state: ${where}${key} is not an integer`);
  return v;
}

export function strings(o: Json, key: string, where = ""): string[] {
  const v = field(o, key, where);
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) throw new Error(`testenv state: ${where}${key} is not a string list`);
  return v as string[];
}

/** Validates a parsed JSON value as KubeState, naming the first bad field. */
export function parseKubeState(o: Json): KubeState {
  const bins = field(o, "binaries", "kube.");
  const pki = field(o, "pki", "kube.");
  const etcd = field(o, "etcd", "kube.");
  const api = field(o, "apiserver", "kube.");
  return {
    root: str(o, "root", "kube."),
    pidDir: str(o, "pidDir", "kube."),
    server: str(o, "server", "kube."),
    adminKubeconfig: str(o, "adminKubeconfig", "kube."),
    binaries: {
      "kube-apiserver": str(bins, "kube-apiserver", "kube.binaries."),
      kubectl: str(bins, "kubectl", "kube.binaries."),
      etcd: str(bins, "etcd", "kube.binaries."),
    },
    pki: {
      dir: str(pki, "dir", "kube.pki."),
      caCert: str(pki, "caCert", "kube.pki."),
      caKey: str(pki, "caKey", "kube.pki."),
      adminCert: str(pki, "adminCert", "kube.pki."),
      adminKey: str(pki, "adminKey", "kube.pki."),
    },
    etcd: {
      url: str(etcd, "url", "kube.etcd."),
      dataDir: str(etcd, "dataDir", "kube.etcd."),
      args: strings(etcd, "args", "kube.etcd."),
      logFile: str(etcd, "logFile", "kube.etcd."),
    },
    apiserver: {
      port: num(api, "port", "kube.apiserver."),
      args: strings(api, "args", "kube.apiserver."),
      logFile: str(api, "logFile", "kube.apiserver."),
    },
  };
}
