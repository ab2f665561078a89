import type {
  FieldSpec,
  FieldType,
  OperationBinding,
  ReadManyBinding,
  ReferenceBinding,
  ResourceDescriptor,
  ServiceDescriptor,
  ShapeTable,
  TaggingBinding,
  SubResourceBinding,
  CollectionBinding,
} from '../../runtime/descriptor';
import type { ShapeId } from '../smithy/types';
import { operationShapeUses } from './operation-shapes';
import type { Field, OperationRef, ReferenceField, Resource, ServiceModel, TaggingRef, TypeRef } from '../model/types';

/**
 * ServiceModel → the data the runtime needs (runtime/descriptor.ts). Pure; the
 * TypeScript emitter prints the result. Structures are keyed by their Smithy
 * name; a kind's spec and status are the virtual shapes `<Kind>.Spec` / `<Kind>.Status`.
 */

export interface SdkNames {
  readonly package: string; // @aws-sdk/client-sagemaker
  readonly client: string; // SageMakerClient
  readonly customEndpointConfig?: Readonly<Record<string, unknown>>;
}

const localName = (id: ShapeId) => id.slice(id.indexOf('#') + 1);
export const specShapeOf = (r: Resource) => `${r.kind}.Spec`;
export const statusShapeOf = (r: Resource) => `${r.kind}.Status`;

export function toServiceDescriptor(model: ServiceModel, sdk: SdkNames): ServiceDescriptor {
  const shapes: Record<string, readonly FieldSpec[]> = {};
  const pending: ShapeId[] = [];
  const seen = new Set<ShapeId>();
  const require = (id: ShapeId | undefined) => {
    if (id && !seen.has(id)) {
      seen.add(id);
      pending.push(id);
    }
  };
  const fieldType = (t: TypeRef): FieldType => {
    switch (t.kind) {
      case 'string': return 'string';
      case 'integer': case 'long': case 'bigInteger': return 'integer';
      case 'float': case 'double': case 'bigDecimal': return 'float';
      case 'boolean': case 'timestamp': case 'blob': case 'document': return t.kind;
      case 'list': return { list: fieldType(t.item) };
      case 'map': return { map: fieldType(t.value) };
      case 'struct': require(t.shape); return { struct: localName(t.shape) };
    }
  };
  const spec = (f: Field): FieldSpec => ({
    sdk: f.member,
    json: f.json,
    type: fieldType(f.type),
    ...(f.sensitive ? { sensitive: true as const } : {}),
    ...('jsonDocument' in f && f.jsonDocument ? { jsonDocument: true as const } : {}),
    ...('secret' in f && f.secret ? { secret: true as const } : {}),
  });

  // Operation shapes are emitted with only the members some kind uses (operation-shapes.ts).
  const opShapeIds = new Map<string, ShapeId>();
  const op = (o: OperationRef | undefined): OperationBinding | undefined => {
    if (!o) return undefined;
    for (const id of [o.input, o.output]) if (id) opShapeIds.set(localName(id), id);
    return {
      name: o.name,
      ...(o.input ? { input: localName(o.input) } : {}),
      ...(o.output ? { output: localName(o.output) } : {}),
      ...(o.outputWrapper ? { outputWrapper: o.outputWrapper } : {}),
      ...(o.overrideValues ? { overrideValues: o.overrideValues } : {}),
      ...(o.inputRenames && Object.keys(o.inputRenames).length > 0 ? { renames: o.inputRenames } : {}),
      ...(o.arnInput ? { arnInput: o.arnInput } : {}),
    };
  };

  const kinds = model.resources.map((r): ResourceDescriptor => {
    shapes[specShapeOf(r)] = r.spec.map(spec);
    shapes[statusShapeOf(r)] = r.status.map(spec);
    // ACK's order: ReadOne, else Get<R>Attributes, else ReadMany; Update, else Set<R>Attributes.
    const readOne = r.operations.readOne ?? r.operations.getAttributes;
    const update = r.operations.update ?? r.operations.setAttributes;
    const readMany = readOne ? undefined : op(r.operations.readMany);
    const many = r.readMany;
    return {
      kind: r.kind,
      plural: r.plural,
      specShape: specShapeOf(r),
      statusShape: statusShapeOf(r),
      primaryKey: r.primaryKey,
      ...(r.arnMember ? { arnMember: r.arnMember } : {}),
      operations: {
        create: { ...op(r.operations.create)!, ...(r.idempotencyToken ? { idempotencyToken: r.idempotencyToken } : {}) },
        ...(readOne ? { readOne: op(readOne)! } : {}),
        ...(readMany && many
          ? { readMany: { ...readMany, itemsMember: many.itemsMember, ...(many.filterMembers ? { filterMembers: many.filterMembers } : {}) } satisfies ReadManyBinding }
          : {}),
        ...(update ? { update: op(update)! } : {}),
        ...(r.operations.delete ? { delete: op(r.operations.delete)! } : {}),
      },
      notFound: r.notFound,
      terminalCodes: r.terminalCodes,
      immutable: r.immutable,
      lateInitialize: r.lateInitialize,
      compareIgnored: r.compareIgnored,
      ...(r.readIgnored.length > 0 ? { readIgnored: r.readIgnored } : {}),
      ...(r.createOnly.length > 0 ? { createOnly: r.createOnly } : {}),
      ...(r.customSynced?.length ? { customSynced: r.customSynced } : {}),
      ...(r.synced.length > 0 ? { synced: r.synced } : {}),
      ...(r.updateable ? { updateable: r.updateable } : {}),
      ...(r.deletable ? { deletable: r.deletable } : {}),
      ...(r.omitUnchangedFields ? { omitUnchangedFields: true as const } : {}),
      ...(r.requeueOnSuccessSeconds !== undefined ? { requeueOnSuccessSeconds: r.requeueOnSuccessSeconds } : {}),
      ...(r.tags ? { tags: r.tags.shape === 'map' ? { path: r.tags.field, shape: 'map' } : { path: r.tags.field, shape: 'list', keyName: r.tags.keyName, valueName: r.tags.valueName } } : {}),
      ...(r.tagging ? { tagging: taggingBinding(r.tagging, op) } : {}),
      ...(r.references.length > 0 ? { references: r.references.map(referenceBinding) } : {}),
      ...(r.attributes
        ? { attributes: { member: r.attributes.member, fields: r.attributes.fields, ...(r.attributes.singleAttribute ? { singleAttribute: true as const } : {}) } }
        : {}),
      ...(r.subResources.length > 0
        ? {
            subResources: r.subResources.map((s): SubResourceBinding => ({
              field: s.field,
              put: { ...op(s.put)!, member: s.putMember },
              ...(s.read ? { read: { ...op(s.read)!, ...(s.readMember ? { member: s.readMember } : {}), ...(s.readFields ? { fields: s.readFields } : {}) } } : {}),
              ...(s.delete ? { delete: op(s.delete)! } : {}),
              ...(s.unset ? { unset: s.unset } : {}),
              ...(s.unsetFromRead ? { unsetFromRead: s.unsetFromRead } : {}),
              ...(s.key ? { key: s.key } : {}),
              ...(s.tags ? { tags: s.tags } : {}),
              notFound: s.notFound,
            })),
          }
        : {}),
      ...(r.collections.length > 0
        ? {
            collections: r.collections.map((c): CollectionBinding => ({
              field: c.field,
              shape: c.shape,
              add: { ...op(c.add)!, member: c.keyMember, ...(c.valueMember ? { valueMember: c.valueMember } : {}) },
              remove: { ...op(c.remove)!, member: c.keyMember },
              list: {
                ...op(c.list)!,
                member: c.listMember,
                ...(c.listItemMember ? { itemMember: c.listItemMember } : {}),
                ...(c.pageToken ? { pageToken: c.pageToken } : {}),
                ...(c.listDocument ? { document: c.listDocument } : {}),
              },
              ...(c.omit && c.omit.length > 0 ? { omit: c.omit } : {}),
              ...(c.get && c.valueMember ? { get: { ...op(c.get)!, member: c.valueMember } } : {}),
              ...(c.document ? { document: true as const } : {}),
            })),
          }
        : {}),
    };
  });

  const used = new Map<string, Set<string>>();
  kinds.forEach((d, i) => {
    const r = model.resources[i]!;
    for (const [shape, members] of operationShapeUses(d, [...r.spec, ...r.status].map((f) => f.member))) {
      used.set(shape, new Set([...(used.get(shape) ?? []), ...members]));
    }
  });
  const { tagging, resources } = sharedTagging(kinds);

  // Structures the spec and status reach are whole; an operation shape keeps the members used,
  // unless a kept member's type reaches it too (then `require` makes it whole below).
  const drain = () => {
    while (pending.length > 0) {
      const id = pending.shift()!;
      shapes[localName(id)] = model.members(id).map(spec);
    }
  };
  drain();
  for (const [name, id] of opShapeIds) {
    if (seen.has(id)) continue;
    const keep = used.get(name) ?? new Set<string>();
    shapes[name] = model.members(id).filter((m) => keep.has(m.member)).map(spec);
  }
  drain();
  const sorted: Record<string, readonly FieldSpec[]> = {};
  for (const k of Object.keys(shapes).sort()) sorted[k] = shapes[k]!;
  const hookOperations = model.hookOperations;
  return { service: model.service, group: model.group, version: model.version, sdk, ...(tagging ? { tagging } : {}), ...(hookOperations.length > 0 ? { hookOperations } : {}), shapes: sorted as ShapeTable, resources };
}

/**
 * The tagging API two or more kinds with tags share moves to the service, declared once; a kind
 * keeps its own only where it differs, and says `tagging: null` where it has none.
 */
export function sharedTagging(kinds: readonly ResourceDescriptor[]): { tagging?: TaggingBinding; resources: ResourceDescriptor[] } {
  const counts = new Map<string, { binding: TaggingBinding; n: number }>();
  for (const k of kinds) {
    if (!k.tags || !k.tagging) continue;
    const key = JSON.stringify(k.tagging);
    const c = counts.get(key) ?? { binding: k.tagging, n: 0 };
    counts.set(key, { ...c, n: c.n + 1 });
  }
  let best: { key: string; binding: TaggingBinding; n: number } | undefined;
  for (const [key, c] of counts) if (c.n >= 2 && (!best || c.n > best.n)) best = { key, ...c };
  if (!best) return { resources: [...kinds] };
  const resources = kinds.map((k): ResourceDescriptor => {
    if (!k.tags) return k;
    const { tagging, ...rest } = k;
    if (!tagging) return { ...rest, tagging: null };
    return JSON.stringify(tagging) === best.key ? rest : k;
  });
  return { tagging: best.binding, resources };
}

function taggingBinding(t: TaggingRef, op: (o: OperationRef) => OperationBinding | undefined): TaggingBinding {
  return {
    tag: { ...op(t.tag)!, tagsMember: t.tag.member },
    untag: { ...op(t.untag)!, keysMember: t.untag.member },
    ...(t.list ? { list: { ...op(t.list)!, tagsMember: t.list.member, ...(t.list.pageToken ? { pageToken: t.list.pageToken } : {}) } } : {}),
  };
}

function referenceBinding(f: ReferenceField): ReferenceBinding {
  return {
    field: f.json,
    target: f.target,
    ...(f.at.length > 0 ? { at: f.at } : {}),
    ...(f.many ? { many: true as const } : {}),
    group: f.group,
    version: f.version,
    kind: f.kind,
    plural: f.plural,
    path: f.path,
    ...(f.skipResourceStateValidations ? { skipStateValidation: true as const } : {}),
  };
}
