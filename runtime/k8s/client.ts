import { isConflict, isNotFound, KubeHttp, type RequestOptions } from './http';
import type { KubeObject } from './types';

/** A kind's REST coordinates; group '' is the core API. */
export interface ResourceRef {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

export const CORE = {
  namespaces: { group: '', version: 'v1', plural: 'namespaces' },
  configMaps: { group: '', version: 'v1', plural: 'configmaps' },
  events: { group: '', version: 'v1', plural: 'events' },
  leases: { group: 'coordination.k8s.io', version: 'v1', plural: 'leases' },
} as const satisfies Record<string, ResourceRef>;

export interface ListResult<T> {
  readonly items: T[];
  readonly resourceVersion: string;
}

export interface WatchEvent<T = KubeObject> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: T;
}

export interface ListOptions {
  readonly labelSelector?: string;
}

export function resourcePath(ref: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
  const root = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const n = name ? `/${encodeURIComponent(name)}` : '';
  return `${root}${ns}/${ref.plural}${n}${subresource ? `/${subresource}` : ''}`;
}

const MERGE_PATCH = 'application/merge-patch+json';
const REQUEST_TIMEOUT_MS = 30_000;

/** The calls a controller makes, typed and minimal. */
export class KubeClient {
  constructor(readonly http: KubeHttp) {}

  async get<T = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string): Promise<T | undefined> {
    try {
      return await this.http.request<T>('GET', resourcePath(ref, namespace, name), { timeoutMs: REQUEST_TIMEOUT_MS });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Lists all pages; the returned resourceVersion is where a watch continues. */
  async list<T = KubeObject>(ref: ResourceRef, namespace: string | undefined, opts: ListOptions = {}): Promise<ListResult<T>> {
    const items: T[] = [];
    let cont: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.http.request<{ items: T[]; metadata: { resourceVersion: string; continue?: string } }>(
        'GET',
        resourcePath(ref, namespace),
        { query: { limit: 500, continue: cont, labelSelector: opts.labelSelector }, timeoutMs: 60_000 },
      );
      items.push(...page.items);
      resourceVersion = page.metadata.resourceVersion;
      cont = page.metadata.continue || undefined;
    } while (cont);
    return { items, resourceVersion };
  }

  async *watch<T = KubeObject>(
    ref: ResourceRef,
    namespace: string | undefined,
    opts: ListOptions & { resourceVersion: string; timeoutSeconds: number; signal?: AbortSignal; onOpen?: () => void },
  ): AsyncGenerator<WatchEvent<T>> {
    const req: RequestOptions = {
      query: {
        watch: true,
        resourceVersion: opts.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: opts.timeoutSeconds,
        labelSelector: opts.labelSelector,
      },
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onOpen ? { onOpen: opts.onOpen } : {}),
    };
    for await (const ev of this.http.lines(resourcePath(ref, namespace), req)) yield ev as WatchEvent<T>;
  }

  create<T = KubeObject>(ref: ResourceRef, namespace: string | undefined, body: unknown): Promise<T> {
    return this.http.request<T>('POST', resourcePath(ref, namespace), { body, timeoutMs: REQUEST_TIMEOUT_MS });
  }

  replace<T = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string, body: unknown): Promise<T> {
    return this.http.request<T>('PUT', resourcePath(ref, namespace, name), { body, timeoutMs: REQUEST_TIMEOUT_MS });
  }

  /** JSON merge patch (RFC 7386); a metadata.resourceVersion in the patch makes it conditional. */
  mergePatch<T = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string, patch: unknown, subresource?: string): Promise<T> {
    return this.http.request<T>('PATCH', resourcePath(ref, namespace, name, subresource), {
      body: patch,
      contentType: MERGE_PATCH,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  }
}

export { isConflict, isNotFound };
