import { GeneratorError } from '../errors';
import { buildShape } from './build';
import { isObject, parseJson } from './json';
import { flattenMixins } from './mixins';
import { SmithyShapeIndex } from './shape-index';
import { checkTargets } from './targets';
import type { ServiceShape, Shape, ShapeId, ShapeIndex } from './types';

type Raw = Record<string, unknown>;

/** Smithy 2.0 JSON AST text → typed, fully validated shape index. Pure: `file` is only for messages. */
export function loadSmithyModel(text: string, file: string): ShapeIndex {
  const rawShapes = astShapes(parseJson(text, file), file);
  applyTraits(rawShapes, file);

  const shapes = new Map<ShapeId, Shape>();
  const mixinsOf = new Map<ShapeId, ShapeId[]>();
  for (const id of Object.keys(rawShapes)) {
    const raw = rawShapes[id];
    if (isObject(raw) && raw.type === 'apply') continue;
    const { shape, mixins } = buildShape(id, raw, file);
    shapes.set(id, shape);
    if (mixins.length > 0) mixinsOf.set(id, mixins);
  }
  flattenMixins(shapes, mixinsOf, file);
  checkTargets(shapes, file);
  return new SmithyShapeIndex(file, theService(shapes, file), shapes);
}

const AST_HINT = 'expected a Smithy 2.0 JSON AST: {"smithy": "2.0", "shapes": {…}}';

function astShapes(doc: unknown, file: string): Raw {
  const fail = (message: string): never => {
    throw new GeneratorError({ file }, `not a Smithy 2.0 JSON AST: ${message}`, AST_HINT);
  };
  if (!isObject(doc)) return fail('the top level is not a JSON object');
  if (doc.smithy === undefined) fail('"smithy" version is missing');
  if (typeof doc.smithy !== 'string' || !/^2(\.0)?$/.test(doc.smithy)) {
    fail(`unsupported "smithy" version ${JSON.stringify(doc.smithy)}`);
  }
  if (!isObject(doc.shapes)) return fail('"shapes" is missing or not an object');
  return doc.shapes;
}

/** `"type": "apply"` entries add traits to a shape (ns#Name) or a member (ns#Name$member) of the file. */
function applyTraits(rawShapes: Raw, file: string): void {
  for (const [id, raw] of Object.entries(rawShapes)) {
    if (!isObject(raw) || raw.type !== 'apply') continue;
    const fail = (message: string): never => {
      throw new GeneratorError({ file, at: id }, message);
    };
    if (!isObject(raw.traits)) fail('an apply statement needs a "traits" object');
    const [shapeId, memberName] = id.split('$') as [string, string | undefined];
    const target = rawShapes[shapeId];
    if (!isObject(target) || target.type === 'apply') return fail(`apply target ${shapeId} is not defined in the model`);
    let owner: Raw = target;
    if (memberName !== undefined) {
      const members = target.members;
      const m = isObject(members) ? members[memberName] : ['member', 'key', 'value'].includes(memberName) ? target[memberName] : undefined;
      if (!isObject(m)) return fail(`apply target ${id} is not a member of ${shapeId}`);
      owner = m;
    }
    owner.traits = { ...(isObject(owner.traits) ? owner.traits : {}), ...(raw.traits as Raw) };
  }
}

function theService(shapes: ReadonlyMap<ShapeId, Shape>, file: string): ServiceShape {
  const services = [...shapes.values()].filter((s): s is ServiceShape => s.type === 'service' && !s.traits.mixin);
  if (services.length === 1) return services[0]!;
  if (services.length === 0) {
    throw new GeneratorError({ file }, 'the model has no service shape', 'an AWS model defines exactly one');
  }
  throw new GeneratorError(
    { file },
    `the model has ${services.length} service shapes: ${services.map((s) => s.id).sort().join(', ')}`,
    'an AWS model defines exactly one',
  );
}
