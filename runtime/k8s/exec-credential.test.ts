import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execTokenSource, parseExecConfig, parseExecCredential, runPlugin, type ExecConfig } from './exec-credential';

/** The shape `aws eks update-kubeconfig` writes. */
const EKS_EXEC = {
  apiVersion: 'client.authentication.k8s.io/v1beta1',
  command: 'aws',
  args: ['--region', 'us-west-2', 'eks', 'get-token', '--cluster-name', 'prod', '--output', 'json'],
  env: [{ name: 'AWS_PROFILE', value: 'ops' }],
  interactiveMode: 'IfAvailable',
  provideClusterInfo: false,
};

const credential = (token: string, expirationTimestamp?: string, apiVersion = 'client.authentication.k8s.io/v1beta1') =>
  JSON.stringify({ kind: 'ExecCredential', apiVersion, spec: {}, status: { token, ...(expirationTimestamp ? { expirationTimestamp } : {}) } });

describe('parseExecConfig', () => {
  it('reads what aws eks update-kubeconfig writes', () => {
    expect(parseExecConfig(EKS_EXEC, 'eks-user', '/home/me/.kube')).toEqual({
      user: 'eks-user',
      command: 'aws',
      args: EKS_EXEC.args,
      env: { AWS_PROFILE: 'ops' },
      apiVersion: 'client.authentication.k8s.io/v1beta1',
    });
  });

  it('accepts v1 without args or env, and resolves a relative command path against the kubeconfig directory', () => {
    const cfg = parseExecConfig({ apiVersion: 'client.authentication.k8s.io/v1', command: './bin/token', interactiveMode: 'Never' }, 'u', '/etc/kube');
    expect(cfg).toMatchObject({ command: '/etc/kube/bin/token', args: [], env: {}, apiVersion: 'client.authentication.k8s.io/v1' });
  });

  it.each([
    [{ apiVersion: 'client.authentication.k8s.io/v1' }, 'kubeconfig user alice: exec needs a command'],
    [{ command: 'x' }, 'kubeconfig user alice: exec apiVersion undefined is not supported (use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1)'],
    [{ ...EKS_EXEC, apiVersion: 'client.authentication.k8s.io/v1alpha1' }, 'exec apiVersion client.authentication.k8s.io/v1alpha1 is not supported'],
    [{ ...EKS_EXEC, interactiveMode: 'Always' }, 'exec interactiveMode Always needs a terminal'],
    [{ ...EKS_EXEC, interactiveMode: 'Sometimes' }, 'exec interactiveMode Sometimes is not Never, IfAvailable or Always'],
    [{ ...EKS_EXEC, args: 'get-token' }, 'exec args must be a list of strings'],
    [{ ...EKS_EXEC, env: [{ name: 'A' }] }, 'exec env entries need a string name and value'],
  ])('rejects %j with one line naming the user', (raw, message) => {
    expect(() => parseExecConfig(raw, 'alice', '/')).toThrow(message);
    try {
      parseExecConfig(raw, 'alice', '/');
    } catch (err) {
      expect((err as Error).message).toMatch(/^kubeconfig user alice: [^\n]+$/);
    }
  });
});

describe('parseExecCredential', () => {
  const cfg = parseExecConfig(EKS_EXEC, 'eks-user', '/');

  it('reads the token and its expiry', () => {
    expect(parseExecCredential(credential('k8s-aws-v1.abc', '2026-12-07T06:30:00Z'), cfg)).toEqual({
      token: 'k8s-aws-v1.abc',
      expiresAt: new Date('2026-12-07T06:30:00Z'),
    });
    expect(parseExecCredential(credential('t'), cfg)).toEqual({ token: 't' });
  });

  it.each([
    ['not json', 'exec plugin aws printed malformed JSON'],
    ['{"kind":"Other"}', 'exec plugin aws printed kind Other, not ExecCredential'],
    [credential('t', undefined, 'client.authentication.k8s.io/v1'), 'exec plugin aws printed apiVersion client.authentication.k8s.io/v1, but the kubeconfig asks for client.authentication.k8s.io/v1beta1'],
    [credential(''), 'exec plugin aws printed no status.token'],
    [credential('t', 'soon'), 'exec plugin aws printed an invalid status.expirationTimestamp soon'],
  ])('rejects %s with one line naming the user', (out, message) => {
    expect(() => parseExecCredential(out, cfg)).toThrow(`kubeconfig user eks-user: ${message}`);
  });
});

describe('execTokenSource', () => {
  const cfg: ExecConfig = parseExecConfig({ ...EKS_EXEC, interactiveMode: 'Never' }, 'u', '/');

  it('caches the token until shortly before its expiry, then runs the plugin again', async () => {
    let clock = Date.parse('2026-12-07T06:00:00Z');
    const outputs = [credential('one', '2026-12-07T06:15:00Z'), credential('two', '2026-12-07T07:00:00Z')];
    const run = jest.fn(async () => outputs.shift()!);
    const src = execTokenSource(cfg, run, () => clock);
    expect(await src.token()).toBe('one');
    clock += 14 * 60_000;
    expect(await src.token()).toBe('one');
    expect(run).toHaveBeenCalledTimes(1);
    clock += 55_000; // 5 s before expiry: inside the margin
    expect(await src.token()).toBe('two');
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('keeps a token without expiry until invalidated (a 401), and runs the plugin once for concurrent callers', async () => {
    let n = 0;
    const run = jest.fn(async () => credential(`t${++n}`));
    const src = execTokenSource(cfg, run);
    expect(await Promise.all([src.token(), src.token(), src.token()])).toEqual(['t1', 't1', 't1']);
    expect(await src.token()).toBe('t1');
    src.invalidate();
    expect(await src.token()).toBe('t2');
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('retries the plugin after it failed', async () => {
    const run = jest.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValueOnce(credential('ok'));
    const src = execTokenSource(cfg, run);
    await expect(src.token()).rejects.toThrow('boom');
    expect(await src.token()).toBe('ok');
  });
});

describe('runPlugin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ack-ts-exec-'));
  const script = (name: string, body: string) => {
    const f = join(dir, name);
    writeFileSync(f, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return f;
  };
  const cfgFor = (command: string, env: Record<string, string> = {}): ExecConfig => ({ user: 'bob', command, args: ['a b'], env, apiVersion: 'client.authentication.k8s.io/v1' });

  it('passes args, env and KUBERNETES_EXEC_INFO, and returns stdout', async () => {
    const f = script('ok.sh', 'printf "%s|%s|%s" "$1" "$GREETING" "$KUBERNETES_EXEC_INFO"');
    expect(await runPlugin(cfgFor(f, { GREETING: 'hi' }))).toBe(
      'a b|hi|{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}',
    );
  });

  it('a non-zero exit is one line naming the user, the command and the last line of stderr', async () => {
    const f = script('fail.sh', 'echo "first" >&2; echo "Unable to locate credentials" >&2; exit 3');
    await expect(runPlugin(cfgFor(f))).rejects.toThrow(`kubeconfig user bob: exec plugin ${f} failed (Unable to locate credentials)`);
  });

  it('a missing command says so', async () => {
    await expect(runPlugin(cfgFor('/nonexistent/aws'))).rejects.toThrow('kubeconfig user bob: exec plugin /nonexistent/aws was not found');
  });
});
