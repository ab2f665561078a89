import { GeneratorError } from '../errors';
import { toTraits } from './traits';
import type { Member, Shape, ShapeId, Traits } from './types';

/**
 * Copies mixin members and traits into the shapes that use them, in place
 * (Smithy 2 mixins.rst): mixin members first, depth-first and left to right;
 * a local member of the same name keeps the mixin's position but its traits win;
 * the shape inherits its mixins' traits except smithy.api#mixin and their localTraits.
 */
export function flattenMixins(
  shapes: Map<ShapeId, Shape>,
  mixinsOf: ReadonlyMap<ShapeId, readonly ShapeId[]>,
  file: string,
): void {
  const done = new Set<ShapeId>();
  const visiting = new Set<ShapeId>();

  const visit = (id: ShapeId): void => {
    if (done.has(id)) return;
    const mixins = mixinsOf.get(id);
    const shape = shapes.get(id)!;
    if (!mixins || mixins.length === 0) return void done.add(id);
    if (visiting.has(id)) {
      throw new GeneratorError({ file, at: id }, `mixin cycle: ${[...visiting, id].join(' -> ')}`);
    }
    visiting.add(id);
    const resolved = mixins.map((m) => {
      const mixin = shapes.get(m);
      if (!mixin) {
        throw new GeneratorError({ file, at: id }, `mixin target ${m} is not defined in the model`);
      }
      if (!mixin.traits.mixin) {
        throw new GeneratorError({ file, at: id }, `${m} is used as a mixin but has no smithy.api#mixin trait`);
      }
      if (mixin.type !== shape.type) {
        throw new GeneratorError({ file, at: id }, `a ${shape.type} cannot use the ${mixin.type} mixin ${m}`);
      }
      visit(m);
      return mixin;
    });
    visiting.delete(id);
    apply(shape, resolved, file);
    done.add(id);
  };
  for (const id of mixinsOf.keys()) visit(id);
}

function apply(shape: Shape, mixins: Shape[], file: string): void {
  const inherited: Record<string, unknown> = {};
  for (const m of mixins) {
    const local = new Set(localTraitsOf(m));
    for (const [k, v] of Object.entries(m.traits.raw)) {
      if (k !== 'smithy.api#mixin' && !local.has(k)) inherited[k] = v;
    }
  }
  if (Object.keys(inherited).length > 0) {
    shape.traits = toTraits({ ...inherited, ...shape.traits.raw }, { file, at: shape.id });
  }

  switch (shape.type) {
    case 'structure':
    case 'union':
    case 'enum':
    case 'intEnum':
      shape.members = mergeMembers(shape.id, mixins as Array<typeof shape>, shape.members, file);
      break;
    case 'list':
    case 'set': {
      const from = (mixins as Array<typeof shape>).find((m) => m.member.target)?.member;
      if (!shape.member.target && from) shape.member = from;
      break;
    }
    case 'map': {
      const maps = mixins as Array<typeof shape>;
      const key = maps.find((m) => m.key.target)?.key;
      const value = maps.find((m) => m.value.target)?.value;
      if (!shape.key.target && key) shape.key = key;
      if (!shape.value.target && value) shape.value = value;
      break;
    }
    case 'operation': {
      const ops = mixins as Array<typeof shape>;
      shape.input ??= ops.find((m) => m.input)?.input;
      shape.output ??= ops.find((m) => m.output)?.output;
      if (shape.input === undefined) delete shape.input;
      if (shape.output === undefined) delete shape.output;
      shape.errors = union(...ops.map((m) => m.errors), shape.errors);
      break;
    }
    case 'service': {
      const svcs = mixins as Array<typeof shape>;
      shape.version ??= svcs.find((m) => m.version)?.version;
      if (shape.version === undefined) delete shape.version;
      shape.operations = union(...svcs.map((m) => m.operations), shape.operations);
      shape.resources = union(...svcs.map((m) => m.resources), shape.resources);
      shape.errors = union(...svcs.map((m) => m.errors), shape.errors);
      break;
    }
    case 'resource': {
      const rs = mixins as Array<typeof shape>;
      shape.identifiers = Object.assign({}, ...rs.map((m) => m.identifiers), shape.identifiers);
      shape.properties = Object.assign({}, ...rs.map((m) => m.properties), shape.properties);
      for (const k of ['create', 'put', 'read', 'update', 'delete', 'list'] as const) {
        shape[k] ??= rs.find((m) => m[k])?.[k];
        if (shape[k] === undefined) delete shape[k];
      }
      shape.operations = union(...rs.map((m) => m.operations), shape.operations);
      shape.collectionOperations = union(...rs.map((m) => m.collectionOperations), shape.collectionOperations);
      shape.resources = union(...rs.map((m) => m.resources), shape.resources);
      break;
    }
    default:
      break;
  }
}

function mergeMembers(id: ShapeId, mixins: Array<{ members: Member[] }>, own: Member[], file: string): Member[] {
  const byName = new Map<string, Member>();
  for (const m of mixins) for (const mem of m.members) byName.set(mem.name, mem);
  for (const mem of own) {
    const from = byName.get(mem.name);
    if (!from) {
      byName.set(mem.name, mem);
      continue;
    }
    const traits: Traits =
      Object.keys(mem.traits.raw).length === 0
        ? from.traits
        : toTraits({ ...from.traits.raw, ...mem.traits.raw }, { file, at: `${id}$${mem.name}` });
    // Map.set on an existing key keeps the mixin member's position.
    byName.set(mem.name, { name: mem.name, target: mem.target, traits });
  }
  return [...byName.values()];
}

function localTraitsOf(mixin: Shape): string[] {
  const t = mixin.traits.raw['smithy.api#mixin'];
  const local = typeof t === 'object' && t !== null ? (t as { localTraits?: unknown }).localTraits : undefined;
  return Array.isArray(local) ? local.filter((x): x is string => typeof x === 'string') : [];
}

function union(...lists: ShapeId[][]): ShapeId[] {
  return [...new Set(lists.flat())];
}
