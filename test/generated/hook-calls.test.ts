// Every SDK operation a service's hooks call by name is in the service's recommended IAM policy:
// a hook's call reaches it through generator.yaml called_by_hooks (a call built at run time, such
// as Stop<Kind>, is caught by the runtime instead: a hook may call only what is bound or marked).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const services = readdirSync(join(ROOT, 'api-models')).filter((s) => existsSync(join(ROOT, 'api-models', s, 'hooks')) && existsSync(join(ROOT, 'generated', s, 'iam')));

function hookSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? hookSources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : [],
  );
}

/** Operations named literally in a `.call('Operation'` of the hooks. */
const calledOperations = (service: string) =>
  [...new Set(hookSources(join(ROOT, 'api-models', service, 'hooks')).flatMap((src) => [...src.matchAll(/\.call\(\s*['"`]([A-Z]\w+)['"`]/g)].map((m) => m[1]!)))].sort();

test('the IAM and SageMaker hooks call operations of their own (the check has something to check)', () => {
  expect(calledOperations('iam')).toEqual(expect.arrayContaining(['DeletePolicyVersion', 'GetPolicyVersion', 'ListPolicyVersions']));
  expect(calledOperations('sagemaker')).toEqual(expect.arrayContaining(['StartNotebookInstance', 'StopNotebookInstance']));
});

test.each(services)("%s: the recommended IAM policy lists every operation the hooks call", (service) => {
  const policy = JSON.parse(readFileSync(join(ROOT, 'generated', service, 'iam', 'recommended-policy.json'), 'utf8')) as { Statement: { Action: string[] }[] };
  const actions = new Set(policy.Statement.flatMap((s) => s.Action).map((a) => a.slice(a.indexOf(':') + 1)));
  expect(calledOperations(service).filter((op) => !actions.has(op))).toEqual([]);
});
