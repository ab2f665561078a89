import { GeneratorError } from '../errors';
import type { FieldConfig, TagsConfig } from '../config/types';
import type { OperationShape, ShapeIndex } from '../smithy/types';
import { names } from '../names';
import { resolveShapeName } from './ignore';
import type { ShapeTypes } from './shape-types';
import type { ErrorMatcher, OperationRef, ReadField, ResourceField, SubResource, TypeRef } from './types';
import { wireErrorCode } from './error-codes';

/**
 * Sub-resources, from ACK's own config options: a spec field `from:` a Put/Update/Set operation that
 * is not the kind's create or update (S3 `Versioning: {from: {operation: PutBucketVersioning, …}}`)
 * is written by that operation; a `custom_field: {list_of: X}` whose items some Put operation takes
 * is a keyed list written item by item. How each is read and removed follows AWS's naming families
 * (Put<R> → Get<R> / Describe<R>, Delete<R>; a list → the List operation returning X), unless the
 * field's `sub_resource:` says otherwise.
 */

const WRITE_VERB = /^(Put|Update|Set)/;

export interface SubResourceInput {
  readonly spec: readonly ResourceField[];
  /** The kind's `tags:` config: a nested path (`Tagging.TagSet`) puts its tags in a part. */
  readonly tags?: TagsConfig;
  readonly fieldConfigs: Readonly<Record<string, FieldConfig>>;
  /** The kind's own operations (create, update, …): a field `from:` one of them is a plain field. */
  readonly ownOperations: ReadonlySet<string>;
  readonly index: ShapeIndex;
  readonly types: ShapeTypes;
  readonly opRef: (op: OperationShape) => OperationRef;
  readonly at: (path: string) => { file: string; at: string };
  /** Members the kind's own read reports (lower-cased): such a part needs no read of its own. */
  readonly readReports?: ReadonlySet<string>;
  /**
   * Spec fields (JSON) not taken from the kind's read (`set: ReadOne ignore`): a part among them has no
   * read at all and is judged against the spec last applied (a Lambda Function's code).
   */
  readonly readIgnored?: ReadonlySet<string>;
}

export function inferSubResources(r: SubResourceInput): SubResource[] {
  const out: SubResource[] = [];
  const ops = new Map(r.index.operations().map((o) => [o.name, o]));
  for (const [path, fc] of Object.entries(r.fieldConfigs).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path.includes('.') || fc.is_read_only) continue;
    const at = (k: string) => r.at(`fields.${path}.${k}`);
    const named = (name: string | undefined, k: string): OperationShape | undefined => {
      if (name === undefined) return undefined;
      const op = ops.get(name);
      if (!op) throw new GeneratorError(at(k), `names no operation "${name}"`);
      return op;
    };
    const json = names(path).camelLower;
    const field = r.spec.find((f) => f.json === json);
    const sc = fc.sub_resource;
    if (fc.from && !r.ownOperations.has(fc.from.operation) && WRITE_VERB.test(fc.from.operation)) {
      if (!field) continue;
      const put = named(fc.from.operation, 'from.operation')!;
      const noun = put.name.replace(WRITE_VERB, '');
      const last = fc.from.path.split('.').pop()!;
      // ACK's paths use Go casing (RetentionInDays for the model's retentionInDays); `.` is the whole input.
      const putMember = fc.from.path === '.' ? '.' : (put.input ? r.types.members(put.input).find((m) => m.member.toLowerCase() === last.toLowerCase())?.member : undefined) ?? last;
      const unread = r.readIgnored?.has(field.json) === true;
      const read = unread ? undefined : named(sc?.read, 'sub_resource.read') ?? ops.get(`Get${noun}`) ?? ops.get(`Describe${noun}`);
      if (!read && (unread || r.readReports?.has(field.member.toLowerCase()))) {
        // CloudWatch Logs' retention: PutRetentionPolicy writes what DescribeLogGroups reports.
        if (sc?.unset_from_read) throw new GeneratorError(at('sub_resource.unset_from_read'), 'the part has no read of its own to take members from', 'remove unset_from_read');
        const del = named(sc?.delete, 'sub_resource.delete') ?? ops.get(`Delete${noun}`);
        out.push(entry(field.json, put, putMember, undefined, undefined, del, undefined, sc, r));
        continue;
      }
      if (!read) {
        throw new GeneratorError(at('from'), `no Get${noun} or Describe${noun} reads what ${put.name} writes`, 'name the read operation in sub_resource.read');
      }
      const target = putMember === '.' ? put.input : put.input ? r.types.members(put.input).find((m) => m.member === putMember)?.type.shape : undefined;
      const readFields = sc?.read_fields ? resolveReadFields(sc.read_fields, field.type, read, r, (k) => at(`sub_resource.read_fields.${k}`)) : undefined;
      const readMember = readFields || !read.output ? undefined : r.types.members(read.output).find((m) => m.member === putMember || (target !== undefined && m.type.shape === target))?.member;
      const del = named(sc?.delete, 'sub_resource.delete') ?? ops.get(`Delete${noun}`);
      const part = entry(field.json, put, putMember, read, readMember, del, undefined, sc, r);
      const unsetFromRead = sc?.unset_from_read ? resolveUnsetFromRead(sc.unset_from_read, field.type, r, at('sub_resource.unset_from_read')) : undefined;
      out.push({ ...part, ...(readFields ? { readFields } : {}), ...(unsetFromRead ? { unsetFromRead } : {}) });
    } else if (fc.custom_field?.list_of && field) {
      const item = resolveShapeName(r.index, fc.custom_field.list_of) ?? `${r.index.namespace}#${fc.custom_field.list_of}`;
      const takes = (o: OperationShape) => (o.input ? r.types.members(o.input).find((m) => m.type.kind === 'struct' && m.type.shape === item) : undefined);
      const put = [...ops.values()].find((o) => WRITE_VERB.test(o.name) && takes(o));
      if (!put) continue; // a plain list field, written with the resource
      const putMember = takes(put)!.member;
      const itemMembers = new Set(r.types.members(item).map((m) => m.member));
      const key = r.types.members(put.input!).find((m) => m.member !== putMember && itemMembers.has(m.member) && m.type.kind === 'string')?.member;
      if (!key) throw new GeneratorError(at('custom_field'), `${put.name} takes no member naming one ${fc.custom_field.list_of}`);
      const listOf = (o: OperationShape) => (o.output ? r.types.members(o.output).find((m) => m.type.kind === 'list' && m.type.item.shape === item) : undefined);
      const read = named(sc?.read, 'sub_resource.read') ?? [...ops.values()].find((o) => /^(List|Get|Describe)/.test(o.name) && listOf(o));
      if (!read) throw new GeneratorError(at('custom_field'), `no operation lists ${fc.custom_field.list_of}`, 'name it in sub_resource.read');
      const readMember = listOf(read)?.member;
      const del = named(sc?.delete, 'sub_resource.delete') ?? ops.get(`Delete${put.name.replace(WRITE_VERB, '')}`);
      out.push(entry(field.json, put, putMember, read, readMember, del, key, sc, r));
    }
  }
  return withTags(out, r);
}

/**
 * `sub_resource.read_fields`: each member of the part (Go or SDK casing; `.` for a scalar part) and
 * the read output path reporting it, resolved to SDK names through the model, so a misspelt path is
 * an error here rather than a part that never reads back.
 */
export function resolveReadFields(
  configured: NonNullable<NonNullable<FieldConfig['sub_resource']>['read_fields']>,
  partType: TypeRef,
  read: OperationShape,
  r: Pick<SubResourceInput, 'types'>,
  at: (key: string) => { file: string; at: string },
): Record<string, ReadField> {
  const out: Record<string, ReadField> = {};
  const partMembers = partType.kind === 'struct' ? r.types.members(partType.shape) : [];
  for (const [name, rf] of Object.entries(configured).sort(([a], [b]) => (a < b ? -1 : 1))) {
    let member = name;
    if (name === '.') {
      if (partType.kind === 'struct') throw new GeneratorError(at(name), 'names the part itself, but the part is a structure', 'name its members instead');
    } else {
      const m = partMembers.find((x) => x.member.toLowerCase() === name.toLowerCase());
      if (!m) throw new GeneratorError(at(name), `the part has no member "${name}"`, partMembers.length ? `members: ${partMembers.map((x) => x.member).join(', ')}` : 'use "." for a part that is not a structure');
      member = m.member;
    }
    let shape = read.output;
    const path: string[] = [];
    for (const seg of rf.path.split('.')) {
      const m = shape ? r.types.members(shape).find((x) => x.member.toLowerCase() === seg.toLowerCase()) : undefined;
      if (!m) throw new GeneratorError(at(`${name}.path`), `${read.name}'s output has no member "${rf.path}" (at "${seg}")`);
      path.push(m.member);
      shape = m.type.kind === 'struct' ? m.type.shape : undefined;
    }
    out[member] = { path: path.join('.'), ...(rf.map ? { map: { ...rf.map } } : {}) };
  }
  return out;
}

/** `sub_resource.unset_from_read`: members of the part (any casing) → SDK names; a name the part lacks is an error. */
export function resolveUnsetFromRead(
  configured: readonly string[],
  partType: TypeRef,
  r: Pick<SubResourceInput, 'types'>,
  at: { file: string; at: string },
): string[] {
  const partMembers = partType.kind === 'struct' ? r.types.members(partType.shape) : [];
  if (!partMembers.length) throw new GeneratorError(at, 'the part is not a structure: there are no members to take from the read');
  return configured.map((name) => {
    const m = partMembers.find((x) => x.member.toLowerCase() === name.toLowerCase());
    if (!m) throw new GeneratorError(at, `the part has no member "${name}"`, `members: ${partMembers.map((x) => x.member).join(', ')}`);
    return m.member;
  });
}

/** ACK's `tags.path: Tagging.TagSet`: the part named by the first segment holds the tags in the list named by the second. */
function withTags(parts: SubResource[], r: SubResourceInput): SubResource[] {
  const path = r.tags?.ignore ? undefined : r.tags?.path;
  if (!path?.includes('.')) return parts;
  const [head, member, ...rest] = path.split('.');
  const at = r.at('tags.path');
  const part = parts.find((p) => p.field === names(head!).camelLower);
  const field = r.spec.find((f) => f.json === part?.field);
  const struct = field?.type.kind === 'struct' ? field.type.shape : undefined;
  const list = struct ? r.types.members(struct).find((m) => m.member.toLowerCase() === member!.toLowerCase()) : undefined;
  const item = list?.type.kind === 'list' && list.type.item.kind === 'struct' ? r.types.members(list.type.item.shape) : undefined;
  const find = (name: string) => item?.find((m) => m.member.toLowerCase() === name.toLowerCase())?.member;
  const key = find(r.tags?.key_name ?? 'Key');
  const value = find(r.tags?.value_name ?? 'Value');
  if (!part || !list || rest.length || !key || !value) {
    throw new GeneratorError(at, `"${path}" names no list of key/value structures in a sub-resource`, 'write <SubResourceField>.<ListMember>, e.g. Tagging.TagSet');
  }
  return parts.map((p) => (p === part ? { ...p, tags: { member: list.member, key, value } } : p));
}

function entry(
  field: string,
  put: OperationShape,
  putMember: string,
  read: OperationShape | undefined,
  readMember: string | undefined,
  del: OperationShape | undefined,
  key: string | undefined,
  sc: FieldConfig['sub_resource'],
  r: SubResourceInput,
): SubResource {
  return {
    field,
    put: r.opRef(put),
    putMember,
    ...(read ? { read: r.opRef(read) } : {}),
    ...(readMember ? { readMember } : {}),
    ...(del ? { delete: r.opRef(del) } : {}),
    ...(sc?.unset ? { unset: sc.unset } : {}),
    ...(key ? { key } : {}),
    notFound: read ? notFoundOf(read, sc?.not_found, r.index, put.name.replace(WRITE_VERB, '')) : [],
  };
}

function notFoundOf(read: OperationShape, configured: readonly string[] | undefined, index: ShapeIndex, noun: string): ErrorMatcher[] {
  const codes = new Set(configured ?? []);
  for (const e of read.errors) {
    const s = index.get(e);
    if (s?.traits.httpError === 404) codes.add(wireErrorCode(index, s));
    // JSON protocols without @httpError: the part's own not-found (ECR LifecyclePolicyNotFoundException).
    else if (s && s.name.startsWith(noun) && /NotFound/.test(s.name)) codes.add(wireErrorCode(index, s));
  }
  return [...codes].sort().map((code) => ({ code }));
}
