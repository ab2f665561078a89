import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { parse } from 'yaml';
import { loadSmithyModel } from '../smithy/load';
import { inferServiceModel } from './resources';
import type { GeneratorConfig } from '../config/types';

const MODELS = process.env.ACK_TS_MODELS_DIR ?? resolve(__dirname, '../../../shared/api-models');

function model(service: string, config: GeneratorConfig) {
  const dir = join(MODELS, service, 'service');
  const version = readdirSync(dir).sort().pop()!;
  const file = join(dir, version, readdirSync(join(dir, version)).find((f) => f.endsWith('.json'))!);
  return inferServiceModel({ service, index: loadSmithyModel(readFileSync(file, 'utf8'), file), config, configFile: 'generator.yaml' });
}

// CloudWatch Logs' members are camelCase (logGroupName); ACK's config names them as its Go SDK does.
const logsConfig = parse(readFileSync(resolve(__dirname, '../../api-models/cloudwatch-logs/generator.yaml'), 'utf8')) as GeneratorConfig;

describe("ACK's Go-cased member names against a camelCase model (CloudWatch Logs)", () => {
  const group = model('cloudwatch-logs', logsConfig).resources.find((r) => r.kind === 'LogGroup')!;

  it('renames, ignore paths and from: paths resolve to the model members', () => {
    expect(group.spec.map((f) => [f.json, f.member])).toEqual([
      ['kmsKeyID', 'kmsKeyId'],
      ['name', 'logGroupName'],
      ['retentionDays', 'retentionInDays'],
      ['subscriptionFilters', 'SubscriptionFilters'],
      ['tags', 'tags'],
    ]);
    expect(group.status.map((f) => f.json)).toEqual(['creationTime', 'dataProtectionStatus', 'metricFilterCount', 'retentionInDays', 'storedBytes']);
    expect(group.operations.readMany?.inputRenames).toEqual({ logGroupName: 'logGroupNamePrefix' });
    expect(group.operations.create.inputRenames).toBeUndefined();
  });

  it('is_arn names a member only the read reports, in its model casing', () => {
    expect(group.arnMember).toBe('logGroupArn');
  });

  it('a field from: a Put operation whose value the kind\'s own read reports is a sub-resource without a read of its own', () => {
    expect(group.subResources.map((p) => ({ field: p.field, put: p.put.name, member: p.putMember, read: p.read?.name, del: p.delete?.name }))).toEqual([
      { field: 'retentionDays', put: 'PutRetentionPolicy', member: 'retentionInDays', read: undefined, del: 'DeleteRetentionPolicy' },
    ]);
  });

  it('custom_field list_of names an operation payload by its ACK (Go SDK) name', () => {
    const f = group.spec.find((x) => x.json === 'subscriptionFilters')!;
    expect(f.type.kind === 'list' && f.type.item.shape).toBe('com.amazonaws.cloudwatchlogs#PutSubscriptionFilterRequest');
  });
});

describe('ECR Repository with ACK-style config', () => {
  const ecrConfig = parse(readFileSync(resolve(__dirname, '../../api-models/ecr/generator.yaml'), 'utf8')) as GeneratorConfig;
  const repo = model('ecr', ecrConfig).resources.find((r) => r.kind === 'Repository')!;

  it('status leaves out create-output members the spec has under another name (ACK HasMember)', () => {
    expect(repo.status.map((f) => f.json)).toEqual(['createdAt', 'repositoryURI']);
  });

  it('a rename naming no member of the operation has no effect', () => {
    expect(repo.operations.readMany?.inputRenames).toBeUndefined();
  });

  it("a part's own not-found error (no @httpError in JSON protocols) means unset; the repository's does not", () => {
    const codes = Object.fromEntries(repo.subResources.map((p) => [p.field, p.notFound.map((e) => e.code)]));
    expect(codes).toEqual({
      imageScanningConfiguration: [],
      imageTagMutability: [],
      lifecyclePolicy: ['LifecyclePolicyNotFoundException'],
      policy: ['RepositoryPolicyNotFoundException'],
    });
    expect(repo.subResources.filter((p) => !p.read).map((p) => p.field)).toEqual(['imageScanningConfiguration', 'imageTagMutability']);
  });
});

describe('KMS Key with ACK-style config', () => {
  const kmsConfig = parse(readFileSync(resolve(__dirname, '../../api-models/kms/generator.yaml'), 'utf8')) as GeneratorConfig;
  const kinds = model('kms', kmsConfig).resources;
  const key = kinds.find((r) => r.kind === 'Key')!;

  it('an output whose only member is a structure is unwrapped, on create and read (ACK: KeyMetadata)', () => {
    expect(key.operations.create.outputWrapper).toBe('KeyMetadata');
    expect(key.operations.readOne?.outputWrapper).toBe('KeyMetadata');
    expect(key.primaryKey).toEqual(['status.keyID']);
  });

  it('ListAliases reads Alias (go-pluralize: Aliases → Alias)', () => {
    expect(kinds.find((r) => r.kind === 'Alias')?.operations.readMany?.name).toBe('ListAliases');
  });
});

describe('Secrets Manager Secret: is_secret', () => {
  const smConfig = parse(readFileSync(resolve(__dirname, '../../api-models/secrets-manager/generator.yaml'), 'utf8')) as GeneratorConfig;
  const m = model('secrets-manager', smConfig);
  const secret = m.resources.find((r) => r.kind === 'Secret')!;

  it('marks the field secret and keys the kind by the ARN AWS makes (status.id)', () => {
    expect(secret.spec.filter((f) => f.secret).map((f) => f.json)).toEqual(['secretString']);
    expect(secret.primaryKey).toEqual(['status.id']);
    expect(secret.operations.readOne?.inputRenames).toEqual({ ARN: 'SecretId' });
  });

  it('the CRD types it as a SecretKeyReference, the TypeScript too, and the descriptor flags it', async () => {
    const { toCrd } = await import('../emit/crd');
    const crd = toCrd(secret, m) as any;
    const prop = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.secretString;
    expect(prop).toMatchObject({ type: 'object', required: ['key'], properties: { key: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } } });
    const { toServiceDescriptor } = await import('../emit/descriptor');
    const d = toServiceDescriptor(m, { package: '@aws-sdk/client-secrets-manager', client: 'SecretsManagerClient' });
    expect(d.shapes['Secret.Spec']?.find((f) => f.json === 'secretString')).toMatchObject({ sdk: 'SecretString', type: 'string', secret: true });
  });
});
