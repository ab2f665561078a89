import { GeneratorError } from '../errors';
import { localName } from './build';
import { PRELUDE } from './prelude';
import { closestNames } from './suggest';
import type { Shape, ShapeId } from './types';

export type ReferenceVisitor = (at: string, target: ShapeId) => void;

const LIFECYCLE = ['create', 'put', 'read', 'update', 'delete', 'list'] as const;

function visitAll(at: string, targets: readonly ShapeId[], visit: ReferenceVisitor): void {
  for (const t of targets) visit(at, t);
}

/** Calls `visit` for every shape id a shape refers to, with where it sits (a member id or the shape id). */
export function forEachReference(shape: Shape, visit: ReferenceVisitor): void {
  const id = shape.id;
  switch (shape.type) {
    case 'enum':
    case 'intEnum':
    case 'structure':
    case 'union':
      for (const m of shape.members) visit(`${id}$${m.name}`, m.target);
      break;
    case 'list':
    case 'set':
      visit(`${id}$member`, shape.member.target);
      break;
    case 'map':
      visit(`${id}$key`, shape.key.target);
      visit(`${id}$value`, shape.value.target);
      break;
    case 'operation':
      if (shape.input !== undefined) visit(id, shape.input);
      if (shape.output !== undefined) visit(id, shape.output);
      visitAll(id, shape.errors, visit);
      break;
    case 'resource':
      visitAll(id, Object.values(shape.identifiers), visit);
      visitAll(id, Object.values(shape.properties), visit);
      for (const k of LIFECYCLE) if (shape[k] !== undefined) visit(id, shape[k]);
      visitAll(id, shape.operations, visit);
      visitAll(id, shape.collectionOperations, visit);
      visitAll(id, shape.resources, visit);
      break;
    case 'service':
      visitAll(id, shape.operations, visit);
      visitAll(id, shape.resources, visit);
      visitAll(id, shape.errors, visit);
      break;
    default:
      break;
  }
}

/** Throws on the first reference (in shape-id order) that names no shape of the file or prelude. */
export function checkTargets(shapes: ReadonlyMap<ShapeId, Shape>, file: string): void {
  const check: ReferenceVisitor = (at, target) => {
    if (shapes.has(target) || PRELUDE.has(target)) return;
    if (target === '') throw new GeneratorError({ file, at }, 'member has no "target"');
    throw danglingTarget(shapes, file, at, target);
  };
  for (const shape of shapes.values()) forEachReference(shape, check);
}

export function danglingTarget(
  shapes: ReadonlyMap<ShapeId, Shape>,
  file: string,
  at: string,
  target: ShapeId,
): GeneratorError {
  const near = closestNames(localName(target), [...shapes.values(), ...PRELUDE.values()].map((s) => s.name));
  const ids = near.map((n) => [...shapes.keys(), ...PRELUDE.keys()].find((id) => localName(id) === n)!);
  return new GeneratorError(
    { file, at },
    `target ${target} is not defined in the model`,
    ids.length ? `did you mean ${ids.join(', ')}?` : undefined,
  );
}
