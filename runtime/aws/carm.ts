import { CORE, type KubeClient } from '../k8s/client';
import type { KubeObject } from '../k8s/types';

export const ACCOUNT_ROLE_MAP = 'ack-role-account-map';
export const TEAM_ROLE_MAP = 'ack-role-team-map';

/** A CARM lookup failure, with ACK's wording (reference §13.2). */
export class CarmError extends Error {}

/** Looks up a role in a CARM map: `<service>.<id>` first when service-level CARM is on, then `<id>`. */
export interface RoleLookup {
  roleFor(id: string, service?: string): Promise<string>;
}

/**
 * A CARM ConfigMap in the controller's namespace (`ack-role-account-map`: account ID → role ARN,
 * `ack-role-team-map`: team ID → role ARN), read on demand and cached briefly.
 */
export class RoleMap implements RoleLookup {
  private cached: { at: number; data: Readonly<Record<string, string>> | undefined } | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
    readonly configMap: typeof ACCOUNT_ROLE_MAP | typeof TEAM_ROLE_MAP,
    private readonly ttlMs = 15_000,
  ) {}

  async roleFor(id: string, service?: string): Promise<string> {
    return lookupRole(await this.load(), this.configMap, id, service);
  }

  private async load(): Promise<Readonly<Record<string, string>> | undefined> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.data;
    const cm = await this.client.get<KubeObject & { data?: Record<string, string> }>(CORE.configMaps, this.namespace, this.configMap);
    this.cached = { at: Date.now(), data: cm ? (cm.data ?? {}) : undefined };
    return this.cached.data;
  }
}

/** Pure: the role a CARM map's data gives an ID, or ACK's error for a missing map, key or value. */
export function lookupRole(data: Readonly<Record<string, string>> | undefined, configMap: string, id: string, service?: string): string {
  const what = configMap === TEAM_ROLE_MAP ? 'team' : 'account';
  const where = `retrieving role ARN for ${what} ID "${id}" from "${configMap}" configmap: `;
  if (!data) throw new CarmError(`${where}CARM configmap not found`);
  const role = (service ? data[`${service}.${id}`] : undefined) ?? data[id];
  if (role === undefined) throw new CarmError(`${where}key not found in CARM configmap`);
  if (!role) throw new CarmError(`${where}role value is empty in CARM configmap`);
  return role;
}
