import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadConnection } from './kubeconfig';

/** A kubeconfig with a token user and a CA file given relative to the kubeconfig itself, as kubectl allows. */
function kubeconfigDir(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ack-ts-kubeconfig-'));
  mkdirSync(join(dir, 'pki'));
  writeFileSync(join(dir, 'pki', 'ca.crt'), 'CA');
  const file = join(dir, 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: c',
      'contexts: [{name: c, context: {cluster: k, user: u, namespace: team-a}}]',
      'clusters: [{name: k, cluster: {server: "https://127.0.0.1:6443/", certificate-authority: pki/ca.crt}}]',
      'users: [{name: u, user: {token: t0k}}]',
      '',
    ].join('\n'),
  );
  return { dir, file };
}

describe('loadConnection', () => {
  it('reads a relative KUBECONFIG against the current directory, and its file references against the kubeconfig', () => {
    const { file } = kubeconfigDir();
    const conn = loadConnection({ KUBECONFIG: relative(process.cwd(), file) });
    expect(conn.server).toBe('https://127.0.0.1:6443');
    expect(conn.ca?.toString()).toBe('CA');
    expect(conn.token?.()).toBe('t0k');
    expect(conn.namespace).toBe('team-a');
  });

  it('under `npm run`, reads a relative KUBECONFIG against the directory npm was run in', () => {
    const { dir } = kubeconfigDir();
    const npm = { INIT_CWD: dir, npm_package_json: join(process.cwd(), 'package.json') };
    expect(loadConnection({ ...npm, KUBECONFIG: 'missing:config' }).server).toBe('https://127.0.0.1:6443');
  });
});
