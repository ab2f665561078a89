import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { KubeClient } from '../../runtime/k8s/client';
import { KubeHttp } from '../../runtime/k8s/http';
import { loadConnection } from '../../runtime/k8s/kubeconfig';
import type { KubeObject } from '../../runtime/k8s/types';
import { ProxyControl } from '../env/aws/control-client';
import { kubectl } from '../env/context';
import { envVars, startEnv, stopEnv } from '../env/environment';

/** What the controller benchmarks share: the test environment, compiled controllers as processes, probes. */
export const REPO = resolve(__dirname, '../..');
const { commandFor } = require('../../runtime/bin/controller.cjs') as { commandFor(root: string, service: string): { args: string[] } };

// The AWS SDK's notice that its 2027 releases need Node 22 (README: Node 20 is supported on purpose).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BenchEnv {
  readonly vars: Record<string, string>;
  readonly kube: KubeClient;
  readonly control: ProxyControl;
  namespace(prefix: string): string;
  /** A compiled controller as its own process, watching one namespace. */
  controller(service: string, namespace: string, flags?: readonly string[]): ChildProcess;
}

/** Builds the controllers (what the image runs), starts the test environment, runs `body`, cleans up. */
export async function withBenchEnv(services: readonly string[], body: (env: BenchEnv) => Promise<void>): Promise<void> {
  for (const service of services) {
    const built = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(REPO, 'generator/build-controller.ts'), service], { cwd: REPO, stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`npm run build -- ${service} failed`);
  }
  const env = await startEnv({ detached: false, progress: (l) => process.stderr.write(l + '\n') });
  const children: ChildProcess[] = [];
  try {
    const vars = envVars(env.state, env.stateFile);
    Object.assign(process.env, vars);
    for (const service of services) kubectl(['apply', '--server-side', '-f', join(REPO, 'generated', service, 'crds')]);
    kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
    await body({
      vars,
      kube: new KubeClient(new KubeHttp(loadConnection({ KUBECONFIG: vars['KUBECONFIG']! }))),
      control: new ProxyControl(`${vars['AWS_ENDPOINT_URL']}/__control`),
      namespace(prefix) {
        const ns = `${prefix}-${Date.now().toString(36)}`;
        kubectl(['create', 'namespace', ns]);
        return ns;
      },
      controller(service, namespace, flags = []) {
        const child = spawn(process.execPath, [
          ...commandFor(REPO, service).args,
          '--aws-endpoint-url', vars['AWS_ENDPOINT_URL']!, '--allow-unsafe-aws-endpoint-urls', '--aws-region', 'us-east-1',
          '--watch-namespace', namespace, '--metrics-addr', '127.0.0.1:0', '--healthz-addr', '127.0.0.1:0', '--log-level', 'warn',
          ...flags,
        ], { cwd: REPO, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, stdio: ['ignore', 'ignore', 'inherit'] });
        children.push(child);
        return child;
      },
    });
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await stopEnv(env.state, env.aws);
  }
}

export const isSynced = (o: KubeObject) =>
  ((o.status?.['conditions'] ?? []) as { type: string; status: string }[]).some((c) => c.type === 'ACK.ResourceSynced' && c.status === 'True');
