import type { SyncedRule } from '../descriptor';
import { getPath } from '../convert/paths';

export interface SyncedResult {
  readonly synced: boolean;
  readonly message?: string;
}

/** Synced when every rule's path holds one of its values; no rules means synced once found. */
export function evaluateSynced(rules: readonly SyncedRule[] | undefined, resource: unknown): SyncedResult {
  for (const r of rules ?? []) {
    const v = getPath(resource, r.path);
    if (typeof v !== 'string' || !r.in.includes(v)) {
      return { synced: false, message: `${r.path} is ${v === undefined ? 'not set' : JSON.stringify(v)}; waiting for ${r.in.join(' or ')}` };
    }
  }
  return { synced: true };
}
