import { CORE, type KubeClient } from './client';
import { KubeApiError } from './http';
import type { KubeObject } from './types';

/**
 * Namespace annotations (default region, owner account, team, per-service deletion policy) and labels, read on demand
 * with a short TTL rather than watched: a few namespaces, read once per reconcile burst.
 */
export class NamespaceAnnotations {
  private readonly cache = new Map<string, { at: number; annotations: Readonly<Record<string, string>>; labels: Readonly<Record<string, string>> }>();
  private warned = false;

  constructor(
    private readonly client: KubeClient,
    private readonly ttlMs = 10_000,
    private readonly onDenied?: (err: unknown) => void,
  ) {}

  async get(namespace: string): Promise<Readonly<Record<string, string>>> {
    return (await this.meta(namespace)).annotations;
  }

  /** Annotations and labels (IAMRoleSelector's namespaceSelector matches the labels). */
  async meta(namespace: string): Promise<{ readonly annotations: Readonly<Record<string, string>>; readonly labels: Readonly<Record<string, string>> }> {
    const hit = this.cache.get(namespace);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit;
    let annotations: Readonly<Record<string, string>> = {};
    let labels: Readonly<Record<string, string>> = {};
    try {
      const ns = await this.client.get<KubeObject>(CORE.namespaces, undefined, namespace);
      annotations = ns?.metadata.annotations ?? {};
      labels = ns?.metadata.labels ?? {};
    } catch (err) {
      // Without RBAC on namespaces, namespace defaults simply do not apply; say so once.
      if (!(err instanceof KubeApiError && err.status === 403)) throw err;
      if (!this.warned) this.onDenied?.(err);
      this.warned = true;
    }
    const entry = { at: Date.now(), annotations, labels };
    this.cache.set(namespace, entry);
    return entry;
  }
}
