import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { manifestProblems } from '../support/validate-manifest';

/** Every walkthrough manifest (written for ACK) fits the generated CRD schemas: each field's path and type. */
const REPO = resolve(__dirname, '../..');
const WALKTHROUGH = resolve(REPO, '../shared/walkthrough');

type Schema = Record<string, unknown>;
interface Crd { spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } }

const schemas = new Map<string, Schema>();
for (const service of readdirSync(join(REPO, 'generated'))) {
  const dir = join(REPO, 'generated', service, 'crds');
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) {
    const crd = parse(readFileSync(join(dir, f), 'utf8')) as Crd;
    for (const v of crd.spec.versions) schemas.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
  }
}

const manifests = readdirSync(WALKTHROUGH)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(join(WALKTHROUGH, f), 'utf8')).map((d, i) => [`${f}#${i}`, d.toJS()] as const));

test('the walkthrough has manifests to check', () => {
  expect(manifests.length).toBeGreaterThanOrEqual(6);
});

test.each(manifests)('%s fits its generated CRD', (_name, doc) => {
  const m = doc as { apiVersion: string; kind: string; metadata: unknown; spec: unknown };
  const schema = schemas.get(`${m.apiVersion}/${m.kind}`);
  expect(schema).toBeDefined();
  const { metadata: _metadata, ...rest } = m;
  expect(manifestProblems(rest, { ...schema!, properties: { ...(schema!['properties'] as Schema), metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } })).toEqual([]);
});

test('the check catches wrong types, unknown and missing fields', () => {
  const schema = schemas.get('sagemaker.services.k8s.aws/v1alpha1/TrainingJob')!;
  const spec = (schema['properties'] as Record<string, Schema>)['spec']!;
  const problems = manifestProblems(
    { trainingJobName: 'x', roleArn: 'wrong case', resourceConfig: { instanceCount: 'one', instanceType: 'ml.m4.xlarge', volumeSizeInGB: 5 } },
    spec,
  );
  expect(problems).toEqual(
    expect.arrayContaining([
      '.roleArn: unknown field',
      '.resourceConfig.instanceCount: expected integer, got string',
      '.algorithmSpecification: required field missing',
    ]),
  );
});
