import { GeneratorError } from '../errors';
import type { OperationShape, ShapeId, ShapeIndex } from '../smithy/types';
import type { FieldConfig, GeneratorConfig, OperationConfig, ResourceConfig } from '../config/types';
import { apiGroup, names, pluralOf } from '../names';
import { buildOperationMap, opTypeFromConfig, type AckOpType, type OperationOverride } from './operations';
import { createShapeTypes, type ShapeTypes } from './shape-types';
import { resolveIgnoreRules, resolveShapeName } from './ignore';
import { htmlToText } from './docs';
import { inferReferences } from './references';
import { closestNames } from '../smithy/suggest';
import type {
  ErrorMatcher,
  Field,
  OperationRef,
  OpType,
  PrinterColumn,
  Resource,
  ResourceField,
  ServiceModel,
  SkippedResource,
  SyncedRule,
  TypeRef,
} from './types';

export interface ModelInput {
  readonly service: string;
  readonly index: ShapeIndex;
  readonly config: GeneratorConfig;
  /** The generator.yaml path, for error messages (or a note that there is none). */
  readonly configFile: string;
  readonly version?: string;
}

const asList = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T];

/** Case-insensitive lookup in a config map keyed by member names or resource names. */
function lookup<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  if (!map) return undefined;
  if (key in map) return map[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(map)) if (k.toLowerCase() === lower) return map[k];
  return undefined;
}

function iamPrefix(index: ShapeIndex, service: string): string {
  const sigv4 = index.service.traits.raw['aws.auth#sigv4'] as { name?: unknown } | undefined;
  if (typeof sigv4?.name === 'string' && sigv4.name) return sigv4.name;
  return index.service.traits.arnNamespace ?? service;
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
  const shapeTypes = createShapeTypes(index, resolveIgnoreRules(index, config, configFile));
  const group = apiGroup(input.service, config.controller_name);
  const alias = group.split('.')[0]!;

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
    const found = { readOne: pick('readOne'), readMany: pick('readMany'), update: pick('update'), delete: pick('delete') };
    if (!found.readOne && !found.readMany) {
      skipped.push({ name, reason: `no read operation (Describe${name}, Get${name} or List${name}s)` });
      continue;
    }
    const rc = lookup(config.resources, name) ?? {};
    resources.push(
      inferResource({ name, rc, create, ...found, index, shapeTypes, config, configFile, alias, group }),
    );
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
    resources,
    skipped,
    members: shapeTypes.members,
  };
}

interface ResourceInput {
  name: string;
  rc: ResourceConfig;
  create: OperationShape;
  readOne?: OperationShape;
  readMany?: OperationShape;
  update?: OperationShape;
  delete?: OperationShape;
  index: ShapeIndex;
  shapeTypes: ShapeTypes;
  config: GeneratorConfig;
  configFile: string;
  alias: string;
  group: string;
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
  const spec: ResourceField[] = [];
  const keptIn = new Set(specSource ? shapeTypes.members(specSource).map((f) => f.member) : []);
  for (const m of specSource ? structMembers(index, specSource) : []) {
    if (ignoreToken && m.traits.idempotencyToken) continue;
    if (!keptIn.has(m.name)) continue; // removed by ignore rules
    const fc = fieldConfig(m.name);
    if (fc?.is_read_only) continue;
    spec.push(toResourceField(shapeTypes.field(m, specSource!, inputRenames[m.name]), fc));
  }

  // ARN: the field marked is_arn, else Arn / <Resource>Arn in the Create output.
  const outputSource = unwrapOutput(index, shapeTypes, r.create.output, opConfig(r.create)?.output_wrapper_field_path);
  const outputMembers = outputSource ? structMembers(index, outputSource) : [];
  const arnFromConfig = Object.entries(fieldConfigs).find(([, fc]) => fc.is_arn)?.[0];
  const arnMember =
    arnFromConfig ??
    outputMembers.find((m) => ['arn', `${name.toLowerCase()}arn`].includes(m.name.toLowerCase()))?.name;

  // Status: the Create output minus spec fields and the ARN, plus read-only `from:` fields.
  const specJson = new Set(spec.map((f) => f.json));
  const status: ResourceField[] = [];
  const keptOut = new Set(outputSource ? shapeTypes.members(outputSource).map((f) => f.member) : []);
  for (const m of outputMembers) {
    if (m.name === arnMember || !keptOut.has(m.name)) continue;
    const f = shapeTypes.field(m, outputSource!, outputRenames[m.name]);
    if (specJson.has(f.json)) continue;
    status.push(toResourceField(f, fieldConfig(m.name)));
  }

  for (const [path, fc] of Object.entries(fieldConfigs).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path.includes('.')) continue;
    const target = fc.is_read_only ? status : spec;
    const existing = [...spec, ...status].find((f) => f.member.toLowerCase() === path.toLowerCase());
    if (fc.from) {
      if (existing) continue;
      const f = fieldFrom(index, shapeTypes, fc.from, at(`fields.${path}.from`), path);
      target.push(toResourceField(f, fc));
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
  spec.sort(byJson);
  status.sort(byJson);
  const refs = inferReferences({ spec, status, fieldConfigs, group: r.group, at });

  // Field flags resolve to JSON paths under spec (top-level or nested); status fields take none.
  const flagged = (flag: (fc: FieldConfig) => boolean) =>
    Object.entries(fieldConfigs)
      .filter(([p, fc]) => flag(fc) && (p.includes('.') || spec.some((f) => f.member.toLowerCase() === p.toLowerCase())))
      .map(([p]) => jsonPathOf(p, spec, shapeTypes, at(`fields.${p}`)));

  const primaryKey = primaryKeyOf(name, spec, status, fieldConfigs, rc);
  const ref = (op: OperationShape) => opRef(op, opConfig(op), lookup(rc.renames?.operations, op.name)?.input_fields);
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
  if (r.readOne) ops.readOne = byArn(r.readOne);
  if (r.readMany) ops.readMany = ref(r.readMany);
  if (r.update) ops.update = byArn(r.update);
  if (r.delete) ops.delete = byArn(r.delete);

  const tagsField = spec.find((f) => f.json === (rc.tags?.path ? names(rc.tags.path).camelLower : 'tags'));
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
    notFound: notFoundOf(rc, index, [r.readOne, r.readMany]),
    terminalCodes: [...(rc.exceptions?.terminal_codes ?? [])].sort(),
    synced: syncedOf(rc, spec, status, at),
    ...(rc.reconcile?.requeue_on_success_seconds !== undefined
      ? { requeueOnSuccessSeconds: rc.reconcile.requeue_on_success_seconds }
      : {}),
    printerColumns: printerColumnsOf(rc, spec, status),
    shortNames: [...(rc.shortNames ?? [])],
    categories: ['aws', r.alias],
    immutable: sortedUnique([
      ...primaryKey.filter((p) => p.startsWith('spec.')).map((p) => p.slice('spec.'.length)),
      ...flagged((fc) => fc.is_immutable === true),
    ]),
    lateInitialize: sortedUnique(flagged((fc) => fc.late_initialize !== undefined)),
    compareIgnored: sortedUnique(flagged((fc) => fc.compare?.is_ignored === true)),
    ...readManyOf(r.readMany, shapeTypes, [...spec, ...status]),
    ...(tagsField && !rc.tags?.ignore
      ? { tags: { field: tagsField.json, keyName: rc.tags?.key_name ?? 'Key', valueName: rc.tags?.value_name ?? 'Value' } }
      : {}),
  };
}

const byJson = (a: Field, b: Field) => (a.json < b.json ? -1 : a.json > b.json ? 1 : 0);

function toResourceField(f: Field, fc: FieldConfig | undefined): ResourceField {
  return {
    ...f,
    required: fc?.is_required ?? f.required,
    secret: fc?.is_secret === true,
  };
}

function structMembers(index: ShapeIndex, id: ShapeId) {
  const s = index.require(id);
  return s.type === 'structure' || s.type === 'union' ? s.members : [];
}

/** Follows a dotted member path from a structure; returns the struct at its end. */
function wrapped(index: ShapeIndex, types: ShapeTypes, id: ShapeId | undefined, path: string | undefined) {
  if (!id || !path) return id;
  let cur: ShapeId = id;
  for (const seg of path.split('.')) {
    const m = structMembers(index, cur).find((x) => x.name === seg);
    if (!m) throw new GeneratorError({ file: index.file, at: cur }, `wrapper path segment "${seg}" is not a member`);
    const t = types.typeOf(m.target, cur);
    cur = t.kind === 'list' && t.item.kind === 'struct' ? t.item.shape : m.target;
  }
  return cur;
}

/** ACK unwraps an output whose only member is a structure (ECR's {repository: {…}}). */
function unwrapOutput(index: ShapeIndex, types: ShapeTypes, id: ShapeId | undefined, path: string | undefined) {
  if (path) return wrapped(index, types, id, path);
  if (!id) return undefined;
  const ms = structMembers(index, id);
  if (ms.length === 1 && types.typeOf(ms[0]!.target, id).kind === 'struct') return ms[0]!.target;
  return id;
}

function fieldFrom(
  index: ShapeIndex,
  types: ShapeTypes,
  from: { operation: string; path: string },
  loc: { file: string; at: string },
  fieldName: string,
): Field {
  const op = index.operations().find((o) => o.name === from.operation);
  if (!op) throw new GeneratorError(loc, `names no operation "${from.operation}"`);
  const segs = from.path.split('.');
  for (const root of [op.output, op.input]) {
    if (!root) continue;
    let cur: ShapeId = root;
    let found: Field | undefined;
    for (const [i, seg] of segs.entries()) {
      const m = structMembers(index, cur).find((x) => x.name === seg);
      if (!m) break;
      if (i === segs.length - 1) {
        found = types.field(m, cur, fieldName);
        break;
      }
      let t = types.typeOf(m.target, cur);
      if (t.kind === 'list') t = t.item;
      if (t.kind !== 'struct') break;
      cur = t.shape;
    }
    if (found) return { ...found, json: names(fieldName).camelLower, member: segs[segs.length - 1]! };
  }
  throw new GeneratorError(loc, `"${from.path}" is not a member path of ${from.operation}'s output or input`);
}

/** `type:` fields use Go type names, as in ACK's generator.yaml. */
function customField(path: string, goType: string, index: ShapeIndex, loc: { file: string; at: string }): Field {
  const scalar = (t: string): TypeRef | undefined => {
    const shape = `smithy.api#${t}`;
    switch (t) {
      case 'string': case '*string': return { kind: 'string', shape: 'smithy.api#String' };
      case 'bool': case '*bool': return { kind: 'boolean', shape: 'smithy.api#Boolean' };
      case 'int': case 'int64': case '*int64': return { kind: 'long', shape: 'smithy.api#Long' };
      case 'float64': case '*float64': return { kind: 'double', shape: 'smithy.api#Double' };
      case 'time.Time': case '*metav1.Time': return { kind: 'timestamp', shape: 'smithy.api#Timestamp' };
      case 'bytes': case '[]byte': return { kind: 'blob', shape: 'smithy.api#Blob' };
      default: return index.get(shape) ? undefined : undefined;
    }
  };
  const parse = (t: string): TypeRef | undefined => {
    if (t.startsWith('[]')) {
      const item = parse(t.slice(2));
      return item && { kind: 'list', shape: 'smithy.api#Document', item };
    }
    if (t.startsWith('map[string]')) {
      const value = parse(t.slice('map[string]'.length));
      return value && { kind: 'map', shape: 'smithy.api#Document', value };
    }
    return scalar(t);
  };
  const type = parse(goType);
  if (!type) throw new GeneratorError(loc, `unsupported type "${goType}"`, 'use string, bool, int64, float64, time.Time, bytes, []T or map[string]T');
  return { json: names(path).camelLower, member: path, type, required: false, sensitive: false };
}

function jsonPathOf(path: string, spec: readonly Field[], types: ShapeTypes, loc: { file: string; at: string }): string {
  const segs = path.split('.');
  const out: string[] = [];
  let fields: readonly Field[] = spec;
  for (const seg of segs) {
    const f = fields.find((x) => x.member.toLowerCase() === seg.toLowerCase());
    if (!f) throw new GeneratorError(loc, `"${seg}" is not a member here`, `members are ${fields.map((x) => x.member).join(', ')}`);
    out.push(f.json);
    let t = f.type;
    while (t.kind === 'list' || t.kind === 'map') t = t.kind === 'list' ? t.item : t.value;
    fields = t.kind === 'struct' ? types.members(t.shape) : [];
  }
  return out.join('.');
}

function primaryKeyOf(
  name: string,
  spec: readonly ResourceField[],
  status: readonly ResourceField[],
  fieldConfigs: Readonly<Record<string, FieldConfig>>,
  rc: ResourceConfig,
): string[] {
  const isKey = (f: Field) => lookup(fieldConfigs, f.member)?.is_primary_key === true;
  const marked = [...spec.filter(isKey).map((f) => `spec.${f.json}`), ...status.filter(isKey).map((f) => `status.${f.json}`)];
  if (marked.length > 0) return marked;
  if (rc.is_arn_primary_key) return ['status.ackResourceMetadata.arn'];
  const candidates = ['name', `${name}name`, `${name}id`].map((c) => c.toLowerCase());
  const byName = spec.find((f) => candidates.includes(f.member.toLowerCase()));
  if (byName) return [`spec.${byName.json}`];
  return ['status.ackResourceMetadata.arn'];
}

function notFoundOf(rc: ResourceConfig, index: ShapeIndex, reads: readonly (OperationShape | undefined)[]): ErrorMatcher[] {
  const configured = rc.exceptions?.errors?.['404'];
  if (configured) {
    return [
      {
        code: configured.code,
        ...(configured.message_prefix ? { messagePrefix: configured.message_prefix } : {}),
        ...(configured.message_suffix ? { messageSuffix: configured.message_suffix } : {}),
      },
    ];
  }
  for (const op of reads) {
    for (const e of op?.errors ?? []) {
      const s = index.get(e);
      if (s?.traits.httpError === 404) return [{ code: s.traits.awsQueryErrorCode ?? s.name }];
    }
  }
  return [];
}

function syncedOf(
  rc: ResourceConfig,
  spec: readonly Field[],
  status: readonly Field[],
  at: (p: string) => { file: string; at: string },
): SyncedRule[] {
  return (rc.synced?.when ?? []).map((w, i) => {
    const [root, ...rest] = w.path.split('.');
    const fields = root?.toLowerCase() === 'spec' ? spec : root?.toLowerCase() === 'status' ? status : undefined;
    const f = fields?.find((x) => x.member.toLowerCase() === rest.join('.').toLowerCase());
    if (!fields || !f) {
      throw new GeneratorError(at(`synced.when[${i}].path`), `"${w.path}" names no Spec.<Field> or Status.<Field>`);
    }
    const allowed = f.type.kind === 'string' || f.type.kind === 'integer' ? f.type.enum : undefined;
    const values = w.in.map(String);
    const unknown = allowed ? values.find((v) => !allowed.includes(v)) : undefined;
    if (allowed && unknown !== undefined) {
      const close = closestNames(unknown, allowed, 1)[0];
      throw new GeneratorError(
        at(`synced.when[${i}].in`),
        `"${unknown}" is not a value of ${w.path} (${allowed.join(', ')})`,
        close ? `did you mean "${close}"?` : undefined,
      );
    }
    return { path: `${root!.toLowerCase()}.${f.json}`, in: values };
  });
}

const COLUMN_TYPE: Readonly<Record<string, PrinterColumn['type']>> = {
  string: 'string', integer: 'integer', long: 'integer', float: 'number', double: 'number',
  boolean: 'boolean', timestamp: 'date', bigInteger: 'integer', bigDecimal: 'number', blob: 'string',
};

function printerColumnsOf(rc: ResourceConfig, spec: readonly ResourceField[], status: readonly ResourceField[]): PrinterColumn[] {
  const indexed: { index: number; col: PrinterColumn }[] = [];
  const fieldColumns = (fields: readonly ResourceField[], root: string) => {
    for (const f of fields) {
      const fc = lookup(rc.fields, f.member);
      if (!fc?.print) continue;
      indexed.push({
        index: fc.print.index ?? Number.MAX_SAFE_INTEGER,
        col: {
          name: fc.print.name ?? names(f.member).camel,
          type: COLUMN_TYPE[f.type.kind] ?? 'string',
          jsonPath: `.${root}.${f.json}`,
          priority: fc.print.priority ?? 0,
        },
      });
    }
  };
  fieldColumns(spec, 'spec');
  fieldColumns(status, 'status');
  for (const c of rc.print?.additional_columns ?? []) {
    indexed.push({
      index: c.index ?? Number.MAX_SAFE_INTEGER,
      col: { name: c.name, type: (c.type as PrinterColumn['type']) ?? 'string', jsonPath: c.json_path, priority: c.priority ?? 0 },
    });
  }
  indexed.sort((a, b) => a.index - b.index || (a.col.name < b.col.name ? -1 : a.col.name > b.col.name ? 1 : 0));
  const columns = indexed.map((x) => x.col);
  if (rc.print?.add_synced_column !== false) {
    columns.push({ name: 'Synced', type: 'string', jsonPath: '.status.conditions[?(@.type=="ACK.ResourceSynced")].status', priority: 0 });
  }
  if (rc.print?.add_age_column !== false) {
    columns.push({ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', priority: 0 });
  }
  return columns;
}

function opRef(op: OperationShape, oc: OperationConfig | undefined, renames: Readonly<Record<string, string>> | undefined): OperationRef {
  // ACK writes renames as {operation member: field name}; callers look up by field.
  const inputRenames = renames ? Object.fromEntries(Object.entries(renames).map(([m, f]) => [f, m])) : undefined;
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

export { resolveShapeName };

const sortedUnique = (xs: readonly string[]) => [...new Set(xs)].sort();

/**
 * A ReadMany output holds the resource in its one list-of-structures member; its
 * input narrows the list with members like ResourceIds or PolicyNames, which we
 * fill with the resource's own ResourceId or PolicyName.
 */
function readManyOf(op: OperationShape | undefined, types: ShapeTypes, fields: readonly Field[]) {
  if (!op?.output) return {};
  const lists = types.members(op.output).filter((f) => f.type.kind === 'list' && f.type.item.kind === 'struct');
  if (lists.length !== 1) return {};
  const filterMembers: Record<string, string> = {};
  for (const m of op.input ? types.members(op.input) : []) {
    if (m.type.kind !== 'list' || !m.member.endsWith('s')) continue;
    const single = m.member.slice(0, -1);
    if (fields.some((f) => f.member === single)) filterMembers[m.member] = single;
  }
  return {
    readMany: {
      itemsMember: lists[0]!.member,
      ...(Object.keys(filterMembers).length > 0 ? { filterMembers } : {}),
    },
  };
}
