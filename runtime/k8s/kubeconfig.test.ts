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

describe('fromKubeconfig users', () => {
  const write = (user: string): { dir: string; file: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'ack-ts-kubeconfig-'));
    const file = join(dir, 'config');
    writeFileSync(
      file,
      [
        'current-context: c',
        'contexts: [{name: c, context: {cluster: k, user: eks}}]',
        'clusters: [{name: k, cluster: {server: "https://127.0.0.1:6443"}}]',
        `users: [{name: eks, user: ${user}}]`,
        '',
      ].join('\n'),
    );
    return { dir, file };
  };

  it('a tokenFile is re-read on each request, relative to the kubeconfig', () => {
    const { dir, file } = write('{tokenFile: token}');
    writeFileSync(join(dir, 'token'), 'first\n');
    const conn = loadConnection({ KUBECONFIG: file });
    expect(conn.token?.()).toBe('first');
    writeFileSync(join(dir, 'token'), 'rotated\n');
    expect(conn.token?.()).toBe('rotated');
  });

  it('an unreadable tokenFile is one line naming the user and the file', () => {
    const { dir, file } = write('{tokenFile: missing}');
    const conn = loadConnection({ KUBECONFIG: file });
    expect(() => conn.token?.()).toThrow(`kubeconfig user eks: tokenFile ${join(dir, 'missing')} cannot be read (ENOENT)`);
  });

  it('an exec user runs its plugin (relative to the kubeconfig) for a token, and a 401 can renew it', async () => {
    const { dir, file } = write('{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, args: [x], interactiveMode: Never}}');
    writeFileSync(join(dir, 'n'), '0');
    writeFileSync(
      join(dir, 'plugin.sh'),
      '#!/bin/sh\nn=$(( $(cat "$(dirname "$0")/n") + 1 )); echo $n > "$(dirname "$0")/n"\n' +
        'echo "{\\"apiVersion\\":\\"client.authentication.k8s.io/v1\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"tok-$n\\"}}"\n',
      { mode: 0o755 },
    );
    const conn = loadConnection({ KUBECONFIG: file });
    expect(await conn.token?.()).toBe('tok-1');
    expect(await conn.token?.()).toBe('tok-1');
    conn.invalidateToken?.();
    expect(await conn.token?.()).toBe('tok-2');
  });

  it('an exec user without a command fails at load with one line naming the user and file', () => {
    const { file } = write('{exec: {apiVersion: client.authentication.k8s.io/v1beta1}}');
    expect(() => loadConnection({ KUBECONFIG: file })).toThrow(`kubeconfig user eks (${file}): exec needs a command`);
  });

  it('auth-provider users are refused, naming the user', () => {
    const { file } = write('{auth-provider: {name: gcp}}');
    expect(() => loadConnection({ KUBECONFIG: file })).toThrow(`kubeconfig ${file}: user eks: auth-provider credentials are not supported`);
  });
});
