import { GeneratorError } from '../errors';
import type { OperationShape, ShapeIndex } from '../smithy/types';
import type { FieldConfig, GeneratorConfig, OperationConfig, ResourceConfig } from '../config/types';
import { apiGroup, names, pluralOf } from '../names';
import { buildOperationMap, opTypeFromConfig, type AckOpType, type OperationOverride } from './operations';
import { createShapeTypes, type ShapeTypes } from './shape-types';
import { resolveIgnoreRules, resolveShapeName } from './ignore';
import { htmlToText } from './docs';
import { inferReferences } from './references';
import { asList, lookup } from './config-lookup';
import { customField, customShapeField, fieldFrom, jsonPathOf, structMembers, toResourceField, unwrapOutput, wrapped } from './fields';
import { tagsOf } from './tags';
import { createOnlyPaths } from './update-coverage';
import { attributeFields, ATTRIBUTES_MEMBER, getAttributesOverrides, usesAttributeMap } from './attributes';
import { inferTagging } from './tagging';
import { inferCollections } from './collections';
import { inferSubResources } from './sub-resources';
import { goTagJsonNames } from './go-tags';
import { customNestedFields } from './custom-nested';
import { guardOf, notFoundOf, primaryKeyOf, printerColumnsOf, readManyOf, syncedOf } from './rules';
import type {
  Field,
  OperationRef,
  OpType,
  Resource,
  ResourceField,
  ServiceModel,
  SkippedResource,
} from './types';

export interface ModelInput {
  readonly service: string;
  readonly index: ShapeIndex;
  readonly config: GeneratorConfig;
  /** The generator.yaml path, for error messages (or a note that there is none). */
  readonly configFile: string;
  readonly version?: string;
}

function iamPrefix(index: ShapeIndex, service: string): string {
  const sigv4 = index.service.traits.raw['aws.auth#sigv4'] as { name?: unknown } | undefined;
  if (typeof sigv4?.name === 'string' && sigv4.name) return sigv4.name;
  return index.service.traits.arnNamespace ?? service;
}

function iamActionNames(index: ShapeIndex, config: GeneratorConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const op of index.operations()) {
    const trait = op.traits.raw['aws.iam#iamAction'] as { name?: unknown } | undefined;
    const name = lookup(config.operations, op.name)?.iam_action ?? (typeof trait?.name === 'string' ? trait.name : undefined);
    if (name && name !== op.name) out.set(op.name, name);
  }
  return out;
}

/** Smithy index + generator.yaml → the resource model of one service. Pure. */
export function inferServiceModel(input: ModelInput): ServiceModel {
  const { index, config, configFile } = input;
  const configured = new Set(Object.keys(config.resources ?? {}).map((k) => k.toLowerCase()));
  const inConfig = (r: string) => configured.has(r.toLowerCase());

  const overrides = new Map<string, OperationOverride>();
  for (const [op, oc] of Object.entries(config.operations ?? {})) {
    if (oc.operation_type === undefined || oc.resource_name === undefined) continue;
    const types = asList(oc.operation_type).map((t) => {
      const type = opTypeFromConfig(t);
      if (!type) {
        throw new GeneratorError({ file: configFile, at: `operations.${op}.operation_type` }, `unknown operation type "${t}"`);
      }
      return type;
    });
    overrides.set(op, { types, resources: asList(oc.resource_name) });
  }

  const opMap = buildOperationMap(index.operations(), inConfig, overrides);
  const ignoredOps = new Set(config.ignore?.operations ?? []);
  const ignoredResources = new Set(config.ignore?.resource_names ?? []);
  const ignore = resolveIgnoreRules(index, config, configFile);
  const bare = createShapeTypes(index, ignore);
  const shapeTypes = createShapeTypes(index, ignore, goTagJsonNames(index, bare, config, configFile), customNestedFields(index, bare, config, configFile));
  const group = apiGroup(input.service, config.controller_name);
  const alias = group.split('.')[0]!;

  const byName = new Map(index.operations().map((op) => [op.name, op]));
  const operation = (n: string) => (ignoredOps.has(n) ? undefined : byName.get(n));
  const resources: Resource[] = [];
  const skipped: SkippedResource[] = [];
  const creates = [...(opMap.get('create')?.keys() ?? [])].sort();
  for (const name of creates) {
    if (ignoredResources.has(name)) {
      skipped.push({ name, reason: 'ignored by ignore.resource_names' });
      continue;
    }
    const pick = (t: AckOpType): OperationShape | undefined => {
      const op = opMap.get(t)?.get(name);
      return op && !ignoredOps.has(op.name) ? op : undefined;
    };
    const create = pick('create')!;
    const found = {
      readOne: pick('readOne'),
      readMany: pick('readMany'),
      getAttributes: pick('getAttributes'),
      update: pick('update'),
      setAttributes: pick('setAttributes'),
      delete: pick('delete'),
    };
    const rc = lookup(config.resources, name) ?? {};
    const resource = inferResource({ name, rc, create, ...found, index, shapeTypes, config, configFile, alias, group, operation });
    const { readOne, getAttributes, readMany } = resource.operations;
    if (!readOne && !getAttributes && !readMany) {
      skipped.push({ name, reason: noReadReason(name, found.readMany) });
      continue;
    }
    resources.push(resource);
  }
  for (const key of Object.keys(config.resources ?? {})) {
    if (!creates.some((c) => c.toLowerCase() === key.toLowerCase()) && !ignoredResources.has(key)) {
      throw new GeneratorError(
        { file: configFile, at: `resources.${key}` },
        `names no resource: no Create operation yields "${key}"`,
        `resources are ${creates.slice(0, 8).join(', ')}${creates.length > 8 ? ', …' : ''}`,
      );
    }
  }

  return {
    service: input.service,
    group,
    version: input.version ?? 'v1alpha1',
    iamPrefix: iamPrefix(index, input.service),
    iamActions: iamActionNames(index, config),
    hookOperations: Object.entries(config.operations ?? {}).filter(([, o]) => o.called_by_hooks === true).map(([op]) => op).sort(),
    alsoNeeds: new Map(Object.entries(config.operations ?? {}).flatMap(([op, o]) => (o.also_needs?.length ? [[op, [...o.also_needs]] as const] : []))),
    resources,
    skipped,
    members: shapeTypes.schemaMembers,
  };
}

/** Without a read, a controller can neither see drift nor know a Create already happened. */
function noReadReason(name: string, readMany: OperationShape | undefined): string {
  const families = `Get${name}, Describe${name}, Get${name}Attributes, or a Describe/List of ${name} items filtered by its identifier`;
  return readMany
    ? `no read operation: ${readMany.name} returns no list of ${name} structures to pick it from (tried ${families})`
    : `no read operation (tried ${families})`;
}

interface ResourceInput {
  name: string;
  rc: ResourceConfig;
  create: OperationShape;
  readOne?: OperationShape;
  readMany?: OperationShape;
  getAttributes?: OperationShape;
  update?: OperationShape;
  setAttributes?: OperationShape;
  delete?: OperationShape;
  index: ShapeIndex;
  shapeTypes: ShapeTypes;
  config: GeneratorConfig;
  configFile: string;
  alias: string;
  group: string;
  operation: (name: string) => OperationShape | undefined;
}

function inferResource(r: ResourceInput): Resource {
  const { name, rc, index, shapeTypes, config, configFile } = r;
  const kind = names(name).camel;
  const at = (path: string) => ({ file: configFile, at: `resources.${name}.${path}` });
  const fieldConfigs = rc.fields ?? {};
  const fieldConfig = (member: string): FieldConfig | undefined => lookup(fieldConfigs, member);
  const opConfig = (op: OperationShape) => lookup(config.operations, op.name);

  // Spec: the Create input's members (or those of its input_wrapper_field_path struct).
  const inputRenames = lookup(rc.renames?.operations, r.create.name)?.input_fields ?? {};
  const outputRenames = lookup(rc.renames?.operations, r.create.name)?.output_fields ?? {};
  const specSource = wrapped(index, shapeTypes, r.create.input, opConfig(r.create)?.input_wrapper_field_path);
  const ignoreToken = rc.ignore_idempotency_token === true;
  const attributeMap = usesAttributeMap(rc);
  const spec: ResourceField[] = [];
  const keptIn = new Set(specSource ? shapeTypes.members(specSource).map((f) => f.member) : []);
  for (const m of specSource ? structMembers(index, specSource) : []) {
    if (ignoreToken && m.traits.idempotencyToken) continue;
    if (!keptIn.has(m.name)) continue; // removed by ignore rules
    if (attributeMap && m.name === ATTRIBUTES_MEMBER) continue; // unpacked below
    const renamed = lookup(inputRenames, m.name);
    const fc = (renamed ? fieldConfig(renamed) : undefined) ?? fieldConfig(m.name);
    if (fc?.is_read_only) continue;
    spec.push(toResourceField(shapeTypes.field(m, specSource!, lookup(inputRenames, m.name)), fc));
  }

  // ARN: the field marked is_arn, else Arn / <Resource>Arn in the Create output.
  const outputSource = unwrapOutput(index, shapeTypes, r.create.output, opConfig(r.create)?.output_wrapper_field_path);
  const outputMembers = outputSource ? structMembers(index, outputSource) : [];
  const arnFromConfig = Object.entries(fieldConfigs).find(([, fc]) => fc.is_arn)?.[0];
  let arnMember =
    arnFromConfig ??
    outputMembers.find((m) => ['arn', `${name.toLowerCase()}arn`].includes(m.name.toLowerCase()))?.name;

  // Status: the Create output minus spec fields and the ARN, plus read-only `from:` fields.
  const specJson = new Set(spec.map((f) => f.json));
  let status: ResourceField[] = [];
  const keptOut = new Set(outputSource ? shapeTypes.members(outputSource).map((f) => f.member) : []);
  for (const m of outputMembers) {
    if (m.name === arnMember || !keptOut.has(m.name)) continue;
    if (attributeMap && m.name === ATTRIBUTES_MEMBER) continue;
    const f = shapeTypes.field(m, outputSource!, lookup(outputRenames, m.name));
    if (specJson.has(f.json) || spec.some((x) => x.member === m.name)) continue; // ACK: HasMember
    status.push(toResourceField(f, fieldConfig(m.name)));
  }

  if (attributeMap) {
    const hasMap = [r.create, r.getAttributes].some((op) => op?.output && structMembers(index, op.output).some((m) => m.name === ATTRIBUTES_MEMBER))
      || (r.create.input !== undefined && structMembers(index, r.create.input).some((m) => m.name === ATTRIBUTES_MEMBER));
    if (!hasMap) {
      throw new GeneratorError(at('unpack_attributes_map'), `${name} has no ${ATTRIBUTES_MEMBER} map in ${r.create.name} or a Get${name}Attributes operation`, 'attribute maps are for SNS/SQS-style kinds; remove is_attribute / unpack_attributes_map');
    }
  }
  const attributes = attributeMap ? attributeFields({ rc, spec, status, at }) : undefined;
  if (attributes) {
    spec.splice(0, spec.length, ...attributes.spec);
    status = attributes.status;
  }
  for (const [path, fc] of Object.entries(fieldConfigs).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path.includes('.') || fc.is_attribute) continue;
    const target = fc.is_read_only ? status : spec;
    const named = (f: Field) => f.member.toLowerCase() === path.toLowerCase() || f.json === names(path).camelLower;
    // A field made here (from:, type:, custom_field:) is new unless one of that name exists.
    const existing = (fc.from || fc.type || fc.custom_field ? [...spec, ...status].filter((f) => f.json === names(path).camelLower) : [...spec, ...status].filter(named))[0];
    if (fc.from) {
      if (existing) continue;
      // Required only where the create requires it: another operation's @required is not the create's.
      const f = fieldFrom(index, shapeTypes, fc.from, at(`fields.${path}.from`), path);
      target.push(toResourceField({ ...f, required: false }, fc));
    } else if (fc.custom_field) {
      if (existing) continue;
      target.push(toResourceField(customShapeField(path, fc.custom_field, index, shapeTypes, at(`fields.${path}.custom_field`)), fc));
    } else if (fc.type) {
      if (existing) continue;
      target.push(toResourceField(customField(path, fc.type, index, at(`fields.${path}.type`)), fc));
    } else if (!existing && !fc.is_arn && !fc.is_owner_account_id) {
      throw new GeneratorError(
        at(`fields.${path}`),
        `names no field of ${name}`,
        `fields are ${[...spec, ...status].map((f) => f.member).slice(0, 10).join(', ')}…; add "from:" to pull it from another operation`,
      );
    }
  }
  // is_arn on a field read from another operation (CloudWatch Logs' logGroupArn): the ARN is that member.
  const arnField = arnFromConfig ? status.find((f) => f.member.toLowerCase() === arnFromConfig.toLowerCase() || f.json === names(arnFromConfig).camelLower) : undefined;
  if (arnField) arnMember = arnField.member;
  spec.sort(byJson);
  status.sort(byJson);
  const refs = inferReferences({ spec, status, fieldConfigs, group: r.group, types: shapeTypes, at });

  // Field flags resolve to JSON paths under spec (top-level or nested); status fields take none.
  const flagged = (flag: (fc: FieldConfig) => boolean) =>
    Object.entries(fieldConfigs)
      .filter(([p, fc]) => flag(fc) && (p.includes('.') || spec.some((f) => f.member.toLowerCase() === p.toLowerCase() || f.json === names(p).camelLower)))
      .map(([p]) => jsonPathOf(p, spec, shapeTypes, at(`fields.${p}`)));

  const primaryKey = primaryKeyOf(name, spec, status, fieldConfigs, rc);
  // ACK's renames name Go members (first letter upper) and the renamed field: resolve both to what
  // the runtime keys inputs by, the operation's member and the field's SDK member.
  const renamesFor = (op: OperationShape): Record<string, string> | undefined => {
    const configured = lookup(rc.renames?.operations, op.name)?.input_fields;
    if (!configured) return undefined;
    const members = op.input ? structMembers(index, op.input).map((m) => m.name) : [];
    const fields = [...spec, ...status];
    // A rename naming no member of this operation (ACK's DescribeRepositories RepositoryName) has no effect.
    return Object.fromEntries(
      Object.entries(configured).flatMap(([m, f]) => {
        const member = members.find((x) => x.toLowerCase() === m.toLowerCase());
        return member ? [[member, fields.find((x) => x.json === names(f).camelLower)?.member ?? f]] : [];
      }),
    );
  };
  // ACK unwraps an output whose only member is a structure (KMS {KeyMetadata}, ECR {repository}).
  const soleStruct = (op: OperationShape): string | undefined => {
    const ms = op.output ? structMembers(index, op.output) : [];
    return ms.length === 1 && shapeTypes.typeOf(ms[0]!.target, op.output).kind === 'struct' ? ms[0]!.name : undefined;
  };
  const ref = (op: OperationShape) => {
    const o = opRef(op, opConfig(op), renamesFor(op));
    const sole = o.outputWrapper === undefined && (op === r.create || op === r.readOne || op === r.update) ? soleStruct(op) : undefined;
    return sole ? { ...o, outputWrapper: sole } : o;
  };
  // ARN-keyed kinds (is_arn_primary_key): an operation on the existing resource whose input has no
  // ARN member takes the ARN in its name member (ACK: DescribeModelPackage's ModelPackageName is set
  // from status.ackResourceMetadata.arn, else from the spec's name). A versioned ModelPackage has no name.
  const byArn = (op: OperationShape): OperationRef => {
    const o = ref(op);
    if (!rc.is_arn_primary_key || !arnMember || !op.input) return o;
    const members = structMembers(index, op.input).map((m) => m.name);
    if (members.includes(arnMember)) return o;
    const nameMember = members.find((m) => m.toLowerCase() === `${name}name`.toLowerCase());
    return nameMember ? { ...o, inputRenames: { ...(o.inputRenames ?? {}), [arnMember]: nameMember } } : o;
  };
  const ops: Partial<Record<OpType, OperationRef>> & { create: OperationRef } = { create: ref(r.create) };
  // is_arn naming a member only the read reports (CloudWatch Logs' logGroupArn), in ACK's Go casing.
  if (arnMember && !arnField) arnMember = readMemberNamed(index, shapeTypes, r.readOne, r.readMany, arnMember) ?? arnMember;
  const many = readManyOf(r.readMany, shapeTypes, [...spec, ...status], primaryKey, arnMember);
  if (r.readOne) ops.readOne = byArn(r.readOne);
  if (r.readMany && many.readMany) ops.readMany = ref(r.readMany);
  if (r.getAttributes) ops.getAttributes = allAttributes(withOverrides(byArn(r.getAttributes), getAttributesOverrides(rc)), shapeTypes);
  if (r.update) ops.update = byArn(r.update);
  if (r.setAttributes) ops.setAttributes = byArn(r.setAttributes);
  if (r.delete) ops.delete = byArn(r.delete);

  const tags = tagsOf(spec, rc.tags, shapeTypes, at);
  const immutable = sortedUnique([
    ...primaryKey.filter((p) => p.startsWith('spec.')).map((p) => p.slice('spec.'.length)),
    ...flagged((fc) => fc.is_immutable === true),
  ]);
  const compareIgnored = sortedUnique(flagged((fc) => fc.compare?.is_ignored === true));
  const readIgnored = sortedUnique(flagged((fc) => (fc.set ?? []).some((x) => x.method === 'ReadOne' && (x.ignore === true || x.ignore === 'all'))));
  const idempotencyToken = r.create.input
    ? structMembers(index, r.create.input).find((m) => m.traits.idempotencyToken)?.name
    : undefined;
  const tagsField = tags ? spec.find((f) => f.json === tags.field) : undefined;
  const readOutput = r.readOne?.output;
  const tagging = tagsField
    ? inferTagging({
        resource: name,
        index,
        operation: r.operation,
        fields: [...spec, ...status],
        ...(arnMember ? { arnMember } : {}),
        readReportsTags: readOutput !== undefined && structMembers(index, readOutput).some((m) => m.name === tagsField.member),
      })
    : undefined;
  const subResources = inferSubResources({
    spec,
    ...(rc.tags ? { tags: rc.tags } : {}),
    fieldConfigs,
    ownOperations: new Set([r.create, r.readOne, r.readMany, r.update, r.delete].filter((o) => o !== undefined).map((o) => o.name)),
    index,
    types: shapeTypes,
    opRef: ref,
    at,
    readReports: readReports(index, shapeTypes, r.readOne, r.readMany),
    readIgnored: new Set(readIgnored),
  });
  const collections = inferCollections({
    spec,
    fieldConfigs,
    index,
    types: shapeTypes,
    opRef: ref,
    at,
    identifiers: new Set([...spec, ...status].map((f) => f.member).concat(arnMember ? [arnMember] : [])),
  });
  // The operation the descriptor binds as update: Update<R>, else Set<R>Attributes. Fields
  // carried other ways are not create-only: attributes packed into its map, tags kept through
  // the tagging API, sub-resources put by their own operations.
  // ACK custom_sync: the kind's update hook carries the field (DynamoDB's GSIs as GlobalSecondaryIndexUpdates).
  const customSynced = new Set(Object.entries(fieldConfigs).filter(([p, fc]) => fc.custom_sync && !p.includes('.')).map(([p]) => names(p).camelLower));
  const updateShape = r.update ?? r.setAttributes;
  const updateRef = ops.update ?? ops.setAttributes;
  const packed = new Set(attributes && updateShape === r.setAttributes ? attributes.map.fields : []);
  const carriedElsewhere = (f: Field) =>
    packed.has(f.member) ||
    (tagging !== undefined && f.json === tagsField?.json) ||
    subResources.some((x) => x.field === f.json) ||
    collections.some((x) => x.field === f.json) ||
    customSynced.has(f.json);
  const createOnly =
    updateShape?.input && updateRef
      ? createOnlyPaths(refs.spec.filter((f) => !carriedElsewhere(f)), shapeTypes.members(updateShape.input), shapeTypes, {
          ...(updateRef.inputRenames ? { renames: updateRef.inputRenames } : {}),
          skip: (p) => [...immutable, ...compareIgnored].some((x) => isUnder(p, x)),
        })
      : [];
  const resourceDoc = index.get(`${index.namespace}#${name}`)?.traits.documentation;
  return {
    kind,
    plural: pluralOf(kind),
    singular: kind.toLowerCase(),
    ...(resourceDoc ? { doc: htmlToText(resourceDoc) } : {}),
    operations: ops,
    spec: refs.spec,
    status,
    references: refs.references,
    primaryKey,
    ...(arnMember ? { arnMember } : {}),
    notFound: notFoundOf(rc, index, [r.readOne, r.getAttributes, r.readMany]),
    terminalCodes: [...(rc.exceptions?.terminal_codes ?? [])].sort(),
    synced: syncedOf(rc, spec, status, at),
    ...optional('updateable', guardOf(rc, 'updateable', spec, status, at)),
    ...optional('deletable', guardOf(rc, 'deletable', spec, status, at)),
    ...(rc.update_operation?.omit_unchanged_fields ? { omitUnchangedFields: true } : {}),
    ...(rc.reconcile?.requeue_on_success_seconds !== undefined
      ? { requeueOnSuccessSeconds: rc.reconcile.requeue_on_success_seconds }
      : {}),
    printerColumns: printerColumnsOf(rc, spec, status),
    shortNames: [...(rc.shortNames ?? [])],
    categories: ['aws', r.alias],
    immutable,
    lateInitialize: sortedUnique(flagged((fc) => fc.late_initialize !== undefined)),
    compareIgnored,
    readIgnored,
    createOnly: sortedUnique(createOnly),
    ...(customSynced.size ? { customSynced: [...customSynced].sort() } : {}),
    ...(idempotencyToken ? { idempotencyToken } : {}),
    ...(ops.readMany ? many : {}),
    ...(tags ? { tags } : {}),
    ...(attributes ? { attributes: attributes.map } : {}),
    ...(tagging ? { tagging } : {}),
    subResources,
    collections,
  };
}

function optional<K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, V>);
}

function readMemberNamed(index: ShapeIndex, types: ShapeTypes, readOne: OperationShape | undefined, readMany: OperationShape | undefined, name: string): string | undefined {
  const lists = readMany?.output ? structMembers(index, readMany.output).map((m) => itemShape(index, types, readMany, m.name)) : [];
  for (const shape of [readOne?.output, ...lists]) {
    const found = shape ? structMembers(index, shape).find((m) => m.name.toLowerCase() === name.toLowerCase()) : undefined;
    if (found) return found.name;
  }
  return undefined;
}

function itemShape(index: ShapeIndex, types: ShapeTypes, readMany: OperationShape | undefined, itemsMember: string | undefined): string | undefined {
  const items = readMany?.output && itemsMember ? structMembers(index, readMany.output).find((m) => m.name === itemsMember) : undefined;
  const t = items ? types.typeOf(items.target, readMany!.output) : undefined;
  return t?.kind === 'list' && t.item.kind === 'struct' ? t.item.shape : undefined;
}

/** Members (lower-cased) the kind's read reports: ReadOne's output, or the items ReadMany lists. */
function readReports(index: ShapeIndex, types: ShapeTypes, readOne: OperationShape | undefined, readMany: OperationShape | undefined): Set<string> {
  const lists = readMany?.output ? structMembers(index, readMany.output).map((m) => itemShape(index, types, readMany, m.name)) : [];
  const shapes = readOne?.output ? [readOne.output] : lists;
  // An output whose only member is a structure (IAM GetRole's {Role}) reports that structure's members.
  const unwrapped = shapes.flatMap((id) => {
    const ms = id ? structMembers(index, id) : [];
    const t = ms.length === 1 ? types.typeOf(ms[0]!.target, id!) : undefined;
    return t?.kind === 'struct' ? [t.shape] : [];
  });
  return new Set([...shapes, ...unwrapped].flatMap((id) => (id ? structMembers(index, id).map((m) => m.name.toLowerCase()) : [])));
}

const byJson = (a: Field, b: Field) => (a.json < b.json ? -1 : a.json > b.json ? 1 : 0);

function opRef(op: OperationShape, oc: OperationConfig | undefined, renames: Readonly<Record<string, string>> | undefined): OperationRef {
  // ACK writes renames as {operation member: field name}; callers look up by field.
  const inverted = renames ? Object.entries(renames).filter(([m, f]) => m !== f).map(([m, f]) => [f, m]) : [];
  const inputRenames = inverted.length > 0 ? Object.fromEntries(inverted) : undefined;
  return {
    name: op.name,
    ...(inputRenames ? { inputRenames } : {}),
    ...(op.input ? { input: op.input } : {}),
    ...(op.output ? { output: op.output } : {}),
    errors: op.errors,
    ...(oc?.override_values ? { overrideValues: oc.override_values } : {}),
    ...(oc?.output_wrapper_field_path ? { outputWrapper: oc.output_wrapper_field_path } : {}),
  };
}

/**
 * Get<R>Attributes returns only the attributes it is asked for (SQS's AttributeNames); like ACK,
 * ask for all of them unless the config fixes the value.
 */
function allAttributes(op: OperationRef, shapeTypes: ShapeTypes): OperationRef {
  if (!op.input || op.overrideValues?.['AttributeNames'] !== undefined) return op;
  const names = shapeTypes.members(op.input).find((m) => m.member === 'AttributeNames');
  if (names?.type.kind !== 'list') return op;
  return { ...op, overrideValues: { ...(op.overrideValues ?? {}), AttributeNames: ['All'] } };
}

/** ACK's get_attributes_input.overrides: fixed input values of the Get<R>Attributes call. */
function withOverrides(op: OperationRef, overrides: Record<string, unknown> | undefined): OperationRef {
  return overrides ? { ...op, overrideValues: { ...(op.overrideValues ?? {}), ...overrides } } : op;
}

export { resolveShapeName };

const isUnder = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

const sortedUnique = (xs: readonly string[]) => [...new Set(xs)].sort();
