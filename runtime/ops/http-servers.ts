import { createServer, type Server } from 'node:http';

export interface HealthState {
  /** Process is alive and its loops run. */
  live(): { ok: boolean; detail: string };
  /** Watches established and credentials resolved. */
  ready(): { ok: boolean; detail: string };
}

export function parseAddr(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(':');
  const host = addr.slice(0, i) || '0.0.0.0';
  const port = Number(addr.slice(i + 1));
  if (!Number.isInteger(port) || port < 0) throw new Error(`invalid address "${addr}"`);
  return { host: host.replace(/^\[|\]$/g, ''), port };
}

function listen(server: Server, addr: string): Promise<Server> {
  const { host, port } = parseAddr(addr);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export function serveMetrics(addr: string, render: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(render());
  });
  return listen(server, addr);
}

export function serveHealth(addr: string, state: HealthState): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    const check = path === '/healthz' ? state.live() : path === '/readyz' ? state.ready() : undefined;
    if (!check) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(check.ok ? 200 : 503, { 'Content-Type': 'text/plain' }).end(`${check.ok ? 'ok' : 'not ready'}: ${check.detail}\n`);
  });
  return listen(server, addr);
}
