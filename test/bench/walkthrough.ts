import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../runtime/k8s/types';
import { kubectl } from '../env/context';
import { isSynced, sleep, withBenchEnv } from './harness';

/**
 * `npm run bench:walkthrough`: apply-to-Synced time of each walkthrough step, with both compiled
 * controllers running as their own processes on the test environment (moto answers at once, so
 * this is the controllers' own latency: watch, queue, AWS calls, status writes).
 */
const WALKTHROUGH = resolve(__dirname, '../../../shared/walkthrough');
const STEPS = ['training.yaml', 'deploy.yaml', 'autoscaling.yaml'];
const PLURALS: Record<string, string> = { TrainingJob: 'trainingjobs', Model: 'models', EndpointConfig: 'endpointconfigs', Endpoint: 'endpoints', ScalableTarget: 'scalabletargets', ScalingPolicy: 'scalingpolicies' };

async function main(): Promise<void> {
  await withBenchEnv(['sagemaker', 'application-auto-scaling'], async (env) => {
    const ns = env.namespace('walk');
    env.controller('sagemaker', ns);
    env.controller('application-auto-scaling', ns);
    await sleep(4000);
    for (const step of STEPS) {
      const file = join(WALKTHROUGH, step);
      const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as KubeObject & { apiVersion: string });
      const started = Date.now();
      const r = kubectl(['apply', '-n', ns, '-f', file]);
      if (r.status !== 0) throw new Error(`kubectl apply ${step}: ${r.stderr}`);
      for (;;) {
        const objs = await Promise.all(
          docs.map((d) => env.kube.get<KubeObject>({ group: d.apiVersion.split('/')[0]!, version: 'v1alpha1', plural: PLURALS[d.kind]! }, ns, d.metadata.name)),
        );
        if (objs.every((o) => o && isSynced(o))) break;
        if (Date.now() - started > 120_000) throw new Error(`${step}: not all Synced after 120 s`);
        await sleep(50);
      }
      console.log(`${step}: apply to Synced (${docs.map((d) => d.kind).join(', ')}) in ${((Date.now() - started) / 1000).toFixed(2)} s`);
    }
  });
}

main().catch((err) => {
  console.error(`bench:walkthrough failed: ${(err as Error).message}`);
  process.exit(1);
});
