import { execFile } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';

const API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;
type ExecApiVersion = (typeof API_VERSIONS)[number];

/** A kubeconfig `user.exec` entry, validated: what kubectl runs to get a bearer token. */
export interface ExecConfig {
  readonly user: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly apiVersion: ExecApiVersion;
}

export interface ExecToken {
  readonly token: string;
  /** Absent: valid until the API server answers 401. */
  readonly expiresAt?: Date;
}

/** Pure: validates `user.exec` of kubeconfig user `user`; relative commands with a slash resolve against the kubeconfig's directory, as kubectl does. */
export function parseExecConfig(raw: unknown, user: string, baseDir: string): ExecConfig {
  const fail = (why: string): never => {
    throw new Error(`kubeconfig user ${user}: exec ${why}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('must be a mapping');
  const e = raw as Record<string, unknown>;
  if (typeof e.command !== 'string' || !e.command) return fail('needs a command');
  const apiVersion = e.apiVersion;
  if (!API_VERSIONS.includes(apiVersion as ExecApiVersion)) {
    return fail(`apiVersion ${String(apiVersion)} is not supported (use ${API_VERSIONS.join(' or ')})`);
  }
  if (e.interactiveMode === 'Always') fail('interactiveMode Always needs a terminal, and a controller has none');
  if (e.interactiveMode !== undefined && !['Never', 'IfAvailable', 'Always'].includes(e.interactiveMode as string)) {
    fail(`interactiveMode ${String(e.interactiveMode)} is not Never, IfAvailable or Always`);
  }
  const args = e.args ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) fail('args must be a list of strings');
  const envList = e.env ?? [];
  if (!Array.isArray(envList)) fail('env must be a list of {name, value}');
  const env: Record<string, string> = {};
  for (const v of envList as unknown[]) {
    const item = v as { name?: unknown; value?: unknown } | null;
    if (typeof item?.name !== 'string' || typeof item.value !== 'string') fail('env entries need a string name and value');
    env[item!.name as string] = item!.value as string;
  }
  const command = e.command.includes('/') && !isAbsolute(e.command) ? resolve(baseDir, e.command) : e.command;
  return { user, command, args: args as string[], env, apiVersion: apiVersion as ExecApiVersion };
}

/** Pure: reads the plugin's stdout (an ExecCredential). */
export function parseExecCredential(stdout: string, cfg: ExecConfig): ExecToken {
  const fail = (why: string): never => {
    throw new Error(`kubeconfig user ${cfg.user}: exec plugin ${cfg.command} ${why}`);
  };
  let doc: { apiVersion?: unknown; kind?: unknown; status?: { token?: unknown; expirationTimestamp?: unknown } };
  try {
    doc = JSON.parse(stdout) as typeof doc;
  } catch (err) {
    return fail(`printed malformed JSON (${(err as Error).message})`);
  }
  if (doc?.kind !== 'ExecCredential') fail(`printed kind ${String(doc?.kind)}, not ExecCredential`);
  if (doc.apiVersion !== cfg.apiVersion) fail(`printed apiVersion ${String(doc.apiVersion)}, but the kubeconfig asks for ${cfg.apiVersion}`);
  const token = doc.status?.token;
  if (typeof token !== 'string' || !token) fail('printed no status.token (client certificates from exec plugins are not supported)');
  const exp = doc.status?.expirationTimestamp;
  if (exp === undefined) return { token: token as string };
  const expiresAt = new Date(String(exp));
  if (Number.isNaN(expiresAt.getTime())) fail(`printed an invalid status.expirationTimestamp ${String(exp)}`);
  return { token: token as string, expiresAt };
}

export type RunPlugin = (cfg: ExecConfig) => Promise<string>;

/** Runs the plugin as kubectl does: its env on top of ours, KUBERNETES_EXEC_INFO describing the call, no stdin. */
export const runPlugin: RunPlugin = (cfg) =>
  new Promise((resolvePromise, reject) => {
    const info = { apiVersion: cfg.apiVersion, kind: 'ExecCredential', spec: { interactive: false } };
    const child = execFile(
      cfg.command,
      [...cfg.args],
      { env: { ...process.env, ...cfg.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) }, timeout: 60_000, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (!err) return resolvePromise(stdout);
        const detail = String(stderr).trim().split('\n').pop() || err.message.split('\n')[0];
        const how = (err as { code?: unknown }).code === 'ENOENT' ? 'was not found' : `failed (${detail})`;
        reject(new Error(`kubeconfig user ${cfg.user}: exec plugin ${cfg.command} ${how}`));
      },
    );
    child.stdin?.end();
  });

/** A token from an exec plugin, cached until its expiry (less a margin) or until `invalidate` (a 401). */
export interface TokenSource {
  token(): Promise<string>;
  invalidate(): void;
}

const EXPIRY_MARGIN_MS = 10_000;

export function execTokenSource(cfg: ExecConfig, run: RunPlugin = runPlugin, now: () => number = Date.now): TokenSource {
  let cached: ExecToken | undefined;
  let inflight: Promise<string> | undefined;
  const fresh = (t: ExecToken | undefined): t is ExecToken => !!t && (!t.expiresAt || t.expiresAt.getTime() - EXPIRY_MARGIN_MS > now());
  return {
    token() {
      if (fresh(cached)) return Promise.resolve(cached.token);
      inflight ??= run(cfg)
        .then((out) => {
          cached = parseExecCredential(out, cfg);
          return cached.token;
        })
        .finally(() => (inflight = undefined));
      return inflight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
