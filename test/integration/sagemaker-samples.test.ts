// Every sample manifest in samples/sagemaker/ (one per kind beyond ACK's 26) is accepted by the real
// kube-apiserver with the generated CRDs: a server-side dry run with strict field validation, so a
// misspelled field, a wrong type, a missing required field or a broken pattern fails here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueName } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { installCrds } from '../e2e/controllers';

const DIR = join(__dirname, '../../samples/sagemaker');
const samples = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const ns = uniqueName('sm-samples');

beforeAll(() => {
  installCrds();
  const r = kubectl(['create', 'namespace', ns]);
  if (r.status !== 0) throw new Error(`creating ${ns}: ${r.stderr}`);
}, 120_000);

afterAll(() => {
  kubectl(['delete', 'namespace', ns, '--wait=false']);
});

it('has one sample per kind the issue lists, and more', () => {
  expect(samples.length).toBeGreaterThanOrEqual(34);
});

it.each(samples)('%s passes a strict server-side dry run', (file) => {
  const r = kubectl(['apply', '--dry-run=server', '--validate=strict', '-n', ns, '-f', join(DIR, file)]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/created \(server dry run\)/);
});
