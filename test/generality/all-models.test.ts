import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CRD_BUDGET_BYTES, toCrd } from '../../generator/emit/crd';
import { structuralProblems } from '../../generator/emit/structural';
import { inferServiceModel } from '../../generator/model/resources';
import { locateModel } from '../../generator/sources/locate';
import { readModel } from '../../generator/sources/read';
import { modelsDirForTests } from '../support/models-dir';

/**
 * Every AWS model, with no per-service config (verb rules only): nothing crashes,
 * every CRD schema is structural, and a summary says what each service yields.
 */
const modelsDir = modelsDirForTests();
const services = readdirSync(modelsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
  .map((d) => d.name)
  .sort();

test(`generates CRDs for all ${services.length} models with verb rules alone`, () => {
  expect(services.length).toBeGreaterThan(400);
  const summary: { service: string; kinds: string[]; skipped: { name: string; reason: string }[] }[] = [];
  const problems: string[] = [];
  let trimmedNote = false;
  let withToken = 0;
  for (const service of services) {
    const index = readModel(locateModel(modelsDir, service));
    const model = inferServiceModel({ service, index, config: {}, configFile: '(none)' });
    for (const r of model.resources) {
      const crd = toCrd(r, model) as { spec: { versions: { schema: { openAPIV3Schema: Record<string, unknown> } }[] } };
      const bytes = JSON.stringify(crd).length;
      if (bytes > CRD_BUDGET_BYTES) problems.push(`${service}/${r.kind}: ${bytes} bytes, over the ${CRD_BUDGET_BYTES} budget`);
      if (service === 'quicksight' && r.kind === 'Dashboard') trimmedNote = JSON.stringify(crd).includes('This schema is trimmed to fit');
      for (const p of structuralProblems(crd.spec.versions[0]!.schema.openAPIV3Schema)) problems.push(`${service}/${r.kind}${p}`);
      if (r.idempotencyToken) withToken++;
      // The SDK (and the runtime) fill an idempotency token: never required of the user.
      if (r.spec.some((f) => f.member === r.idempotencyToken && f.required)) problems.push(`${service}/${r.kind}: ${r.idempotencyToken} is required`);
    }
    summary.push({ service, kinds: model.resources.map((r) => r.kind), skipped: [...model.skipped] });
  }
  const out = join(mkdtempSync(join(tmpdir(), 'ack-ts-all-')), 'summary.json');
  writeFileSync(out, JSON.stringify(summary, null, 2));
  const written = JSON.parse(readFileSync(out, 'utf8')) as typeof summary;
  expect(problems).toEqual([]);
  // QuickSight's Dashboard is 3.5 MB in full: trimmed to fit, and it says so.
  expect(trimmedNote).toBe(true);
  expect(withToken).toBeGreaterThan(100);
  expect(written).toHaveLength(services.length);
  const kinds = written.reduce((n, s) => n + s.kinds.length, 0);
  expect(kinds).toBeGreaterThan(1000);
  expect(written.find((s) => s.service === 'sqs')?.kinds).toContain('Queue');
  expect(written.find((s) => s.service === 'sagemaker')?.kinds).toContain('TrainingJob');
});
