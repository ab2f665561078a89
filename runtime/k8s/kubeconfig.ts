import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { userPath } from '../user-path';
import { execTokenSource, parseExecConfig } from './exec-credential';

/** How to reach and authenticate to the API server. */
export interface Connection {
  readonly server: string;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /** Asked on each request: projected service-account tokens rotate, exec plugin tokens expire. */
  readonly token?: () => string | Promise<string>;
  /** Called on a 401 before one retry: forget a cached token (an exec plugin's) so the next one is fresh. */
  readonly invalidateToken?: () => void;
  readonly insecureSkipTlsVerify: boolean;
  /** The namespace of the kubeconfig context or of the pod, for leases and the CARM ConfigMap. */
  readonly namespace?: string;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** KUBECONFIG (first file that exists; relative entries against the user's directory), else in-cluster, else ~/.kube/config. */
export function loadConnection(env: NodeJS.ProcessEnv = process.env): Connection {
  const candidates = (env.KUBECONFIG ?? '').split(':').filter(Boolean).map((f) => userPath(f, env));
  const file = candidates.find((f) => existsSync(f));
  if (file) return fromKubeconfig(file);
  if (env.KUBERNETES_SERVICE_HOST) return inCluster(env);
  const home = resolve(homedir(), '.kube/config');
  if (existsSync(home)) return fromKubeconfig(home);
  throw new Error('no Kubernetes configuration: set KUBECONFIG, or run in a pod with a service account');
}

export function inCluster(env: NodeJS.ProcessEnv = process.env, dir = SA_DIR): Connection {
  const host = env.KUBERNETES_SERVICE_HOST ?? '';
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  const tokenFile = `${dir}/token`;
  const nsFile = `${dir}/namespace`;
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ca: readFileSync(`${dir}/ca.crt`),
    token: () => readFileSync(tokenFile, 'utf8').trim(),
    insecureSkipTlsVerify: false,
    ...(existsSync(nsFile) ? { namespace: readFileSync(nsFile, 'utf8').trim() } : {}),
  };
}

interface Named<T> {
  name: string;
  cluster?: T;
  user?: T;
  context?: T;
}

export function fromKubeconfig(file: string): Connection {
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const base = dirname(file);
  const find = <T>(list: unknown, name: unknown, field: 'cluster' | 'user' | 'context'): T => {
    const entry = (Array.isArray(list) ? (list as Named<T>[]) : []).find((e) => e.name === name);
    if (!entry?.[field]) throw new Error(`kubeconfig ${file}: no ${field} named ${String(name)}`);
    return entry[field] as T;
  };
  const ctx = find<{ cluster: string; user: string; namespace?: string }>(doc.contexts, doc['current-context'], 'context');
  const cluster = find<Record<string, unknown>>(doc.clusters, ctx.cluster, 'cluster');
  const user = find<Record<string, unknown>>(doc.users, ctx.user, 'user');
  const data = (inline: unknown, path: unknown): Buffer | undefined => {
    if (typeof inline === 'string') return Buffer.from(inline, 'base64');
    if (typeof path === 'string') return readFileSync(resolve(base, path));
    return undefined;
  };
  if (user['auth-provider']) {
    throw new Error(`kubeconfig ${file}: user ${String(ctx.user)}: auth-provider credentials are not supported; use exec, a token, a tokenFile or a client certificate`);
  }
  const exec = user.exec === undefined ? undefined : execTokenSource(parseExecConfig(user.exec, `${String(ctx.user)} (${file})`, base));
  const ca = data(cluster['certificate-authority-data'], cluster['certificate-authority']);
  const cert = data(user['client-certificate-data'], user['client-certificate']);
  const key = data(user['client-key-data'], user['client-key']);
  const token = typeof user.token === 'string' ? user.token : undefined;
  const tokenFile = typeof user.tokenFile === 'string' ? resolve(base, user.tokenFile) : undefined;
  return {
    server: String(cluster.server).replace(/\/$/, ''),
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(token
      ? { token: () => token }
      : tokenFile
        ? { token: () => readTokenFile(tokenFile, String(ctx.user)) }
        : exec
          ? { token: () => exec.token(), invalidateToken: () => exec.invalidate() }
          : {}),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    ...(ctx.namespace ? { namespace: ctx.namespace } : {}),
  };
}

function readTokenFile(file: string, user: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(`kubeconfig user ${user}: tokenFile ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
