import { GeneratorError } from '../errors';
import type { ShapeId, ShapeIndex } from '../smithy/types';
import type { GeneratorConfig } from '../config/types';
import { closestNames } from '../smithy/suggest';
import type { IgnoreRules } from './shape-types';
import { memberKey } from './shape-types';

/**
 * Resolves a shape name as generator.yaml writes it. ACK's loader renames
 * operation payloads to <Op>Input / <Op>Output and suffixes stray "...Input"
 * shapes with "_", so ACK configs use those names; we accept them and the
 * model's own names.
 */
export function resolveShapeName(index: ShapeIndex, name: string): ShapeId | undefined {
  const direct = `${index.namespace}#${name}`;
  if (index.get(direct)) return direct;
  const bare = name.endsWith('_') ? `${index.namespace}#${name.slice(0, -1)}` : undefined;
  if (bare && index.get(bare)) return bare;
  for (const suffix of ['Input', 'Output'] as const) {
    if (!name.endsWith(suffix)) continue;
    const op = index.get(`${index.namespace}#${name.slice(0, -suffix.length)}`);
    if (op?.type === 'operation') return suffix === 'Input' ? op.input : op.output;
  }
  return undefined;
}

function shapeNames(index: ShapeIndex): string[] {
  return index.shapes().filter((s) => s.id.startsWith(`${index.namespace}#`)).map((s) => s.name);
}

/** ignore.shape_names and ignore.field_paths → sets of shape ids and members; unknown names are errors. */
export function resolveIgnoreRules(index: ShapeIndex, config: GeneratorConfig, file: string): IgnoreRules {
  const shapes = new Set<ShapeId>();
  const members = new Set<string>();
  (config.ignore?.shape_names ?? []).forEach((name, i) => {
    const id = resolveShapeName(index, name);
    if (!id) {
      throw new GeneratorError({ file, at: `ignore.shape_names[${i}]` }, `"${name}" names no shape in ${index.file}`, didYouMean(name, shapeNames(index)));
    }
    shapes.add(id);
  });
  (config.ignore?.field_paths ?? []).forEach((path, i) => {
    const at = { file, at: `ignore.field_paths[${i}]` };
    const [shapeName, ...segs] = path.split('.');
    let cur = shapeName ? resolveShapeName(index, shapeName) : undefined;
    if (!cur || segs.length === 0) {
      throw new GeneratorError(at, `"${path}" names no shape in ${index.file}`, didYouMean(shapeName ?? path, shapeNames(index)));
    }
    for (const [j, seg] of segs.entries()) {
      const shape = index.require(cur);
      const ms = shape.type === 'structure' || shape.type === 'union' ? shape.members : [];
      const m = ms.find((x) => x.name === seg) ?? ms.find((x) => x.name.toLowerCase() === seg.toLowerCase()); // ACK names Go members
      if (!m) {
        throw new GeneratorError(at, `"${seg}" is not a member of ${shape.name}`, didYouMean(seg, ms.map((x) => x.name)));
      }
      if (j === segs.length - 1) {
        members.add(memberKey(cur, m.name));
        break;
      }
      let next = index.require(m.target);
      while (next.type === 'list' || next.type === 'set' || next.type === 'map') {
        next = index.require(next.type === 'map' ? next.value.target : next.member.target);
      }
      cur = next.id;
    }
  });
  (config.ignore?.operations ?? []).forEach((op, i) => {
    if (index.get(`${index.namespace}#${op}`)?.type !== 'operation') {
      throw new GeneratorError({ file, at: `ignore.operations[${i}]` }, `"${op}" names no operation in ${index.file}`, didYouMean(op, index.operations().map((o) => o.name)));
    }
  });
  for (const op of Object.keys(config.operations ?? {})) {
    if (index.get(`${index.namespace}#${op}`)?.type !== 'operation') {
      throw new GeneratorError({ file, at: `operations.${op}` }, `"${op}" names no operation in ${index.file}`, didYouMean(op, index.operations().map((o) => o.name)));
    }
  }
  return { shapes, members };
}

function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const s = closestNames(name, candidates, 1)[0];
  return s ? `did you mean "${s}"?` : undefined;
}
