import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Connection } from './kubeconfig';

/** A non-2xx answer from the API server, with its Status reason (NotFound, Conflict, Expired…). */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Streams only: called once the server has answered 2xx, before the first line arrives. */
  readonly onOpen?: () => void;
}

/**
 * Plain HTTP(S) to the API server: no generated client, so the controller loads a few KB instead of
 * @kubernetes/client-node's 70 MB of API classes.
 */
export class KubeHttp {
  /** Requests share a bounded pool of sockets. */
  private readonly agent: HttpAgent | HttpsAgent;
  /**
   * Each watch holds its socket for minutes, one per kind and namespace: in the request pool, a
   * service with more kinds than sockets (SageMaker has 59) would leave no socket for any request.
   */
  private readonly watchAgent: HttpAgent | HttpsAgent;
  private readonly url: URL;

  constructor(private readonly conn: Connection) {
    this.url = new URL(conn.server);
    this.agent = this.newAgent(32);
    this.watchAgent = this.newAgent(Infinity);
  }

  private newAgent(maxSockets: number): HttpAgent | HttpsAgent {
    const conn = this.conn;
    return this.url.protocol === 'https:'
      ? new HttpsAgent({
          keepAlive: true,
          maxSockets,
          ...(conn.ca ? { ca: conn.ca } : {}),
          ...(conn.cert ? { cert: conn.cert } : {}),
          ...(conn.key ? { key: conn.key } : {}),
          rejectUnauthorized: !conn.insecureSkipTlsVerify,
        })
      : new HttpAgent({ keepAlive: true, maxSockets });
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.open(method, path, opts);
    const text = await readAll(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw toApiError(status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Streams newline-delimited JSON (a watch). Ends when the server closes or `signal` aborts. */
  async *lines(path: string, opts: RequestOptions = {}): AsyncGenerator<unknown> {
    const res = await this.open('GET', path, opts, this.watchAgent);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw toApiError(status, await readAll(res));
    opts.onOpen?.();
    let buf = '';
    res.setEncoding('utf8');
    try {
      for await (const chunk of res as AsyncIterable<string>) {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) yield JSON.parse(line);
        }
      }
    } finally {
      res.destroy();
    }
  }

  close(): void {
    this.agent.destroy();
    this.watchAgent.destroy();
  }

  /** On a 401 with a token that can be renewed (an exec plugin's), renew it and try once more. */
  private async open(method: string, path: string, opts: RequestOptions, agent = this.agent): Promise<IncomingMessage> {
    const res = await this.send(method, path, opts, agent, await this.conn.token?.());
    if (res.statusCode !== 401 || !this.conn.invalidateToken) return res;
    res.resume();
    this.conn.invalidateToken();
    return this.send(method, path, opts, agent, await this.conn.token?.());
  }

  private send(method: string, path: string, opts: RequestOptions, agent: HttpAgent | HttpsAgent, token: string | undefined): Promise<IncomingMessage> {
    const u = new URL(path, this.url);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    const body = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = String(body.length);
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(u, { method, headers, agent, ...(opts.signal ? { signal: opts.signal } : {}) }, resolve);
      req.on('error', reject);
      if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`${method} ${u.pathname}: timed out after ${opts.timeoutMs} ms`)));
      req.end(body);
    });
  }
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

function toApiError(status: number, text: string): KubeApiError {
  try {
    const s = JSON.parse(text) as { reason?: string; message?: string };
    return new KubeApiError(status, s.reason ?? String(status), s.message ?? text);
  } catch {
    return new KubeApiError(status, String(status), text.slice(0, 500));
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof KubeApiError && err.status === 404;
}

export function isConflict(err: unknown): boolean {
  return err instanceof KubeApiError && err.status === 409;
}

export function isGone(err: unknown): boolean {
  return err instanceof KubeApiError && (err.status === 410 || err.reason === 'Expired' || err.reason === 'Gone');
}
