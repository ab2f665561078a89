import { GeneratorError } from '../errors';
import type { FieldConfig } from '../config/types';
import type { DocumentMember } from '../../runtime/descriptor';
import type { OperationShape, ShapeId, ShapeIndex } from '../smithy/types';
import { names } from '../names';
import { structMembers } from './fields';
import type { ShapeTypes } from './shape-types';
import type { Collection, OperationRef, ResourceField } from './types';

/**
 * Collections (generator.yaml `collection:`, an ack-ts key): a `[]*string` or `map[string]*string`
 * field AWS keeps element by element. The config names the operations; which members carry the
 * element's name and value, and where the list operation puts the elements, come from the model:
 * the element's name is the remove input's one member that is not an identifier of the resource.
 * A `string` field is a collection of at most one element (an instance profile's role).
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
    const element = t.kind === 'list' && t.item.kind === 'struct' ? t.item.shape : undefined;
    const shape = t.kind === 'list' && t.item.kind === 'string' ? 'set' : t.kind === 'map' && t.value.kind === 'string' ? 'map' : t.kind === 'string' ? 'one' : element ? 'objects' : undefined;
    if (!shape) {
      throw new GeneratorError(r.at(`fields.${path}.type`), 'a collection is a string, a list or map of strings, or a list of structures', 'set type: string, []*string or map[string]*string');
    }
    const add = named('add');
    const remove = named('remove');
    const list = named('list');
    const get = cc.get !== undefined ? named('get') : undefined;
    if (shape === 'map' && !get) throw new GeneratorError(at('get'), 'a map collection needs get: the operation reading one value');
    const addRef = r.opRef(add);
    const omit = new Set(cc.omit ?? []);
    const own = (op: OperationShape, ref: OperationRef) => {
      const renamed = new Set(Object.values(ref.inputRenames ?? {}));
      return (op.input ? r.types.members(op.input) : []).filter((m) => !renamed.has(m.member) && !r.identifiers.has(m.member) && !omit.has(m.member));
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
    if (element) {
      const es = r.index.require(element);
      if (es.type !== 'structure' || !es.members.some((m) => m.name === keyMember)) throw new GeneratorError(r.at(`fields.${path}`), `the collection's elements have no ${keyMember}`);
      if (get) throw new GeneratorError(at('get'), 'a list of structures is compared by name only: it takes no get');
    }
    const listRef = r.opRef(list);
    const doc = cc.list_document;
    if (doc) {
      const m = list.output ? structMembers(r.index, list.output).find((x) => x.name === doc.member) : undefined;
      if (!m || r.index.require(m.target).type !== 'string') throw new GeneratorError(at('list_document.member'), `${list.name} returns no string ${doc.member}`);
    }
    const compare = doc?.compare ? comparedMembers(r, doc.compare, element, keyMember, omit, (k) => at(`list_document.compare${k ? `.${k}` : ''}`)) : undefined;
    const listed = doc ? { member: doc.member, item: undefined } : listedMember(r, list, listRef.outputWrapper, field.member, keyMember, at('list'));
    const item = listed.item ? r.index.require(listed.item) : undefined;
    const listItemMember = item?.type === 'structure' ? item.members.find((m) => m.name === keyMember)?.name : undefined;
    if (item?.type === 'structure' && !listItemMember) throw new GeneratorError(at('list'), `${list.name}'s items have no ${keyMember}`);
    const listIn = new Set((list.input ? r.types.members(list.input) : []).map((m) => m.member));
    const outNames = new Set(list.output ? structMembers(r.index, list.output).map((m) => m.name) : []);
    const token = TOKENS.find(([i, o]) => listIn.has(i) && outNames.has(o));
    if (get && !(get.output ? r.types.members(get.output) : []).some((m) => m.member === valueMember)) {
      throw new GeneratorError(at('get'), `${get.name} returns no ${valueMember}`);
    }
    out.push({
      field: field.json,
      shape,
      add: addRef,
      remove: r.opRef(remove),
      list: listRef,
      ...(get ? { get: r.opRef(get) } : {}),
      keyMember,
      ...(valueMember ? { valueMember } : {}),
      listMember: listed.member,
      ...(listItemMember ? { listItemMember } : {}),
      ...(token ? { pageToken: { input: token[0], output: token[1] } } : {}),
      document: fc.is_iam_policy === true || fc.is_document === true,
      ...(doc ? { listDocument: { items: doc.items, key: doc.key, ...(compare ? { compare } : {}) } } : {}),
      ...(omit.size > 0 ? { omit: [...omit] } : {}),
    });
  }
  return out;
}

/**
 * `list_document.compare`: element members (SDK names, of the element's structure) → where a document
 * entry keeps them, keyed by their JSON names as the spec holds them. The key is compared by name already,
 * and an omitted member is never sent, so neither can be compared.
 */
function comparedMembers(
  r: CollectionInput,
  compare: Readonly<Record<string, DocumentMember>>,
  element: ShapeId | undefined,
  keyMember: string,
  omit: ReadonlySet<string>,
  at: (k?: string) => { file: string; at: string },
): Record<string, DocumentMember> {
  if (!element) throw new GeneratorError(at(), 'only a list of structures compares members', 'drop compare: a set or map compares its names (and values)');
  const members = r.types.members(element);
  const out: Record<string, DocumentMember> = {};
  for (const [name, m] of Object.entries(compare)) {
    const f = members.find((x) => x.member === name);
    if (!f) throw new GeneratorError(at(name), `the collection's elements have no ${name}`, `members: ${members.map((x) => x.member).join(', ')}`);
    if (name === keyMember || omit.has(name)) throw new GeneratorError(at(name), `${name} is ${name === keyMember ? 'the key, compared by name' : 'omitted from the calls'}: it cannot be compared`);
    if (!m.path || m.path.split('.').some((seg) => seg === '')) throw new GeneratorError(at(`${name}.path`), `"${m.path}" is not a dotted path into the document's entry`);
    out[f.json] = { path: m.path, ...(m.as ? { as: m.as } : {}) };
  }
  return out;
}

/**
 * The list operation's member holding the elements, under its output wrapper (GetInstanceProfile's
 * InstanceProfile.Roles): the only list of names (or of structures carrying the element's name) there, or the one the field is named for (GetOpenIDConnectProvider
 * reports ClientIDList and ThumbprintList). Read from the model itself, so a member generator.yaml
 * keeps out of the CRD (ACK's InstanceProfile has no status.roles) can still be listed.
 */
function listedMember(r: CollectionInput, list: OperationShape, wrapper: string | undefined, fieldMember: string, keyMember: string, at: { file: string; at: string }) {
  let cur = list.output;
  for (const seg of wrapper ? wrapper.split('.') : []) cur = cur ? structMembers(r.index, cur).find((m) => m.name === seg)?.target : undefined;
  const lists = (cur ? structMembers(r.index, cur) : []).flatMap((m) => {
    const s = r.index.require(m.target);
    if (s.type !== 'list' && s.type !== 'set') return [];
    const item = r.index.require(s.member.target);
    // Names, or structures carrying the element's name (a Role has a RoleName; a Tag does not).
    const holdsNames = item.type === 'string' || (item.type === 'structure' && item.members.some((x) => x.name === keyMember));
    return holdsNames ? [{ member: wrapper ? `${wrapper}.${m.name}` : m.name, name: m.name, item: s.member.target }] : [];
  });
  const chosen = lists.length === 1 ? lists[0] : lists.find((l) => l.name === fieldMember);
  if (!chosen) {
    throw new GeneratorError(at, lists.length === 0 ? `${list.name} returns no list` : `${list.name} returns several lists (${lists.map((l) => l.name).join(', ')}) and none is named ${fieldMember}`);
  }
  return chosen;
}
