import { GeneratorError } from '../errors';
import type { FieldConfig } from '../config/types';
import type { OperationShape, ShapeIndex } from '../smithy/types';
import { names } from '../names';
import type { ShapeTypes } from './shape-types';
import type { Collection, OperationRef, ResourceField } from './types';

/**
 * Collections (generator.yaml `collection:`, an ack-ts key): a `[]*string` or `map[string]*string`
 * field AWS keeps element by element. The config names the operations; which members carry the
 * element's name and value, and where the list operation puts the elements, come from the model:
 * the element's name is the remove input's one member that is not an identifier of the resource.
 */

export interface CollectionInput {
  readonly spec: readonly ResourceField[];
  readonly fieldConfigs: Readonly<Record<string, FieldConfig>>;
  readonly index: ShapeIndex;
  readonly types: ShapeTypes;
  readonly opRef: (op: OperationShape) => OperationRef;
  readonly at: (path: string) => { file: string; at: string };
  /** SDK member names of the kind's spec and status fields (identifiers in any operation input). */
  readonly identifiers: ReadonlySet<string>;
}

const TOKENS: ReadonlyArray<readonly [string, string]> = [['Marker', 'Marker'], ['NextToken', 'NextToken']];

export function inferCollections(r: CollectionInput): Collection[] {
  const out: Collection[] = [];
  const ops = new Map(r.index.operations().map((o) => [o.name, o]));
  for (const [path, fc] of Object.entries(r.fieldConfigs).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cc = fc.collection;
    if (!cc) continue;
    const at = (k: string) => r.at(`fields.${path}.collection.${k}`);
    const named = (k: 'add' | 'remove' | 'list' | 'get'): OperationShape => {
      const op = ops.get(cc[k]!);
      if (!op) throw new GeneratorError(at(k), `names no operation "${cc[k]}"`);
      return op;
    };
    const field = r.spec.find((f) => f.json === names(path).camelLower);
    if (!field) throw new GeneratorError(r.at(`fields.${path}`), 'collection: no spec field of this name', 'give it a type: []*string or map[string]*string');
    const t = field.type;
    const shape = t.kind === 'list' && t.item.kind === 'string' ? 'set' : t.kind === 'map' && t.value.kind === 'string' ? 'map' : undefined;
    if (!shape) throw new GeneratorError(r.at(`fields.${path}.type`), 'a collection is a list or map of strings', 'set type: []*string or map[string]*string');
    const add = named('add');
    const remove = named('remove');
    const list = named('list');
    const get = cc.get !== undefined ? named('get') : undefined;
    if (shape === 'map' && !get) throw new GeneratorError(at('get'), 'a map collection needs get: the operation reading one value');
    const addRef = r.opRef(add);
    const own = (op: OperationShape, ref: OperationRef) => {
      const renamed = new Set(Object.values(ref.inputRenames ?? {}));
      return (op.input ? r.types.members(op.input) : []).filter((m) => !renamed.has(m.member) && !r.identifiers.has(m.member));
    };
    const removeOwn = own(remove, r.opRef(remove));
    if (removeOwn.length !== 1) {
      throw new GeneratorError(at('remove'), `${remove.name} should take one member naming the element besides the resource's identifiers, found ${removeOwn.map((m) => m.member).join(', ') || 'none'}`);
    }
    const keyMember = removeOwn[0]!.member;
    const addOwn = own(add, addRef).filter((m) => m.member !== keyMember && m.required);
    if (!own(add, addRef).some((m) => m.member === keyMember)) throw new GeneratorError(at('add'), `${add.name} takes no ${keyMember}`);
    const valueMember = shape === 'map' ? addOwn[0]?.member : undefined;
    if (shape === 'map' && !valueMember) throw new GeneratorError(at('add'), `${add.name} takes no value besides ${keyMember}`);
    const listOut = list.output ? r.types.members(list.output) : [];
    const listed = listOut.find((m) => m.type.kind === 'list');
    if (!listed || listed.type.kind !== 'list') throw new GeneratorError(at('list'), `${list.name} returns no list`);
    const item = listed.type.item;
    const listItemMember = item.kind === 'struct' ? r.types.members(item.shape).find((m) => m.member === keyMember)?.member : undefined;
    if (item.kind === 'struct' && !listItemMember) throw new GeneratorError(at('list'), `${list.name}'s items have no ${keyMember}`);
    const listIn = new Set((list.input ? r.types.members(list.input) : []).map((m) => m.member));
    const outNames = new Set(listOut.map((m) => m.member));
    const token = TOKENS.find(([i, o]) => listIn.has(i) && outNames.has(o));
    if (get && !(get.output ? r.types.members(get.output) : []).some((m) => m.member === valueMember)) {
      throw new GeneratorError(at('get'), `${get.name} returns no ${valueMember}`);
    }
    out.push({
      field: field.json,
      shape,
      add: addRef,
      remove: r.opRef(remove),
      list: r.opRef(list),
      ...(get ? { get: r.opRef(get) } : {}),
      keyMember,
      ...(valueMember ? { valueMember } : {}),
      listMember: listed.member,
      ...(listItemMember ? { listItemMember } : {}),
      ...(token ? { pageToken: { input: token[0], output: token[1] } } : {}),
      document: fc.is_iam_policy === true || fc.is_document === true,
    });
  }
  return out;
}
