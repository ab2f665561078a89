import type { SdkObject } from '../descriptor';
import type { JsonObject } from '../convert/paths';
import type { KubeObject } from '../k8s/types';
import type { AwsPort, EventPort, LogPort, OpType, ResourceStore } from '../reconcile/ports';

export class FakeAwsError extends Error {
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400 };
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** An in-memory AWS for one SageMaker-like service, keyed by each operation's name member. */
export class FakeAws implements AwsPort {
  readonly items = new Map<string, SdkObject>();
  readonly calls: { opType: OpType; operation: string; input: SdkObject }[] = [];
  /** Errors to throw, by operation, consumed one per call. */
  readonly faults = new Map<string, Error[]>();

  constructor(private readonly nameMember: string, private readonly arnMember: string, private readonly notFound: (name: string) => Error) {}

  fail(operation: string, ...errors: Error[]): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), ...errors]);
  }

  writes(): string[] {
    return this.calls.filter((c) => c.opType !== 'READ_ONE' && c.opType !== 'READ_MANY').map((c) => c.operation);
  }

  async call(opType: OpType, operation: string, input: SdkObject): Promise<SdkObject> {
    this.calls.push({ opType, operation, input });
    const fault = this.faults.get(operation)?.shift();
    if (fault) throw fault;
    const name = String(input[this.nameMember]);
    const existing = this.items.get(name);
    switch (opType) {
      case 'CREATE': {
        if (existing) throw new FakeAwsError('ResourceInUse', `${name} already exists`);
        const arn = `arn:aws:sagemaker:us-west-2:111122223333:thing/${name}`;
        this.items.set(name, { ...input, [this.arnMember]: arn, CreationTime: new Date('2026-01-01T00:00:00Z') });
        return { [this.arnMember]: arn };
      }
      case 'READ_ONE':
        if (!existing) throw this.notFound(name);
        return { ...existing };
      case 'UPDATE':
        if (!existing) throw this.notFound(name);
        this.items.set(name, { ...existing, ...input, LastModifiedTime: new Date('2026-01-02T00:00:00Z') });
        return { [this.arnMember]: existing[this.arnMember] };
      case 'DELETE':
        if (!existing) throw this.notFound(name);
        this.items.delete(name);
        return {};
      default:
        throw new Error(`unexpected ${opType}`);
    }
  }
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** An in-memory API server for one object: resourceVersion, merge patch, conflicts, finalizer-gated delete. */
export class FakeStore implements ResourceStore {
  obj: KubeObject | undefined;
  private rv = 1;
  readonly writes: ('patch' | 'status')[] = [];
  /** Conflicts to return on the next guarded patches. */
  conflicts = 0;

  constructor(obj: KubeObject) {
    this.obj = { ...obj, metadata: { ...obj.metadata, resourceVersion: '1', generation: obj.metadata.generation ?? 1 } };
  }

  async patch(_obj: KubeObject, change: (current: KubeObject) => JsonObject | undefined): Promise<KubeObject | undefined> {
    for (;;) {
      if (!this.obj) return undefined;
      const p = change(this.obj);
      if (!p) return this.obj;
      const guard = (p.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
      if (this.conflicts > 0) {
        this.conflicts--;
        this.bump();
        continue;
      }
      if (guard !== undefined && guard !== this.obj.metadata.resourceVersion) continue;
      this.writes.push('patch');
      const next = mergePatch(this.obj, p) as KubeObject;
      const specChanged = JSON.stringify(next.spec) !== JSON.stringify(this.obj.spec);
      this.obj = { ...next, metadata: { ...next.metadata, generation: (this.obj.metadata.generation ?? 1) + (specChanged ? 1 : 0) } };
      this.bump();
      this.collect();
      return this.obj;
    }
  }

  async patchStatus(_obj: KubeObject, status: JsonObject): Promise<KubeObject | undefined> {
    if (!this.obj) return undefined;
    this.writes.push('status');
    this.obj = { ...this.obj, status: JSON.parse(JSON.stringify(status)) };
    this.bump();
    return this.obj;
  }

  markDeleted(): void {
    if (this.obj) this.obj = { ...this.obj, metadata: { ...this.obj.metadata, deletionTimestamp: '2026-01-03T00:00:00Z' } };
    this.collect();
  }

  private bump(): void {
    if (this.obj) this.obj = { ...this.obj, metadata: { ...this.obj.metadata, resourceVersion: String(++this.rv) } };
  }

  private collect(): void {
    if (this.obj?.metadata.deletionTimestamp && !(this.obj.metadata.finalizers ?? []).length) this.obj = undefined;
  }
}

export class FakeEvents implements EventPort {
  readonly events: { type: string; reason: string; message: string }[] = [];
  emit(_obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.push({ type, reason, message });
  }
  reasons(): string[] {
    return this.events.map((e) => e.reason);
  }
}

export const silentLog: LogPort = { debug() {}, info() {}, warn() {}, error() {} };
