import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ServiceDescriptor } from '../../runtime/descriptor';
import { locateModel, readLock, readModel } from '../../generator/sources';
import type { Member, ShapeId, ShapeIndex } from '../../generator/smithy/types';
import { modelsDirForTests } from '../support/models-dir';

/**
 * Nothing is required at admission that AWS would accept without: every `required` entry of every
 * generated CRD's spec, at every level, is a member AWS's create operation requires (@required, at
 * that place in the create input), that the SDK does not fill (@idempotencyToken) and that AWS does
 * not default (@default). Every service in generated/ is walked, whoever added it. Deliberate
 * exceptions are `is_required: true` in the service's generator.yaml, and the README lists them.
 */
const REPO = resolve(__dirname, '../..');
const GENERATED = join(REPO, 'generated');
const modelsDir = modelsDirForTests();
const lock = readLock(join(REPO, 'api-models', 'models.lock.json'));

type Schema = { properties?: Record<string, Schema>; required?: string[]; items?: Schema; additionalProperties?: Schema | boolean };
interface Crd { spec: { names: { kind: string }; versions: { schema: { openAPIV3Schema: Schema } }[] } }
interface Config {
  operations?: Record<string, { input_wrapper_field_path?: string }>;
  resources?: Record<string, { fields?: Record<string, { is_required?: boolean }> }>;
}

const services = readdirSync(GENERATED, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(GENERATED, d.name, 'crds')))
  .map((d) => d.name)
  .sort();

function crdsOf(service: string): Crd[] {
  const dir = join(GENERATED, service, 'crds');
  return readdirSync(dir)
    // services.k8s.aws_* are the runtime's own kinds (IAMRoleSelector), not the service's.
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('services.k8s.aws_'))
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')) as Crd);
}

/** Why AWS would accept the create without this member; undefined when AWS requires it. */
function notRequiredByAws(m: Member | undefined, where: string): string | undefined {
  if (!m) return `${where} has no such member`;
  if (m.traits.idempotencyToken) return `${where}.${m.name} is an idempotency token the SDK fills`;
  if (m.traits.required !== true) return `${where}.${m.name} is optional in AWS's model`;
  if (m.traits.default !== undefined && m.traits.default !== null) return `${where}.${m.name} has a default AWS applies`;
  return undefined;
}

interface Walk {
  readonly index: ShapeIndex;
  readonly descriptor: ServiceDescriptor;
  /** Spec paths the config marks is_required: true, lower-cased (config spells members, the CRD JSON names). */
  readonly exceptions: ReadonlySet<string>;
}

/** Every required entry under `schema` (a structure `shape`) that breaks the rule, as a message. */
function violations(w: Walk, schema: Schema, shape: ShapeId, table: string, path: string, renames: Readonly<Record<string, string>> = {}): string[] {
  const s = w.index.require(shape);
  const members = s.type === 'structure' || s.type === 'union' ? s.members : [];
  const fields = w.descriptor.shapes[table] ?? [];
  const memberOf = (json: string) => {
    const sdk = fields.find((f) => f.json === json)?.sdk;
    return sdk === undefined ? undefined : members.find((m) => m.name === (renames[sdk] ?? sdk));
  };
  const out: string[] = [];
  for (const name of schema.required ?? []) {
    const at = path ? `${path}.${name}` : name;
    const why = notRequiredByAws(memberOf(name), s.name);
    if (why && !w.exceptions.has(at.toLowerCase())) out.push(`spec.${at} is required at admission, but ${why}`);
  }
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const m = memberOf(name);
    if (!m) continue;
    out.push(...nested(w, prop, m.target, path ? `${path}.${name}` : name));
  }
  return out;
}

function nested(w: Walk, schema: Schema, target: ShapeId, path: string): string[] {
  const t = w.index.require(target);
  if (t.type === 'structure' || t.type === 'union') return violations(w, schema, t.id, t.name, path);
  if ((t.type === 'list' || t.type === 'set') && schema.items) return nested(w, schema.items, t.member.target, path);
  if (t.type === 'map' && typeof schema.additionalProperties === 'object') return nested(w, schema.additionalProperties, t.value.target, path);
  return [];
}

function checkService(service: string): { kinds: number; problems: string[] } {
  const index = readModel(locateModel(modelsDir, service, lock));
  const { service: descriptor } = require(join(GENERATED, service, 'src', 'service.ts')) as { service: ServiceDescriptor };
  const configFile = join(REPO, 'api-models', service, 'generator.yaml');
  const config = (existsSync(configFile) ? parse(readFileSync(configFile, 'utf8')) : {}) as Config;
  const problems: string[] = [];
  const crds = crdsOf(service);
  for (const crd of crds) {
    const kind = crd.spec.names.kind;
    const d = descriptor.resources.find((r) => r.kind === kind);
    if (!d) {
      problems.push(`${kind}: no descriptor in generated/${service}/src/service.ts`);
      continue;
    }
    const spec = crd.spec.versions[0]!.schema.openAPIV3Schema.properties!['spec']!;
    const create = d.operations.create;
    let input = `${index.namespace}#${create.input}`;
    for (const seg of config.operations?.[create.name]?.input_wrapper_field_path?.split('.') ?? []) {
      const s = index.require(input);
      input = (s.type === 'structure' ? s.members.find((m) => m.name === seg)?.target : undefined) ?? input;
    }
    const rc = Object.entries(config.resources ?? {}).find(([k]) => k.toLowerCase() === kind.toLowerCase())?.[1];
    const exceptions = new Set(Object.entries(rc?.fields ?? {}).filter(([, fc]) => fc.is_required === true).map(([p]) => p.toLowerCase()));
    for (const p of violations({ index, descriptor, exceptions }, spec, input, d.specShape, '', create.renames)) problems.push(`${service}/${kind}: ${p}`);
  }
  return { kinds: crds.length, problems };
}

test('every service in generated/ is walked', () => {
  expect(services).toEqual(expect.arrayContaining(['application-auto-scaling', 'sagemaker']));
});

test.each(services)('%s: every required spec field is one AWS requires on create', (service) => {
  const { kinds, problems } = checkService(service);
  expect(kinds).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

describe('the rule', () => {
  const index = readModel(locateModel(modelsDir, 'sagemaker', lock));
  const { service: descriptor } = require(join(GENERATED, 'sagemaker', 'src', 'service.ts')) as { service: ServiceDescriptor };
  const w: Walk = { index, descriptor, exceptions: new Set() };
  const specOf = (kind: string) => crdsOf('sagemaker').find((c) => c.spec.names.kind === kind)!.spec.versions[0]!.schema.openAPIV3Schema.properties!['spec']!;
  const ns = index.namespace;

  it('passes what AWS requires: a Pipeline needs its name and role, not a token', () => {
    expect(specOf('Pipeline').required).toEqual(['pipelineName', 'roleARN']);
    expect(violations(w, specOf('Pipeline'), `${ns}#CreatePipelineRequest`, 'Pipeline.Spec', '')).toEqual([]);
  });

  it('catches an idempotency token, an optional member and a nested optional member made required', () => {
    const tampered = (kind: string, required: string[]) => ({ ...specOf(kind), required: [...(specOf(kind).required ?? []), ...required] });
    expect(violations(w, tampered('ModelPackage', ['clientToken', 'modelPackageDescription']), `${ns}#CreateModelPackageInput`, 'ModelPackage.Spec', '')).toEqual([
      'spec.clientToken is required at admission, but CreateModelPackageInput.ClientToken is an idempotency token the SDK fills',
      'spec.modelPackageDescription is required at admission, but CreateModelPackageInput.ModelPackageDescription is optional in AWS\'s model',
    ]);
    const spec = specOf('TrainingJob');
    const rc = spec.properties!['resourceConfig']!;
    const withNested = { ...spec, properties: { ...spec.properties, resourceConfig: { ...rc, required: [...(rc.required ?? []), 'volumeKMSKeyID'] } } };
    expect(violations(w, withNested, `${ns}#CreateTrainingJobRequest`, 'TrainingJob.Spec', '')).toEqual([
      'spec.resourceConfig.volumeKMSKeyID is required at admission, but ResourceConfig.VolumeKmsKeyId is optional in AWS\'s model',
    ]);
  });
});
