import { GeneratorError } from '../errors';
import type { GeneratorConfig } from '../config/types';
import type { ShapeId, ShapeIndex } from '../smithy/types';
import { lookup } from './config-lookup';
import { customField, structMembers } from './fields';
import type { ShapeTypes } from './shape-types';
import type { Field } from './types';

/**
 * ACK's custom nested fields: a dotted field path with `type:` naming no member of the structure it ends
 * in (Lambda's `Code.SHA256: {type: string}`) adds that member to the structure, as ACK injects it into the
 * shared type, so every use of the structure has it. The field is the user's (never sent: the SDK drops
 * members its model lacks). Returns structure → added members.
 */
export function customNestedFields(index: ShapeIndex, types: ShapeTypes, config: GeneratorConfig, configFile: string): Map<ShapeId, Field[]> {
  const out = new Map<ShapeId, Field[]>();
  const creates = new Map(index.operations().filter((o) => o.name.startsWith('Create')).map((o) => [o.name.slice('Create'.length).toLowerCase(), o]));
  for (const [resource, rc] of Object.entries(config.resources ?? {})) {
    for (const [path, fc] of Object.entries(rc.fields ?? {})) {
      const segs = path.split('.');
      if (!fc.type || segs.length < 2) continue;
      const at = { file: configFile, at: `resources.${resource}.fields.${path}` };
      const create = creates.get(resource.toLowerCase());
      const renames = lookup(rc.renames?.operations, create?.name ?? '')?.input_fields ?? {};
      const top = segs[0]!;
      const renamed = Object.entries(renames).find(([, to]) => to.toLowerCase() === top.toLowerCase())?.[0] ?? top;
      let shape = create?.input ? structOf(types, structMembers(index, create.input).find((m) => m.name.toLowerCase() === renamed.toLowerCase())?.target) : undefined;
      for (const seg of segs.slice(1, -1)) {
        const m = shape ? structMembers(index, shape).find((x) => x.name.toLowerCase() === seg.toLowerCase()) : undefined;
        shape = structOf(types, m?.target);
      }
      const last = segs[segs.length - 1]!;
      if (!shape) throw new GeneratorError(at, `"${segs.slice(0, -1).join('.')}" is no structure of ${resource}'s create input to add "${last}" to`);
      if (structMembers(index, shape).some((m) => m.name.toLowerCase() === last.toLowerCase())) continue; // a type override of a member
      const added = out.get(shape) ?? [];
      added.push(customField(last, fc.type, index, { ...at, at: `${at.at}.type` }));
      out.set(shape, added);
    }
  }
  return out;
}

/** The structure a member holds, through lists and maps. */
function structOf(types: ShapeTypes, target: ShapeId | undefined): ShapeId | undefined {
  if (!target) return undefined;
  let t = types.typeOf(target);
  while (t.kind === 'list' || t.kind === 'map') t = t.kind === 'list' ? t.item : t.value;
  return t.kind === 'struct' ? t.shape : undefined;
}
