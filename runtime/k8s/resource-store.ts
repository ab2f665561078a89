import type { JsonObject } from '../convert/paths';
import type { ResourceStore } from '../reconcile/ports';
import { type KubeClient, type ResourceRef } from './client';
import { isConflict, isNotFound } from './http';
import type { KubeObject } from './types';

const CONFLICT_RETRIES = 5;

/** ResourceStore over the API server: guarded merge patches retried on conflict with a fresh read. */
export class KubeResourceStore implements ResourceStore {
  constructor(
    private readonly client: KubeClient,
    private readonly ref: ResourceRef,
  ) {}

  async patch(obj: KubeObject, change: (current: KubeObject) => JsonObject | undefined): Promise<KubeObject | undefined> {
    let current: KubeObject | undefined = obj;
    for (let attempt = 0; ; attempt++) {
      if (!current) return undefined;
      const p = change(current);
      if (!p) return current;
      try {
        return await this.client.mergePatch<KubeObject>(this.ref, current.metadata.namespace, current.metadata.name, p);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw err;
        await new Promise((r) => setTimeout(r, 10 * 5 ** Math.min(attempt, 3)));
        current = await this.client.get<KubeObject>(this.ref, obj.metadata.namespace, obj.metadata.name);
      }
    }
  }

  async patchStatus(obj: KubeObject, status: JsonObject): Promise<KubeObject | undefined> {
    // Keys we no longer set must be nulled: a merge patch otherwise keeps them.
    const patch: JsonObject = { ...status };
    for (const k of Object.keys(obj.status ?? {})) if (!(k in status)) patch[k] = null;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.mergePatch<KubeObject>(this.ref, obj.metadata.namespace, obj.metadata.name, { status: patch }, 'status');
      } catch (err) {
        if (isNotFound(err)) return undefined;
        if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw err;
        await new Promise((r) => setTimeout(r, 10 * 5 ** Math.min(attempt, 3)));
      }
    }
  }
}
