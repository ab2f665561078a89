import type { ShapeTypes } from './shape-types';
import type { Field, TypeRef } from './types';

/**
 * Which spec paths an update operation cannot carry. A spec member the update input lacks is
 * create-only; a structure the update spells with another shape (UpdateTrainingJob's
 * ResourceConfigForUpdate) is followed member by member; a list or map whose items the update
 * cannot carry whole is create-only as a whole, since a list changes as one value. Pure.
 */
export function createOnlyPaths(
  spec: readonly Field[],
  update: readonly Field[],
  types: ShapeTypes,
  o: { readonly renames?: Readonly<Record<string, string>>; readonly skip: (path: string) => boolean },
): string[] {
  const out: string[] = [];
  const walk = (fields: readonly Field[], carriers: readonly Field[], prefix: string, renames: Readonly<Record<string, string>>) => {
    for (const f of fields) {
      const path = prefix ? `${prefix}.${f.json}` : f.json;
      if (o.skip(path)) continue;
      const name = renames[f.member] ?? f.member;
      const carrier = carriers.find((c) => c.member === name);
      if (!carrier) {
        out.push(path);
        continue;
      }
      const a = f.type;
      const b = carrier.type;
      if (a.kind === 'struct' && b.kind === 'struct') {
        if (a.shape !== b.shape) walk(types.members(a.shape), types.members(b.shape), path, {});
      } else if (!carriesWhole(a, b, types, new Set())) {
        out.push(path);
      }
    }
  };
  walk(spec, update, '', o.renames ?? {});
  return out;
}

/** Whether a value of type `a` fits type `b` without losing a member, at any depth. */
function carriesWhole(a: TypeRef, b: TypeRef, types: ShapeTypes, seen: Set<string>): boolean {
  if (a.kind === 'list') return b.kind === 'list' && carriesWhole(a.item, b.item, types, seen);
  if (a.kind === 'map') return b.kind === 'map' && carriesWhole(a.value, b.value, types, seen);
  if (a.kind === 'struct') {
    if (b.kind !== 'struct') return false;
    if (a.shape === b.shape) return true;
    const key = `${a.shape}>${b.shape}`;
    if (seen.has(key)) return true;
    seen.add(key);
    const bm = types.members(b.shape);
    return types.members(a.shape).every((m) => {
      const c = bm.find((x) => x.member === m.member);
      return c !== undefined && carriesWhole(m.type, c.type, types, seen);
    });
  }
  return true;
}
