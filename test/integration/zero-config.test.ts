// A service nobody configured, generated the way a new user would try it: `npm run generate --
// eventbridge --out <anywhere>`, then `npm install && npm start` in that folder. ACK's verb rules
// alone give EventBus its Create/Describe/Update/Delete; the controller reaches the runtime as the
// @ack-ts/runtime package and its pinned @aws-sdk/client-eventbridge from its own node_modules.
// Against moto: create, read (a bus deleted out of band is seen missing and made again), delete.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { REPO_ROOT } from '../../generator/paths';
import type { KubeObject } from '../../runtime/k8s/types';
import { startTestAws, uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { kubectlOk as ok } from '../e2e/kubectl-ok';
import { modelsDirForTests } from '../support/models-dir';
import { waitFor } from '../support/wait';
import { awsFlags, startControllerProcess, type ControllerProcess } from './controller-process';

const SERVICE = 'eventbridge';
const ns = uniqueName('zero-config');
const out = mkdtempSync(join(tmpdir(), 'ack-ts-zero-config-'));
const dir = join(out, SERVICE);

let aws: TestAws;
let controller: ControllerProcess | undefined;
type Sdk = Record<string, new (input: unknown) => unknown> & {
  EventBridgeClient: new (config: unknown) => { send(c: unknown): Promise<Record<string, unknown>>; destroy(): void };
};
let sdk: Sdk;
let client: InstanceType<Sdk['EventBridgeClient']>;

const run = (file: string, args: string[], cwd: string, timeout: number) => {
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_loglevel: 'error' } });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} (in ${cwd}) failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  return r.stdout;
};
const get = (name: string): KubeObject | undefined => {
  const r = kubectl(['get', 'eventbuses.eventbridge.services.k8s.aws', '-n', ns, name, '-o', 'json']);
  return r.status === 0 ? (JSON.parse(r.stdout) as KubeObject) : undefined;
};
const synced = (o: KubeObject | undefined) =>
  ((o?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'ACK.ResourceSynced' && c.status === 'True');
const describe_ = (name: string) => client.send(new sdk['DescribeEventBusCommand']!({ Name: name }));
const exists = (name: string) => describe_(name).then(() => true, (e: Error) => (e.name === 'ResourceNotFoundException' ? false : Promise.reject(e)));
const logs = () => `\ncontroller log tail:\n${controller?.logs.slice(-5).map((l) => JSON.stringify(l)).join('\n')}\n${controller?.stderr.slice(-5).join('\n')}`;

beforeAll(async () => {
  // What the README tells a new user to run.
  run(process.execPath, [join(REPO_ROOT, 'generator/run.cjs'), SERVICE, '--models-dir', modelsDirForTests(), '--out', out], REPO_ROOT, 120_000);
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], dir, 300_000);
  ok(['apply', '--server-side', '-f', join(dir, 'crds')]);
  ok(['wait', '--for=condition=Established', 'crd/eventbuses.eventbridge.services.k8s.aws', '--timeout=30s']);
  ok(['create', 'namespace', ns]);
  aws = await startTestAws();
  // The SDK client the controller package installed, not the repository's.
  sdk = require(join(dir, 'node_modules', '@aws-sdk', 'client-eventbridge')) as Sdk;
  client = new sdk.EventBridgeClient(aws.clientConfig({ maxAttempts: 2 }));
  // What `npm start` runs (the package's start script, checked below), without npm in between,
  // which would not pass SIGTERM on for a graceful stop.
  controller = await startControllerProcess(SERVICE, [...awsFlags(aws, ns), '--reconcile-default-resync-seconds', '2'], {
    command: { file: join(dir, 'node_modules', '.bin', 'tsx'), args: ['src/main.ts'], cwd: dir },
  });
  await waitFor(() => controller!.ready(), 60_000, 'the zero-config controller to be ready', logs);
}, 600_000);

afterAll(async () => {
  await controller?.stop();
  client?.destroy();
  await aws?.stop();
  kubectl(['delete', 'namespace', ns, '--wait=false']);
  rmSync(out, { recursive: true, force: true });
});

describe('a service nobody configured (eventbridge), from --out anywhere', () => {
  const name = uniqueName('orders');

  it('is a package of its own: runtime linked, SDK client pinned, no path into the repository', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.scripts['start']).toBe('tsx src/main.ts');
    expect(pkg.dependencies['@ack-ts/runtime']).toMatch(/^file:.*runtime$/);
    expect(pkg.dependencies['@aws-sdk/client-eventbridge']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(join(dir, 'src', 'main.ts'), 'utf8')).not.toContain(REPO_ROOT);
  });

  it('creates the bus with the spec values and tags, and reports it Synced with its ARN', async () => {
    ok(['apply', '-n', ns, '-f', '-'], stringify({
      apiVersion: 'eventbridge.services.k8s.aws/v1alpha1',
      kind: 'EventBus',
      metadata: { name: 'orders' },
      spec: { name, description: 'orders events', tags: [{ key: 'team', value: 'ml' }] },
    }));
    const o = await waitFor(() => (synced(get('orders')) ? get('orders') : undefined), 60_000, 'EventBus orders to be Synced', logs);
    expect((o.status as { ackResourceMetadata?: { arn?: string } }).ackResourceMetadata?.arn).toMatch(new RegExp(`:event-bus/${name}$`));
    const bus = await describe_(name);
    expect(bus).toMatchObject({ Name: name, Description: 'orders events' });
    const tags = await client.send(new sdk['ListTagsForResourceCommand']!({ ResourceARN: bus['Arn'] }));
    expect(tags['Tags']).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'ml' }]));
  });

  it('reads it on resync: a bus deleted out of band is found missing and created again', async () => {
    await client.send(new sdk['DeleteEventBusCommand']!({ Name: name }));
    expect(await exists(name)).toBe(false);
    await waitFor(() => exists(name), 30_000, 'the controller to create the bus again', logs);
  });

  it('deletes it in AWS when the resource is deleted, then lets the resource go', async () => {
    ok(['delete', 'eventbuses.eventbridge.services.k8s.aws', '-n', ns, 'orders', '--wait=false']);
    await waitFor(() => get('orders') === undefined, 60_000, 'EventBus orders to be gone', logs);
    expect(await exists(name)).toBe(false);
  });
});
