// One generated service controller run in this process against the test environment, the way
// `npm run controller -- <service>` runs it, for the per-service integration tests.
import type { ServiceDescriptor, ServiceHooks } from '../../runtime/descriptor';
import { runController } from '../../runtime/controller';
import { KubeClient } from '../../runtime/k8s/client';
import { KubeHttp } from '../../runtime/k8s/http';
import { loadConnection } from '../../runtime/k8s/kubeconfig';
import type { KubeObject } from '../../runtime/k8s/types';
import { createLogger } from '../../runtime/ops/logger';
import type { TestAws } from '../env/aws/testing';
import { testContext } from '../env/context';
import { condition, waitFor, type Ref } from './controllers';
import { installCrdDir } from './crds';
import { serviceControllerFlags } from './in-process-flags';

export interface ServiceRun {
  readonly kube: KubeClient;
  readonly logs: string[];
  /** Watches established and AWS credentials resolved (the controller's /readyz). */
  isReady(): boolean;
  /** The resource once `pred` holds, with the controller's log tail in the timeout error. */
  until(r: Ref, ns: string, name: string, pred: (o: KubeObject) => boolean, what: string, timeoutMs?: number): Promise<KubeObject>;
  synced(r: Ref, ns: string, name: string, timeoutMs?: number): Promise<KubeObject>;
  gone(r: Ref, ns: string, name: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Applies generated/<service>/crds and waits until every CRD is established. */
export function installServiceCrds(service: string): void {
  installCrdDir(`generated/${service}/crds`);
}

export async function startServiceController(
  service: ServiceDescriptor,
  hooks: ServiceHooks | undefined,
  aws: TestAws,
  namespace: string,
  extra: readonly string[] = [],
): Promise<ServiceRun> {
  const logs: string[] = [];
  const flags = serviceControllerFlags(aws, namespace, extra);
  const log = createLogger('debug', { write: (l) => logs.push(l) });
  const running = await runController(service, flags, { ...(hooks ? { hooks } : {}), handleSignals: false, log });
  const kube = new KubeClient(new KubeHttp(loadConnection({ KUBECONFIG: testContext().kubeconfig })));
  const until: ServiceRun['until'] = (r, ns, name, pred, what, timeoutMs = 30_000) =>
    waitFor(async () => {
      const o = await kube.get<KubeObject>(r, ns, name);
      return o && pred(o) ? o : undefined;
    }, timeoutMs, `${name}: ${what}`, logs);
  return {
    kube,
    logs,
    isReady: () => running.isReady(),
    until,
    synced: (r, ns, name, timeoutMs) => until(r, ns, name, (o) => condition(o, 'ACK.ResourceSynced')?.status === 'True', 'ACK.ResourceSynced=True', timeoutMs),
    gone: async (r, ns, name, timeoutMs = 30_000) => {
      await waitFor(async () => (await kube.get<KubeObject>(r, ns, name)) === undefined, timeoutMs, `${name} deleted`, logs);
    },
    stop: async () => {
      await running.stop();
      kube.http.close();
    },
  };
}

/** A set of generated service controllers in this process, one run each, watching `namespace`. */
export type ServiceRuns<K extends string> = Record<K, ServiceRun> & { stop(): Promise<void> };

/** startServiceController for each of `services`, one after another; `stop` stops them all. */
export async function startServiceControllers<K extends string>(
  services: Record<K, { readonly descriptor: ServiceDescriptor; readonly hooks?: ServiceHooks | undefined }>,
  aws: TestAws,
  namespace: string,
  extra: readonly string[] = [],
): Promise<ServiceRuns<K>> {
  const runs = {} as Record<K, ServiceRun>;
  const stop = async () => void (await Promise.all(Object.values<ServiceRun>(runs).map((r) => r.stop())));
  try {
    for (const [k, s] of Object.entries(services) as [K, { descriptor: ServiceDescriptor; hooks?: ServiceHooks }][]) runs[k] = await startServiceController(s.descriptor, s.hooks, aws, namespace, extra);
  } catch (err) {
    await stop();
    throw err;
  }
  return { ...runs, stop };
}
