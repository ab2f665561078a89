import type { KubeObject } from '../k8s/types';
import { readFieldExportSpec } from './spec';

/**
 * Which FieldExports read which source: a change to a source wakes exactly the FieldExports that
 * name it (ACK re-runs those of the same namespace whose kind and name match, case-insensitively).
 * Holds one short string per FieldExport; no objects.
 */
export class SourceIndex {
  private readonly sourceOf = new Map<string, string>();
  private readonly readers = new Map<string, Set<string>>();

  /** Records (or, with no source, forgets) what the FieldExport at `key` reads. */
  set(key: string, fe: KubeObject | undefined): void {
    this.remove(key);
    const read = fe ? readFieldExportSpec(fe) : undefined;
    if (!fe || !read?.ok) return;
    const source = sourceKey(read.spec.from.resource.kind, fe.metadata.namespace ?? '', read.spec.from.resource.name);
    this.sourceOf.set(key, source);
    let set = this.readers.get(source);
    if (!set) this.readers.set(source, (set = new Set()));
    set.add(key);
  }

  remove(key: string): void {
    const source = this.sourceOf.get(key);
    if (source === undefined) return;
    this.sourceOf.delete(key);
    const set = this.readers.get(source);
    set?.delete(key);
    if (set?.size === 0) this.readers.delete(source);
  }

  /** The FieldExports reading the object `namespace/name` of `kind`. */
  readersOf(kind: string, objectKey: string): readonly string[] {
    const i = objectKey.indexOf('/');
    return [...(this.readers.get(sourceKey(kind, objectKey.slice(0, i), objectKey.slice(i + 1))) ?? [])];
  }

  get size(): number {
    return this.sourceOf.size;
  }
}

function sourceKey(kind: string, namespace: string, name: string): string {
  return `${kind.toLowerCase()}/${namespace}/${name}`;
}
