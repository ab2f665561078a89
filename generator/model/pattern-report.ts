import type { ShapeId } from '../smithy/types';
import { isTrivial, toRe2 } from './re2';
import type { Field, ServiceModel, TypeRef } from './types';

/** A Smithy @pattern on a spec field that the CRD leaves out, because RE2 cannot state it exactly. */
export interface SkippedPattern {
  readonly kind: string;
  /** JSON path under the resource, `[]` marking list items, e.g. spec.tags[].key. */
  readonly path: string;
  readonly pattern: string;
  readonly reason: string;
}

/** Walks every kind's spec as the CRD emitter does and lists the patterns it could not emit. */
export function skippedPatterns(model: ServiceModel): SkippedPattern[] {
  const out: SkippedPattern[] = [];
  for (const r of model.resources) {
    const visit = (f: Field, path: string, stack: readonly ShapeId[]): void => {
      if (f.type.kind === 'string' && f.pattern && !isTrivial(f.pattern)) {
        const re = toRe2(f.pattern);
        if ('reason' in re) out.push({ kind: r.kind, path, pattern: f.pattern, reason: re.reason });
      }
      walkType(f.type, path, stack);
    };
    const walkType = (t: TypeRef, path: string, stack: readonly ShapeId[]): void => {
      if (t.kind === 'list') return walkType(t.item, `${path}[]`, stack);
      if (t.kind === 'map') return walkType(t.value, `${path}{}`, stack);
      if (t.kind !== 'struct' || stack.includes(t.shape)) return;
      for (const m of model.members(t.shape)) visit(m, `${path}.${m.json}`, [...stack, t.shape]);
    };
    for (const f of r.spec) visit(f, `spec.${f.json}`, []);
  }
  return out;
}
