// Starts the generated SageMaker and Application Auto Scaling controllers in this process, against
// the test environment, the way `npm run controller -- <service>` does; and small probes for tests.
import { service as autoscaling } from '../../generated/application-auto-scaling/src/service';
import { service as sagemaker } from '../../generated/sagemaker/src/service';
import { hooks as autoscalingHooks } from '../../api-models/application-auto-scaling/hooks';
import { hooks as sagemakerHooks } from '../../api-models/sagemaker/hooks';
import { runController, type RunningController } from '../../runtime/controller';
import { KubeClient } from '../../runtime/k8s/client';
import { KubeHttp } from '../../runtime/k8s/http';
import { loadConnection } from '../../runtime/k8s/kubeconfig';
import type { KubeObject } from '../../runtime/k8s/types';
import { createLogger } from '../../runtime/ops/logger';
import type { TestAws } from '../env/aws/testing';
import { testContext } from '../env/context';
import { waitFor as pollUntil } from '../support/wait';
import { serviceControllerFlags } from './in-process-flags';

export const SAGEMAKER = { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1' };
export const AUTOSCALING = { group: 'applicationautoscaling.services.k8s.aws', version: 'v1alpha1' };

export interface Controllers {
  readonly sagemaker: RunningController;
  readonly autoscaling: RunningController;
  readonly kube: KubeClient;
  readonly logs: string[];
  stop(): Promise<void>;
}

export { installCrds } from './crds';

export async function startControllers(aws: TestAws, namespace: string, extra: readonly string[] = []): Promise<Controllers> {
  const logs: string[] = [];
  const flags = serviceControllerFlags(aws, namespace, extra);
  const log = (name: string) => createLogger('debug', { write: (l) => logs.push(`${name} ${l}`) });
  const sm = await runController(sagemaker, flags, { hooks: sagemakerHooks, handleSignals: false, log: log('sagemaker') });
  const aas = await runController(autoscaling, flags, { hooks: autoscalingHooks, handleSignals: false, log: log('autoscaling') });
  const kube = new KubeClient(new KubeHttp(loadConnection({ KUBECONFIG: testContext().kubeconfig })));
  return {
    sagemaker: sm,
    autoscaling: aas,
    kube,
    logs,
    stop: async () => {
      await Promise.all([sm.stop(), aas.stop()]);
      kube.http.close();
    },
  };
}

export interface Ref { group: string; version: string; plural: string }
export const ref = (api: { group: string; version: string }, plural: string): Ref => ({ ...api, plural });

export interface Condition { type: string; status: string; reason?: string; message?: string }
export const condition = (o: KubeObject | undefined, type: string): Condition | undefined =>
  ((o?.status?.['conditions'] ?? []) as Condition[]).find((c) => c.type === type);

/** waitFor with the controllers' log tail in the error, so a timeout says what the controller was doing. */
export function waitFor<T>(probe: () => T | Promise<T>, timeoutMs: number, what: string, logs: string[] = []): Promise<NonNullable<T>> {
  return pollUntil(probe, timeoutMs, what, () => `\n--- controller log (tail) ---\n${logs.slice(-20).join('\n')}`);
}

export async function until(c: Controllers, r: Ref, ns: string, name: string, pred: (o: KubeObject) => boolean, what: string, timeoutMs = 30_000): Promise<KubeObject> {
  return waitFor(async () => {
    const o = await c.kube.get<KubeObject>(r, ns, name);
    return o && pred(o) ? o : undefined;
  }, timeoutMs, `${name}: ${what}`, c.logs);
}

export const synced = (c: Controllers, r: Ref, ns: string, name: string, timeoutMs?: number) =>
  until(c, r, ns, name, (o) => condition(o, 'ACK.ResourceSynced')?.status === 'True', 'ACK.ResourceSynced=True', timeoutMs);

export async function gone(c: Controllers, r: Ref, ns: string, name: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => (await c.kube.get<KubeObject>(r, ns, name)) === undefined, timeoutMs, `${name} deleted`, c.logs);
}
