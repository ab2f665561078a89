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
