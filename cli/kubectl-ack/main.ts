import { KubeApiError } from '../../runtime/k8s/http';
import { parseArgs, UsageError, USAGE, type LogsArgs } from './args';
import { describeAwsFailure, PluginError } from './errors';
import { follow, type JobState } from './follow';
import { SAGEMAKER } from './kinds';
import { retryThrottled } from './retry';
import { roleHint } from './role';
import { resolveJobTarget, type JobTarget } from './target';

/** `kubectl ack …` / `npx ack-ts …`. Resolves to the exit code; only this module touches process I/O. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return await logs(args, env);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    if (err instanceof PluginError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function logs(args: LogsArgs, env: NodeJS.ProcessEnv): Promise<number> {
  const { target, roleArn } = await findTarget(args, env);
  const { awsCaller } = await import('./aws');
  const { LogReader } = await import('./reader');
  const { LogSession } = await import('./session');
  // The controller's CARM rule: a namespace owned by another account is read with that account's role.
  const roles = await import('../../runtime/aws/role-credentials');
  const credentials = roleArn ? new roles.RoleCredentials({ assume: roles.stsAssumeRole(target.region).assume }).provider(roleArn) : undefined;
  const aws = awsCaller(target.region, env, credentials);
  try {
    const reader = new LogReader({ call: aws.call, source: target.source, region: target.region, sleep, ...(target.account ? { account: target.account } : {}) });
    const session = new LogSession(reader, {
      timestamps: args.timestamps,
      ...(args.tail !== undefined ? { tail: args.tail } : {}),
      ...(args.sinceMs !== undefined ? { startTime: Date.now() - args.sinceMs } : {}),
      ...(target.source.streamPrefix ? { streamPrefix: target.source.streamPrefix } : {}),
      write: (text) => process.stdout.write(text),
    });
    const describe = `${target.kind.kind === 'HyperParameterTuningJob' ? 'training job' : target.kind.noun} ${target.logOwner} (log group ${target.source.logGroup}, region ${target.region})`;
    if (!args.follow) {
      await session.pump();
      if (session.streamCount === 0) throw new PluginError(`no log streams yet for the ${describe}; use --follow to wait for them`);
      return 0;
    }
    const result = await follow({
      session,
      state: () => jobState(aws.call, target),
      sleep,
      pollMs: Number(env.ACK_TS_LOGS_POLL_MS) || 2_000,
      note: (line) => process.stderr.write(`${line}\n`),
      describe,
    });
    process.stderr.write(`${target.kind.kind} ${target.resourceName}: ${result.status}\n`);
    return result.outcome === 'succeeded' ? 0 : 1;
  } finally {
    aws.close();
  }
}

/**
 * Reads the custom resource and its namespace with the user's kubeconfig, and the role the
 * controller assumes for it: the IAMRoleSelector's (named in the resource's ACK.IAMRoleSelected),
 * else the team's (ack-role-team-map) or owner account's (ack-role-account-map) in
 * ACK_SYSTEM_NAMESPACE. Without a mapping the user's own credentials are used.
 */
async function findTarget(args: LogsArgs, env: NodeJS.ProcessEnv): Promise<{ target: JobTarget; roleArn?: string }> {
  const { loadConnection } = await import('../../runtime/k8s/kubeconfig');
  const { CORE, KubeClient } = await import('../../runtime/k8s/client');
  const { KubeHttp } = await import('../../runtime/k8s/http');
  const conn = loadConnection(env);
  const http = new KubeHttp(conn);
  try {
    const kube = new KubeClient(http);
    const namespace = args.namespace ?? conn.namespace ?? 'default';
    const ref = { ...SAGEMAKER, plural: args.kind.plural };
    const resource = await kube.get(ref, namespace, args.name).catch((err: unknown) => {
      throw new PluginError(`cannot read ${args.kind.plural} in namespace ${namespace}: ${kubeMessage(err)}`);
    });
    if (!resource) throw new PluginError(`${args.kind.singular} "${args.name}" not found in namespace ${namespace}`);
    // Namespace annotations (default region, owner account) are optional: a user may not read namespaces.
    const ns = await kube.get(CORE.namespaces, undefined, namespace).catch(() => undefined);
    const namespaceAnnotations = ns?.metadata.annotations ?? {};
    const target = resolveJobTarget({ args, namespace, resource, namespaceAnnotations, defaultRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION });
    const hint = roleHint(resource, namespaceAnnotations);
    if (!hint) return { target };
    if ('selected' in hint) return { target, roleArn: hint.selected };
    const { RoleMap, ACCOUNT_ROLE_MAP, TEAM_ROLE_MAP } = await import('../../runtime/aws/carm');
    const system = env.ACK_SYSTEM_NAMESPACE || 'ack-system';
    const [map, id] = 'team' in hint ? ([TEAM_ROLE_MAP, hint.team] as const) : ([ACCOUNT_ROLE_MAP, hint.account] as const);
    // A map the user cannot read (or without the key) means the user's own credentials, as before.
    const roleArn = await new RoleMap(kube, system, map).roleFor(id).catch(() => undefined);
    return roleArn ? { target, roleArn } : { target };
  } finally {
    http.close();
  }
}

async function jobState(call: import('./aws').AwsCall, t: JobTarget): Promise<JobState> {
  const d = t.kind.describe;
  try {
    const out = await retryThrottled(() => call('sagemaker', d.operation, { [d.nameMember]: t.awsName }), { sleep });
    const status = typeof out[d.statusMember] === 'string' ? (out[d.statusMember] as string) : undefined;
    const outcome = status !== undefined ? t.kind.final[status] : undefined;
    return { status, ...(outcome ? { outcome } : {}) };
  } catch (err) {
    throw new PluginError(
      describeAwsFailure(err, { service: 'sagemaker', operation: d.operation, resource: `${t.kind.noun} ${t.awsName}`, region: t.region, ...(t.account ? { account: t.account } : {}) }),
    );
  }
}

function kubeMessage(err: unknown): string {
  return err instanceof KubeApiError ? `${err.reason || err.status}: ${err.message}` : (err as Error)?.message ?? String(err);
}
