import type { Awaited } from './references';
import type { ResourceDescriptor, ResourceHooks, SdkObject, ServiceDescriptor } from '../descriptor';
import type { JsonObject } from '../convert/paths';
import type { KubeObject } from '../k8s/types';
import type { DeletionPolicy } from './policy';
import type { TagReadClock } from './tag-schedule';

/** ACK's op_type label values. */
export type OpType = 'CREATE' | 'READ_ONE' | 'READ_MANY' | 'UPDATE' | 'DELETE';

/**
 * The controller is shutting down: a new AWS call is refused, or one in flight was cut off at the
 * end of the grace period. Not an AWS answer, so a reconcile records nothing about it and ends.
 */
export class CallRefused extends Error {
  override readonly name = 'CallRefused';
}

/**
 * AWS, already bound to the resource's region and account. Throws the SDK's errors unchanged, or
 * CallRefused while the controller shuts down.
 */
export interface AwsPort {
  call(opType: OpType, operation: string, input: SdkObject): Promise<SdkObject>;
}

/** The custom resource's storage: writes go through here, each returning the stored object. */
export interface ResourceStore {
  /**
   * Merge-patches the object with the patch `change` computes from the freshest copy, guarded by its
   * resourceVersion and retried on conflict. `undefined` from `change` means nothing to write.
   * Resolves undefined when the object is gone.
   */
  patch(obj: KubeObject, change: (current: KubeObject) => JsonObject | undefined): Promise<KubeObject | undefined>;
  /** Replaces `.status` through the status subresource; undefined when the object is gone. */
  patchStatus(obj: KubeObject, status: JsonObject): Promise<KubeObject | undefined>;
}

/** Reads the custom resources that reference fields name; undefined when there is none. */
export interface ObjectReader {
  get(ref: { readonly group: string; readonly version: string; readonly plural: string }, namespace: string, name: string): Promise<KubeObject | undefined>;
}

export interface EventPort {
  /** With a `key`, an Event is recorded at most once per object and key, across reconciles and restarts. */
  emit(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, opts?: { readonly key?: string }): void;
}

export interface LogPort {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Where the resource lives in AWS, resolved by the controller before reconciling. */
export interface AwsTarget {
  /** Where calls go: the region recorded in status once the resource exists (it sticks), else the desired one. */
  readonly region: string;
  /** Annotation, then namespace default, then flag: differs from a recorded region only on drift. */
  readonly desiredRegion?: string;
  readonly accountId: string;
  readonly partition: string;
  /** The IAMRoleSelector whose role the calls use, reported as ACK.IAMRoleSelected. */
  readonly roleSelection?: { readonly roleArn: string; readonly selectorName: string; readonly selectorResourceVersion: string };
}

export interface ReconcileEnv {
  readonly service: ServiceDescriptor;
  readonly descriptor: ResourceDescriptor;
  readonly hooks?: ResourceHooks;
  readonly aws: AwsPort;
  readonly store: ResourceStore;
  readonly events: EventPort;
  readonly log: LogPort;
  readonly target: AwsTarget;
  readonly deletionPolicy: DeletionPolicy;
  /** Tags added to every created resource (expanded `--resource-tags`), when the kind has tags. */
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** When this object's tags must be read again (kinds whose read does not report them); without it, every sync reads them. */
  readonly tagReads?: TagReadClock;
  /** Resolves reference fields (roleRef → roleARN); without it a set reference cannot resolve. */
  readonly objects?: ObjectReader;
  /**
   * A reference waits for this object (missing, not synced, no value yet): the controller may wake
   * this resource when it changes, instead of only at the next backoff step.
   */
  readonly awaitReferenced?: (awaited: Awaited) => void;
  /** `--enable-cross-namespace`: references may name another namespace. Default true, as in ACK. */
  readonly enableCrossNamespace?: boolean;
  readonly now?: () => Date;
  /** Waits inside one reconcile (the read-after-create retries); tests pass a fake. */
  readonly sleep?: (ms: number) => Promise<void>;
}
