import type { KubeClient } from '../../runtime/k8s/client';
import type { KubeObject } from '../../runtime/k8s/types';
import { isSynced, sleep } from './harness';

const FIELD_EXPORTS = { group: 'services.k8s.aws', version: 'v1alpha1', plural: 'fieldexports' };
const CONFIG_MAPS = { group: '', version: 'v1', plural: 'configmaps' };

/** A resource to export from: its group, kind, name and the path exported. */
export interface ExportSource {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly path: string;
}

/**
 * bench:controller --field-exports: one FieldExport per source, into `targets` ConfigMaps the
 * exports create; resolves with the milliseconds until every FieldExport is Synced and every key there.
 */
export async function exportAll(kube: KubeClient, ns: string, sources: readonly ExportSource[], timeoutMs: number, targets = 10): Promise<number> {
  const started = Date.now();
  const exports = sources.map((s, i) => ({
    apiVersion: 'services.k8s.aws/v1alpha1',
    kind: 'FieldExport',
    metadata: { name: `fe-${s.name}` },
    spec: { from: { resource: { group: s.group, kind: s.kind, name: s.name }, path: s.path }, to: { kind: 'configmap', name: `bench-exports-${i % targets}` } },
  }));
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < exports.length) await kube.create(FIELD_EXPORTS, ns, exports[next++]!);
    }),
  );
  for (;;) {
    const keys = (await kube.list<{ data?: Record<string, string> }>(CONFIG_MAPS, ns)).items.reduce((n, cm) => n + Object.keys(cm.data ?? {}).length, 0);
    const synced = (await kube.list<KubeObject>(FIELD_EXPORTS, ns)).items.filter(isSynced).length;
    if (keys >= exports.length && synced >= exports.length) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`only ${synced}/${exports.length} FieldExports synced (${keys} keys) after ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}
