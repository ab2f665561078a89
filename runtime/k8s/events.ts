import { createHash } from 'node:crypto';
import { CORE, type KubeClient } from './client';
import { KubeApiError } from './http';
import type { KubeObject } from './types';

export interface EventSink {
  emit(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, opts?: { readonly key?: string }): void;
}

const MAX_NAME = 253;

/**
 * A keyed Event's name is a function of the object's uid and the key, so the API server itself
 * refuses a second copy (AlreadyExists), whichever reconcile or controller process emits it.
 */
export function keyedEventName(obj: KubeObject, key: string): string {
  const digest = createHash('sha256').update(`${obj.metadata.uid ?? obj.metadata.name}\0${key}`).digest('hex').slice(0, 20);
  return `${obj.metadata.name.slice(0, MAX_NAME - digest.length - 1)}.${digest}`;
}

/** Writes core/v1 Events about custom resources. Fire-and-forget: an Event never fails a reconcile. */
export class EventRecorder implements EventSink {
  private seq = 0;
  constructor(
    private readonly client: KubeClient,
    private readonly component: string,
    private readonly onError: (err: unknown) => void,
  ) {}

  emit(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, opts: { readonly key?: string } = {}): void {
    const ns = obj.metadata.namespace ?? 'default';
    const now = new Date().toISOString();
    const body = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: opts.key !== undefined ? keyedEventName(obj, opts.key) : `${obj.metadata.name}.${Date.now().toString(16)}${(this.seq++ % 4096).toString(16)}`,
        namespace: ns,
      },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name,
        namespace: ns,
        ...(obj.metadata.uid ? { uid: obj.metadata.uid } : {}),
        ...(obj.metadata.resourceVersion ? { resourceVersion: obj.metadata.resourceVersion } : {}),
      },
      reason,
      message: message.length > 1024 ? `${message.slice(0, 1021)}...` : message,
      type,
      source: { component: this.component },
      reportingComponent: this.component,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    this.client.create(CORE.events, ns, body).catch((err: unknown) => {
      if (opts.key !== undefined && err instanceof KubeApiError && err.reason === 'AlreadyExists') return;
      this.onError(err);
    });
  }
}
