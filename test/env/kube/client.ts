import * as https from "node:https";

/** Just enough of a Kubernetes client for the harness; keeps @kubernetes/client-node out of the CLI. */
export interface Connection {
  server: string;
  caPem: string;
  cert?: string;
  key?: string;
  token?: string;
}

export interface KubeResponse {
  status: number;
  body: string;
  json<T = unknown>(): T;
}

export function kubeRequest(
  conn: Connection,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<KubeResponse> {
  const url = new URL(path, conn.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: conn.caPem,
        cert: conn.cert,
        key: conn.key,
        timeout: timeoutMs,
        headers: {
          accept: "application/json",
          ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
          ...(conn.token ? { authorization: `Bearer ${conn.token}` } : {}),
        },
      },
      (res) => {
        let data = "";
        res.setEncoding("utf8").on("data", (c: string) => (data += c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: data, json: <T>() => JSON.parse(data) as T }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Like kubeRequest, but a status outside 2xx (except those in `allow`) is an error carrying the server's message. */
export async function kubeCall<T = unknown>(conn: Connection, method: string, path: string, body?: unknown, allow: number[] = []): Promise<T> {
  const r = await kubeRequest(conn, method, path, body);
  if ((r.status < 200 || r.status > 299) && !allow.includes(r.status)) {
    throw new Error(`${method} ${path}: HTTP ${r.status}: ${r.body.slice(0, 500)}`);
  }
  return (r.body ? r.json<T>() : (undefined as T));
}
