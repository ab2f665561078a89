import { GeneratorError } from '../errors';
import { isObject } from './json';
import { UNIT } from './prelude';
import { EMPTY_TRAITS, toTraits } from './traits';
import type { Member, Shape, ShapeId, SimpleType } from './types';

/** One shape of the AST, typed, before mixins are flattened and targets checked. */
export interface BuiltShape {
  shape: Shape;
  /** Targets of the shape's "mixins" list, in order. */
  mixins: ShapeId[];
}

type Raw = Record<string, unknown>;

const SIMPLE_TYPES: ReadonlySet<string> = new Set<SimpleType>([
  'blob', 'boolean', 'string', 'byte', 'short', 'integer', 'long', 'float', 'double',
  'bigInteger', 'bigDecimal', 'timestamp', 'document',
]);
export const SHAPE_TYPES: readonly string[] = [
  ...SIMPLE_TYPES, 'enum', 'intEnum', 'list', 'set', 'map', 'structure', 'union',
  'operation', 'resource', 'service',
];
const LIFECYCLE = ['create', 'put', 'read', 'update', 'delete', 'list'] as const;
const ABSOLUTE_ID = /^[^#$\s]+#[^#$\s]+$/;


export function localName(id: ShapeId): string {
  return id.slice(id.indexOf('#') + 1);
}

// Helpers take a context instead of closing over one: buildShape runs per shape and
// tsx's keepNames makes creating closures in hot code measurably slow.
interface Ctx {
  id: ShapeId;
  raw: Raw;
  file: string;
}

function fail(ctx: Ctx, message: string, at: string = ctx.id, hint?: string): never {
  throw new GeneratorError({ file: ctx.file, at }, message, hint);
}

function ref(ctx: Ctx, v: unknown, what: string): ShapeId {
  if (!isObject(v) || typeof v.target !== 'string') return fail(ctx, `${what} must be {"target": "<shape id>"}`);
  return v.target;
}

function refList(ctx: Ctx, key: string): ShapeId[] {
  const v = ctx.raw[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) return fail(ctx, `"${key}" must be a list of {"target": …}`);
  const out: ShapeId[] = [];
  for (let i = 0; i < v.length; i++) out.push(ref(ctx, v[i], `"${key}"[${i}]`));
  return out;
}

function refMap(ctx: Ctx, key: string): Record<string, ShapeId> {
  const v = ctx.raw[key];
  const out: Record<string, ShapeId> = {};
  if (v === undefined) return out;
  if (!isObject(v)) return fail(ctx, `"${key}" must be an object of {"target": …}`);
  for (const name of Object.keys(v)) out[name] = ref(ctx, v[name], `"${key}".${name}`);
  return out;
}

function optionalRef(ctx: Ctx, key: string): ShapeId | undefined {
  const v = ctx.raw[key];
  return v === undefined ? undefined : ref(ctx, v, `"${key}"`);
}

function member(ctx: Ctx, name: string, v: unknown): Member {
  const at = `${ctx.id}$${name}`;
  if (!isObject(v)) return fail(ctx, 'a member must be a JSON object', at);
  if (typeof v.target !== 'string') return fail(ctx, 'member has no "target"', at);
  return { name, target: v.target, traits: toTraits(v.traits, { file: ctx.file, at }) };
}

function members(ctx: Ctx): Member[] {
  const v = ctx.raw.members;
  if (v === undefined) return [];
  if (!isObject(v)) return fail(ctx, '"members" must be an object');
  const out: Member[] = [];
  for (const name of Object.keys(v)) out.push(member(ctx, name, v[name]));
  return out;
}

function requiredMember(ctx: Ctx, key: 'member' | 'key' | 'value', hasMixins: boolean): Member {
  const v = ctx.raw[key];
  if (v !== undefined) return member(ctx, key, v);
  // A list or map may take its member from a mixin; flattenMixins fills the target in.
  if (hasMixins) return { name: key, target: '', traits: EMPTY_TRAITS };
  return fail(ctx, `${String(ctx.raw.type)} shape has no "${key}"`);
}

/** Turns one raw AST shape into a typed Shape; structural problems become GeneratorErrors. */
export function buildShape(id: ShapeId, raw: unknown, file: string): BuiltShape {
  if (!isObject(raw)) throw new GeneratorError({ file, at: id }, 'a shape must be a JSON object');
  const ctx: Ctx = { id, raw, file };
  if (!ABSOLUTE_ID.test(id)) fail(ctx, 'shape id must be absolute: namespace#Name');
  const type = raw.type;
  if (typeof type !== 'string') return fail(ctx, 'shape has no "type"');

  const base = { id, name: localName(id), traits: toTraits(raw.traits, { file, at: id }) };
  const mixins = refList(ctx, 'mixins');
  const hasMixins = mixins.length > 0;
  let shape: Shape;
  if (SIMPLE_TYPES.has(type)) {
    shape = { ...base, type: type as SimpleType };
  } else {
    switch (type) {
      case 'enum':
      case 'intEnum':
        shape = { ...base, type, members: members(ctx) };
        break;
      case 'structure':
      case 'union':
        shape = { ...base, type, members: members(ctx) };
        break;
      case 'list':
      case 'set':
        shape = { ...base, type, member: requiredMember(ctx, 'member', hasMixins) };
        break;
      case 'map':
        shape = {
          ...base,
          type,
          key: requiredMember(ctx, 'key', hasMixins),
          value: requiredMember(ctx, 'value', hasMixins),
        };
        break;
      case 'operation': {
        const input = optionalRef(ctx, 'input');
        const output = optionalRef(ctx, 'output');
        shape = { ...base, type, errors: refList(ctx, 'errors') };
        if (input !== undefined && input !== UNIT) shape.input = input;
        if (output !== undefined && output !== UNIT) shape.output = output;
        break;
      }
      case 'resource': {
        shape = {
          ...base,
          type,
          identifiers: refMap(ctx, 'identifiers'),
          properties: refMap(ctx, 'properties'),
          operations: refList(ctx, 'operations'),
          collectionOperations: refList(ctx, 'collectionOperations'),
          resources: refList(ctx, 'resources'),
        };
        for (const k of LIFECYCLE) {
          const r = optionalRef(ctx, k);
          if (r !== undefined) shape[k] = r;
        }
        break;
      }
      case 'service': {
        shape = {
          ...base,
          type,
          operations: refList(ctx, 'operations'),
          resources: refList(ctx, 'resources'),
          errors: refList(ctx, 'errors'),
        };
        if (raw.version !== undefined) {
          if (typeof raw.version !== 'string') fail(ctx, 'service "version" must be a string');
          shape.version = raw.version as string;
        }
        break;
      }
      default:
        return fail(ctx, `unknown shape type "${type}"`, id, `expected one of: ${SHAPE_TYPES.join(', ')}`);
    }
  }
  return { shape, mixins };
}
