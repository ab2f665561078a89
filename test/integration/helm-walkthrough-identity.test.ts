// The walkthrough under the charts' identities: both charts are rendered with helm (namespace
// scope, leader election on) and applied; each controller runs with its Deployment's flags and a
// token of its chart's ServiceAccount; the walkthrough manifests go from apply to clean-up with
// no request forbidden.
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { hooks as autoscalingHooks } from '../../api-models/application-auto-scaling/hooks';
import { hooks as sagemakerHooks } from '../../api-models/sagemaker/hooks';
import { service as autoscaling } from '../../generated/application-auto-scaling/src/service';
import { service as sagemaker } from '../../generated/sagemaker/src/service';
import type { ServiceDescriptor, ServiceHooks } from '../../runtime/descriptor';
import { runController, type RunningController } from '../../runtime/controller';
import { createLogger } from '../../runtime/ops/logger';
import { startTestAws, type TestAws } from '../env/aws/testing';
import { kubectl, mintTestServiceAccount } from '../env/context';
import { kubectlOk as ok } from '../e2e/kubectl-ok';
import { controllerArgv, removeHelmHome, renderChart } from '../support/helm';

const WALKTHROUGH = resolve(__dirname, '../../../shared/walkthrough');
const suffix = randomBytes(3).toString('hex');
const watched = `it-walk-w-${suffix}`;
const logs: string[] = [];
const controllers: RunningController[] = [];
let aws: TestAws;

async function waitFor(probe: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; controller log tail:\n${logs.slice(-15).join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

type Conditions = { status?: { conditions?: { type: string; status: string }[] } };
const get = (kind: string, name: string): Conditions | undefined => {
  const r = kubectl(['-n', watched, 'get', kind, name, '-o', 'json']);
  return r.status === 0 ? (JSON.parse(r.stdout) as Conditions) : undefined;
};
const isSynced = (kind: string, name: string) => get(kind, name)?.status?.conditions?.some((c) => c.type === 'ACK.ResourceSynced' && c.status === 'True') ?? false;

async function install(service: string, descriptor: ServiceDescriptor, hooks: ServiceHooks): Promise<void> {
  const system = `it-walk-${service.slice(0, 8)}-${suffix}`;
  ok(['create', 'namespace', system]);
  const { yaml, objects } = await renderChart(service, 'walk', system, {
    'aws.region': aws.region,
    'aws.endpoint_url': aws.endpoint,
    'aws.allow_unsafe_aws_endpoint_urls': true,
    installScope: 'namespace',
    watchNamespace: watched,
    'leaderElection.enabled': true,
  }, ['--include-crds']);
  ok(['apply', '--server-side', '--force-conflicts', '--field-manager', 'helm', '-f', '-'], yaml);
  ok(['wait', '--for=condition=Established', '--timeout=60s', ...objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => `crd/${o.metadata.name}`)]);
  const sa = await mintTestServiceAccount(system, objects.find((o) => o.kind === 'ServiceAccount')!.metadata.name);
  const argv = [...controllerArgv(objects), '--metrics-addr', '127.0.0.1:0', '--healthz-addr', '127.0.0.1:0'];
  const c = await runController(descriptor, argv, {
    hooks,
    env: { ...process.env, KUBECONFIG: sa.kubeconfigPath, ACK_SYSTEM_NAMESPACE: system, AWS_REGION: aws.region },
    handleSignals: false,
    log: createLogger('debug', { write: (l) => logs.push(`${service} ${l}`) }),
  });
  controllers.push(c);
  await waitFor(() => c.isReady(), 30_000, `${service} controller ready`);
}

beforeAll(async () => {
  aws = await startTestAws();
  // The walkthrough's AWS names are fixed; start from an empty moto (test files run one at a time).
  await aws.control.reset({ moto: true });
  ok(['create', 'namespace', watched]);
  await install('sagemaker', sagemaker, sagemakerHooks);
  await install('application-auto-scaling', autoscaling, autoscalingHooks);
}, 180_000);

afterAll(async () => {
  await Promise.all(controllers.map((c) => c.stop()));
  await aws?.stop();
  removeHelmHome();
});

describe("the walkthrough under the charts' ServiceAccounts", () => {
  it('trains, deploys, autoscales and cleans up, with no request forbidden', async () => {
    for (const f of ['training.yaml', 'deploy.yaml', 'autoscaling.yaml']) ok(['-n', watched, 'apply', '-f', join(WALKTHROUGH, f)]);
    const all: [string, string][] = [
      ['trainingjob', 'xgboost-abalone'],
      ['model', 'xgboost-abalone-model'],
      ['endpointconfig', 'xgboost-abalone-config'],
      ['endpoints.sagemaker', 'xgboost-abalone-endpoint'],
      ['scalabletarget', 'xgboost-abalone-target'],
      ['scalingpolicy', 'xgboost-abalone-policy'],
    ];
    for (const [kind, name] of all) await waitFor(() => isSynced(kind, name), 60_000, `${kind}/${name} synced`);
    for (const f of ['autoscaling.yaml', 'deploy.yaml', 'training.yaml']) ok(['-n', watched, 'delete', '-f', join(WALKTHROUGH, f), '--wait=false']);
    for (const [kind, name] of all) await waitFor(() => get(kind, name) === undefined, 90_000, `${kind}/${name} gone`);
    expect(logs.join('').match(/.*forbidden.*/gi) ?? []).toEqual([]);
  }, 300_000);
});
