import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { apiserverArgs, apiserverUrl, etcdArgs, etcdClientUrl } from "./args";
import { type BinaryPaths, type Progress, ensureKubeBinaries } from "./build";
import { type Connection, kubeRequest } from "./client";
import { renderKubeconfig } from "./kubeconfig";
import { createCa, createServiceAccountKey, issueCert } from "./pki";
import { freePorts } from "./ports";
import { recordedPids, startDaemon, stopGroup } from "./process";
import type { KubeState } from "./state";
import { waitUntil } from "./wait";

/** On 2 cores a cold apiserver takes 10-30 s to install its bootstrap RBAC policy; leave room. */
const APISERVER_READY_MS = 120_000;
const ETCD_READY_MS = 30_000;

export const ADMIN_USER = "ack-ts-admin";

export function adminConnection(s: KubeState): Connection {
  return {
    server: s.server,
    caPem: fs.readFileSync(s.pki.caCert, "utf8"),
    cert: fs.readFileSync(s.pki.adminCert, "utf8"),
    key: fs.readFileSync(s.pki.adminKey, "utf8"),
  };
}

/** Starts etcd and kube-apiserver under `root` (which the caller creates and later removes). */
export async function startKube(o: { root: string; binaries?: BinaryPaths; progress?: Progress }): Promise<KubeState> {
  const binaries = o.binaries ?? (await ensureKubeBinaries({ progress: o.progress }));
  const dirs = { pki: path.join(o.root, "pki"), logs: path.join(o.root, "logs"), pids: path.join(o.root, "pids"), etcd: path.join(o.root, "etcd") };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });

  const ca = await createCa(dirs.pki);
  const serving = await issueCert(ca, dirs.pki, "apiserver", {
    usage: "server",
    commonName: "kube-apiserver",
    sans: ["IP:127.0.0.1", "DNS:localhost", "DNS:kubernetes", "DNS:kubernetes.default", "DNS:kubernetes.default.svc"],
  });
  const admin = await issueCert(ca, dirs.pki, "admin", { usage: "client", commonName: ADMIN_USER, groups: ["system:masters"] });
  const sa = createServiceAccountKey(dirs.pki);

  const [etcdClient, etcdPeer, apiPort] = (await freePorts(3)) as [number, number, number];
  const etcdUrl = etcdClientUrl(etcdClient);
  const state: KubeState = {
    root: o.root,
    pidDir: dirs.pids,
    server: apiserverUrl(apiPort),
    adminKubeconfig: path.join(o.root, "admin.kubeconfig"),
    binaries,
    pki: { dir: dirs.pki, caCert: ca.cert, caKey: ca.key, adminCert: admin.cert, adminKey: admin.key },
    etcd: {
      url: etcdUrl,
      dataDir: dirs.etcd,
      args: etcdArgs({ dataDir: dirs.etcd, clientPort: etcdClient, peerPort: etcdPeer }),
      logFile: path.join(dirs.logs, "etcd.log"),
    },
    apiserver: {
      port: apiPort,
      args: apiserverArgs({
        port: apiPort,
        etcdUrl,
        pki: { caCert: ca.cert, servingCert: serving.cert, servingKey: serving.key, saPublicKey: sa.publicKey, saPrivateKey: sa.privateKey },
      }),
      logFile: path.join(dirs.logs, "kube-apiserver.log"),
    },
  };

  await startEtcd(state);
  await startApiserver(state);
  fs.writeFileSync(
    state.adminKubeconfig,
    renderKubeconfig({
      server: state.server,
      caPem: fs.readFileSync(ca.cert, "utf8"),
      user: { clientCertificate: fs.readFileSync(admin.cert, "utf8"), clientKey: fs.readFileSync(admin.key, "utf8") },
      name: "ack-ts-admin",
    }),
    { mode: 0o600 },
  );
  return state;
}

async function startEtcd(s: KubeState): Promise<void> {
  const pid = startDaemon({ name: "etcd", bin: s.binaries.etcd, args: s.etcd.args, logFile: s.etcd.logFile, pidDir: s.pidDir, cwd: s.root });
  await waitUntil("etcd", () => etcdHealthy(s.etcd.url), { timeoutMs: ETCD_READY_MS, pid, logFile: s.etcd.logFile });
}

function etcdHealthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    http
      .get(`${url}/health`, { timeout: 2000 }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (c: string) => (body += c));
        res.on("end", () => resolve(res.statusCode === 200 && /"health":\s*"true"/.test(body)));
      })
      .on("error", () => resolve(false));
  });
}

async function startApiserver(s: KubeState): Promise<void> {
  const pid = startDaemon({
    name: "kube-apiserver",
    bin: s.binaries["kube-apiserver"],
    args: s.apiserver.args,
    logFile: s.apiserver.logFile,
    pidDir: s.pidDir,
    cwd: s.root,
  });
  const conn = adminConnection(s);
  const wait = { timeoutMs: APISERVER_READY_MS, pid, logFile: s.apiserver.logFile, intervalMs: 250 };
  await waitUntil("kube-apiserver /readyz", async () => (await kubeRequest(conn, "GET", "/readyz", undefined, 5000)).status === 200, wait);
  // /readyz can pass before the system namespaces controller has run once; clients expect "default".
  await waitUntil("namespace default", async () => (await kubeRequest(conn, "GET", "/api/v1/namespaces/default")).status === 200, wait);
}

/** Stops kube-apiserver alone and starts it again on the same port; etcd and its data are untouched. */
export async function restartApiserver(s: KubeState): Promise<void> {
  const pid = recordedPids(s.pidDir).get("kube-apiserver");
  if (pid !== undefined) await stopGroup(pid);
  await startApiserver(s);
}

/** Stops kube-apiserver, then etcd. Removing `root` is the caller's job. */
export async function stopKube(s: KubeState): Promise<void> {
  const pids = recordedPids(s.pidDir);
  for (const name of ["kube-apiserver", "etcd"]) {
    const pid = pids.get(name);
    if (pid !== undefined) await stopGroup(pid);
  }
}
