import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeHttp } from './http';

describe('KubeHttp', () => {
  let server: Server;
  const held: ServerResponse[] = [];
  let http: KubeHttp;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url?.includes('watch=true')) {
        res.write('{"type":"ADDED","object":{}}\n');
        held.push(res); // a watch stays open
      } else res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    http = new KubeHttp({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, insecureSkipTlsVerify: false });
  });

  afterAll(async () => {
    http.close();
    for (const r of held) r.end();
    await new Promise((r) => server.close(r));
  });

  it('answers requests while more watches are open than the request pool has sockets', async () => {
    const watches = Array.from({ length: 40 }, (_, i) => http.lines(`/apis/x/v1/kind${i}?watch=true`));
    await Promise.all(watches.map((w) => w.next()));
    await expect(http.request('GET', '/apis/x/v1/things')).resolves.toEqual({ ok: true });
    await Promise.all(watches.map((w) => w.return(undefined)));
  });
});

describe('KubeHttp with a renewable token', () => {
  it('on a 401, renews the token once and repeats the request (body included)', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(`${req.headers.authorization} ${body}`);
        const ok = req.headers.authorization === 'Bearer fresh';
        res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(ok ? '{"ok":true}' : '{"kind":"Status","reason":"Unauthorized","message":"Unauthorized"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    let token = 'stale';
    const http = new KubeHttp({
      server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      insecureSkipTlsVerify: false,
      token: async () => token,
      invalidateToken: () => (token = 'fresh'),
    });
    try {
      await expect(http.request('POST', '/api/v1/x', { body: { a: 1 } })).resolves.toEqual({ ok: true });
      expect(seen).toEqual(['Bearer stale {"a":1}', 'Bearer fresh {"a":1}']);
      const noRenew = new KubeHttp({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, insecureSkipTlsVerify: false, token: () => 'static' });
      await expect(noRenew.request('GET', '/api/v1/x')).rejects.toMatchObject({ status: 401 });
      noRenew.close();
    } finally {
      http.close();
      await new Promise((r) => server.close(r));
    }
  });
});
