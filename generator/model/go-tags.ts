import { GeneratorError } from '../errors';
import type { GeneratorConfig } from '../config/types';
import type { ShapeId, ShapeIndex } from '../smithy/types';
import { lookup } from './config-lookup';
import { memberKey, type ShapeTypes } from './shape-types';
import { structMembers } from './fields';
import type { TypeRef } from './types';

/**
 * ACK's `go_tag` on a field path pins the JSON name of that member (`json:"uRI,omitempty"`), e.g. to
 * keep a name users already write. As in ACK it patches the member of the shared shape, so every use
 * of the shape gets it. Returns memberKey(shape, member) → JSON name.
 */
export function goTagJsonNames(index: ShapeIndex, types: ShapeTypes, config: GeneratorConfig, configFile: string): Map<string, string> {
  const out = new Map<string, string>();
  const creates = new Map(index.operations().filter((o) => o.name.startsWith('Create')).map((o) => [o.name.slice('Create'.length).toLowerCase(), o]));
  for (const [resource, rc] of Object.entries(config.resources ?? {})) {
    for (const [path, fc] of Object.entries(rc.fields ?? {})) {
      if (!fc.go_tag) continue;
      const at = { file: configFile, at: `resources.${resource}.fields.${path}.go_tag` };
      const json = /json:"([^,"]+)/.exec(fc.go_tag)?.[1];
      if (!json) throw new GeneratorError(at, `"${fc.go_tag}" has no json:"<name>" part`);
      const [top, ...rest] = path.split('.');
      if (!top || rest.length === 0) continue; // a top-level field's name comes from its member or rename
      const create = creates.get(resource.toLowerCase());
      const renames = lookup(rc.renames?.operations, create?.name ?? '')?.input_fields ?? {};
      const renamed = Object.entries(renames).find(([, to]) => to.toLowerCase() === top.toLowerCase())?.[0];
      const topConfig = lookup(rc.fields, top);
      let shape: ShapeId | undefined;
      if (topConfig?.from) shape = memberShape(index, types, topConfig.from.operation, topConfig.from.path);
      else if (topConfig?.custom_field) shape = `${index.namespace}#${topConfig.custom_field.list_of ?? topConfig.custom_field.map_of}`;
      else if (create?.input) shape = structOf(types, structMembers(index, create.input).find((m) => m.name.toLowerCase() === (renamed ?? top).toLowerCase())?.target);
      for (const [i, seg] of rest.entries()) {
        const m = shape ? structMembers(index, shape).find((x) => x.name.toLowerCase() === seg.toLowerCase()) : undefined;
        if (!shape || !m) throw new GeneratorError(at, `"${seg}" is not a member on the way along ${path}`);
        if (i === rest.length - 1) out.set(memberKey(shape, m.name), json);
        else shape = structOf(types, m.target);
      }
    }
  }
  return out;
}

function memberShape(index: ShapeIndex, types: ShapeTypes, operation: string, path: string): ShapeId | undefined {
  const op = index.operations().find((o) => o.name === operation);
  let shape: ShapeId | undefined = op?.input;
  for (const seg of path.split('.')) {
    const m = shape ? structMembers(index, shape).find((x) => x.name === seg) : undefined;
    shape = structOf(types, m?.target);
  }
  return shape;
}

/** The structure a member holds, through lists and maps. */
function structOf(types: ShapeTypes, target: ShapeId | undefined): ShapeId | undefined {
  if (!target) return undefined;
  let t: TypeRef = types.typeOf(target);
  while (t.kind === 'list' || t.kind === 'map') t = t.kind === 'list' ? t.item : t.value;
  return t.kind === 'struct' ? t.shape : target;
}
