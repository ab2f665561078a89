/**
 * The IAMRoleSelectors of the cluster, watched (list + watch, cluster-scoped) and kept parsed. An
 * invalid selector is not kept (ACK's rule): it is logged once per resourceVersion and replaces
 * any earlier valid version, so a broken edit never leaves a stale role in force.
 */
import type { KubeClient } from '../k8s/client';
import { KubeApiError } from '../k8s/http';
import { Informer, type InformerLog } from '../k8s/informer';
import type { KubeObject } from '../k8s/types';
import { IAM_ROLE_SELECTORS, parseSelector, type IamRoleSelector } from './iam-role-selector';

export interface SelectorCacheOptions {
  readonly client: KubeClient;
  readonly log: InformerLog & { error(msg: string, fields?: Record<string, unknown>): void };
  /** A selector was added, changed or removed after the first list: roles may have moved. */
  readonly onChange?: () => void;
  readonly silenceMs?: number;
}

export class SelectorCache {
  private readonly selectors = new Map<string, IamRoleSelector>();
  readonly informer: Informer;

  constructor(private readonly o: SelectorCacheOptions) {
    this.informer = new Informer({
      client: o.client,
      ref: IAM_ROLE_SELECTORS,
      namespaces: [],
      log: o.log,
      ...(o.silenceMs ? { silenceMs: o.silenceMs } : {}),
      onObject: (obj) => this.put(obj),
      onEvent: (event, key) => {
        if (event === 'deleted') this.selectors.delete(key.slice(key.indexOf('/') + 1));
        if (this.informer.synced) o.onChange?.();
      },
    });
  }

  /** Fails with one line when the CRD is not installed (the watch would retry forever). */
  async start(): Promise<void> {
    try {
      await this.o.client.list(IAM_ROLE_SELECTORS, undefined);
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) {
        throw new Error(
          'the IAMRoleSelector feature gate is on, but the CRD iamroleselectors.services.k8s.aws is not installed: ' +
            "apply the chart's crds/services.k8s.aws_iamroleselectors.yaml (helm installs it with the chart)",
        );
      }
      throw err;
    }
    this.informer.start();
  }

  get synced(): boolean {
    return this.informer.synced;
  }

  all(): IterableIterator<IamRoleSelector> {
    return this.selectors.values();
  }

  stop(): Promise<void> {
    return this.informer.stop();
  }

  private put(obj: KubeObject): void {
    const p = parseSelector(obj);
    if (p.ok) {
      this.selectors.set(obj.metadata.name, p.selector);
      this.o.log.info('IAMRoleSelector cached', { selector: obj.metadata.name, arn: p.selector.arn });
    } else {
      this.selectors.delete(obj.metadata.name);
      this.o.log.error('IAMRoleSelector ignored', { selector: obj.metadata.name, error: p.error });
    }
  }
}
