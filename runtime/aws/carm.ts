import { CORE, type KubeClient } from '../k8s/client';
import type { KubeObject } from '../k8s/types';

export const ACCOUNT_ROLE_MAP = 'ack-role-account-map';

/** A CARM lookup failure, with ACK's wording (reference §13.2). */
export class CarmError extends Error {}

/** `ack-role-account-map` in the controller's namespace: account ID → role ARN, cached briefly. */
export class AccountRoleMap {
  private cached: { at: number; data: Readonly<Record<string, string>> | undefined } | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
    private readonly ttlMs = 15_000,
  ) {}

  async roleFor(accountId: string, service?: string): Promise<string> {
    const data = await this.load();
    const where = `retrieving role ARN for account ID "${accountId}" from "${ACCOUNT_ROLE_MAP}" configmap: `;
    if (!data) throw new CarmError(`${where}CARM configmap not found`);
    const role = (service ? data[`${service}.${accountId}`] : undefined) ?? data[accountId];
    if (role === undefined) throw new CarmError(`${where}key not found in CARM configmap`);
    if (!role) throw new CarmError(`${where}role value is empty in CARM configmap`);
    return role;
  }

  private async load(): Promise<Readonly<Record<string, string>> | undefined> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.data;
    const cm = await this.client.get<KubeObject & { data?: Record<string, string> }>(CORE.configMaps, this.namespace, ACCOUNT_ROLE_MAP);
    this.cached = { at: Date.now(), data: cm ? (cm.data ?? {}) : undefined };
    return this.cached.data;
  }
}
