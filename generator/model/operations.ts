import type { OperationShape } from '../smithy/types';
import { isPlural, singularize } from './inflect';

/** ACK's operation types, as far as CRDs use them. */
export type AckOpType =
  | 'create'
  | 'createBatch'
  | 'replace'
  | 'update'
  | 'delete'
  | 'readOne'
  | 'readMany'
  | 'getAttributes'
  | 'setAttributes'
  | 'unknown';

export interface OpClassification {
  readonly type: AckOpType;
  readonly resource: string;
}

/** Values accepted by generator.yaml `operations.<Op>.operation_type`, mapped to ours. */
const CONFIG_OP_TYPES: Readonly<Record<string, AckOpType>> = {
  create: 'create',
  createbatch: 'createBatch',
  replace: 'replace',
  update: 'update',
  delete: 'delete',
  get: 'readOne',
  readone: 'readOne',
  read_one: 'readOne',
  list: 'readMany',
  readmany: 'readMany',
  read_many: 'readMany',
  getattributes: 'getAttributes',
  get_attributes: 'getAttributes',
  setattributes: 'setAttributes',
  set_attributes: 'setAttributes',
};

export function opTypeFromConfig(value: string): AckOpType | undefined {
  return CONFIG_OP_TYPES[value.toLowerCase()];
}

/**
 * ACK's verb rules (code-generator op.go): the operation name's prefix gives the
 * operation type and the resource it acts on. `inConfig` tells whether a resource
 * name is a key of the generator config's `resources:` (case-insensitive), which
 * keeps plural names from being read as batch or list operations.
 */
export function classifyOperation(opName: string, inConfig: (resource: string) => boolean): OpClassification {
  const rest = (prefix: string) => opName.slice(prefix.length);
  const pluralToSingular = (r: string) => (isPlural(r) && !inConfig(r) ? singularize(r) : r);

  if (opName.startsWith('CreateOrUpdate')) return { type: 'replace', resource: rest('CreateOrUpdate') };
  if (opName.startsWith('BatchCreate')) return { type: 'createBatch', resource: pluralToSingular(rest('BatchCreate')) };
  if (opName.startsWith('CreateBatch')) return { type: 'createBatch', resource: pluralToSingular(rest('CreateBatch')) };
  if (opName.startsWith('Create')) {
    const r = rest('Create');
    if (isPlural(r) && !inConfig(r)) return { type: 'createBatch', resource: singularize(r) };
    return { type: 'create', resource: r };
  }
  if (opName.startsWith('Modify')) return { type: 'update', resource: rest('Modify') };
  if (opName.startsWith('Update')) return { type: 'update', resource: rest('Update') };
  if (opName.startsWith('Delete')) return { type: 'delete', resource: rest('Delete') };
  if (opName.startsWith('Describe')) {
    const r = rest('Describe');
    if (isPlural(r) && !inConfig(r)) return { type: 'readMany', resource: singularize(r) };
    return { type: 'readOne', resource: r };
  }
  if (opName.startsWith('Get') && opName.endsWith('Attributes') && opName.length > 'GetAttributes'.length) {
    return { type: 'getAttributes', resource: opName.slice(3, -'Attributes'.length) };
  }
  if (opName.startsWith('Get')) {
    const r = rest('Get');
    if (isPlural(r) && !inConfig(r)) return { type: 'readMany', resource: singularize(r) };
    return { type: 'readOne', resource: r };
  }
  if (opName.startsWith('List')) return { type: 'readMany', resource: pluralToSingular(rest('List')) };
  if (opName.startsWith('Set') && opName.endsWith('Attributes') && opName.length > 'SetAttributes'.length) {
    return { type: 'setAttributes', resource: opName.slice(3, -'Attributes'.length) };
  }
  return { type: 'unknown', resource: opName };
}

/** (operation type → resource → operation), built like ACK's GetOperationMap. */
export type OperationMap = ReadonlyMap<AckOpType, ReadonlyMap<string, OperationShape>>;

export interface OperationOverride {
  readonly types: readonly AckOpType[];
  readonly resources: readonly string[];
}

/**
 * Later operations overwrite earlier ones for the same (type, resource) in name
 * order, so ListX beats DescribeXs and UpdateX beats ModifyX; config overrides
 * always win.
 */
export function buildOperationMap(
  operations: readonly OperationShape[],
  inConfig: (resource: string) => boolean,
  overrides: ReadonlyMap<string, OperationOverride>,
): OperationMap {
  const map = new Map<AckOpType, Map<string, OperationShape>>();
  const put = (type: AckOpType, resource: string, op: OperationShape) => {
    let byResource = map.get(type);
    if (!byResource) map.set(type, (byResource = new Map()));
    byResource.set(resource, op);
  };
  const sorted = [...operations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const op of sorted) {
    if (overrides.has(op.name)) continue;
    const c = classifyOperation(op.name, inConfig);
    put(c.type, c.resource, op);
  }
  for (const op of sorted) {
    const o = overrides.get(op.name);
    if (!o) continue;
    for (const type of o.types) for (const resource of o.resources) put(type, resource, op);
  }
  return map;
}
