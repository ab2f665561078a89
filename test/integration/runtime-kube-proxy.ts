// A plain-HTTP proxy in front of the real kube-apiserver, for runtime integration tests: everything
// passes through, and a test can make the next watch answer 410 Gone (as after etcd compaction) or
// go silent, which a real apiserver cannot be made to do on demand.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Agent, request } from "node:https";
import type { AddressInfo } from "node:net";
import { loadConnection } from "../../runtime/k8s/kubeconfig";

export interface KubeProxy {
  url: string;
  /** Watches opened through the proxy so far. */
  watches(): number;
  /** The next `n` watch requests get a 410 Expired ERROR event, then the stream ends. */
  expireNextWatches(n?: number): void;
  /** The next watch request is accepted and then never sends anything. */
  silenceNextWatch(): void;
  /** Requests whose path starts with this answer 404, as for a CRD that is not installed. */
  hidePath(prefix: string): void;
  close(): Promise<void>;
}

export async function startKubeProxy(kubeconfig: string): Promise<KubeProxy> {
  const conn = loadConnection({ KUBECONFIG: kubeconfig });
  const upstream = new URL(conn.server);
  const agent = new Agent({ keepAlive: true, ca: conn.ca, cert: conn.cert, key: conn.key });
  let watches = 0;
  let expire = 0;
  let silence = false;
  const hidden: string[] = [];
  const open = new Set<ServerResponse>();
  const activeWatches = new Set<ServerResponse>();
  const endActiveWatches = () => {
    for (const r of activeWatches) r.end();
    activeWatches.clear();
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (hidden.some((p) => (req.url ?? "").startsWith(p))) {
      res.writeHead(404, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", message: "the server could not find the requested resource", reason: "NotFound", code: 404 }));
      return;
    }
    const isWatch = /[?&]watch=(true|1)/.test(req.url ?? "");
    if (isWatch) {
      watches++;
      if (expire > 0) {
        expire--;
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ type: "ERROR", object: { kind: "Status", apiVersion: "v1", status: "Failure", message: "too old resource version", reason: "Expired", code: 410 } }) + "\n");
        return;
      }
      if (silence) {
        silence = false;
        res.writeHead(200, { "Content-Type": "application/json" });
        res.flushHeaders();
        open.add(res);
        res.on("close", () => open.delete(res));
        return;
      }
    }
    const headers = { ...req.headers, host: upstream.host };
    const token = conn.token?.(); // the test kubeconfigs hold static tokens or certificates
    if (typeof token === "string") headers.authorization = `Bearer ${token}`;
    const up = request(
      { protocol: "https:", hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        if (isWatch) {
          // kube-apiserver flushes a watch's headers at once; Node would hold them until the first
          // event, so a quiet watch would never look open to the controller (readiness stayed down).
          res.flushHeaders();
          activeWatches.add(res);
          res.on("close", () => activeWatches.delete(res));
        }
        upRes.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    res.on("close", () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    watches: () => watches,
    expireNextWatches: (n = 1) => {
      expire = n;
      // End the watches now open, so the controller's next watch meets the 410.
      endActiveWatches();
    },
    hidePath: (prefix) => hidden.push(prefix),
    silenceNextWatch: () => {
      silence = true;
      endActiveWatches();
    },
    close: async () => {
      for (const r of open) r.destroy();
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
      agent.destroy();
    },
  };
}
