// Every CRD the generator makes for every AWS model (with the service's generator.yaml where this
// repository has one, else ACK's verb rules alone) is valid YAML to a strict parser (PyYAML, from
// the moto virtualenv) and is accepted by the real kube-apiserver: a server-side dry-run create of
// each (apply, so CRDs installed by other tests count too), which checks the structural schema, the CEL rules and that every pattern compiles in RE2.
// Batched: one multi-document file per few hundred CRDs, one kubectl per file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGeneratorConfig } from '../../generator/config';
import { toCrd } from '../../generator/emit/crd';
import { inferServiceModel } from '../../generator/model/resources';
import { API_MODELS_DIR } from '../../generator/paths';
import { toYaml } from '../../generator/pipeline';
import { locateModel } from '../../generator/sources/locate';
import { readModel } from '../../generator/sources/read';
import { ensureMotoVenv } from '../env/aws/moto-install';
import { kubectl } from '../env/context';
import { modelsDirForTests } from '../support/models-dir';

const BATCH = 250;
const modelsDir = modelsDirForTests();
const services = readdirSync(modelsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
  .map((d) => d.name)
  .sort();
const dir = mkdtempSync(join(tmpdir(), 'ack-ts-all-crds-'));
const batches: string[] = [];
let crds = 0;

beforeAll(() => {
  let docs: string[] = [];
  const flush = () => {
    if (docs.length === 0) return;
    const file = join(dir, `batch-${String(batches.length).padStart(3, '0')}.yaml`);
    writeFileSync(file, docs.join('---\n'));
    batches.push(file);
    docs = [];
  };
  for (const service of services) {
    const configFile = join(API_MODELS_DIR, service, 'generator.yaml');
    const config = existsSync(configFile) ? loadGeneratorConfig(readFileSync(configFile, 'utf8'), configFile) : {};
    const model = inferServiceModel({ service, index: readModel(locateModel(modelsDir, service)), config, configFile });
    for (const r of model.resources) {
      docs.push(toYaml(toCrd(r, model)));
      crds++;
      if (docs.length === BATCH) flush();
    }
  }
  flush();
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`the CRDs of all ${services.length} AWS models`, () => {
  it('are many', () => {
    expect(services.length).toBeGreaterThan(400);
    expect(crds).toBeGreaterThan(1000);
  });

  // libyaml (PyYAML's C loader) refuses control characters as the pure-Python reader does, 30 times faster.
  it('are valid YAML to PyYAML', async () => {
    const { python } = await ensureMotoVenv();
    const script = [
      'import sys, yaml',
      'n = 0',
      'for f in sys.argv[1:]:',
      '    try:',
      '        n += sum(1 for d in yaml.load_all(open(f, encoding="utf-8"), Loader=yaml.CSafeLoader) if d)',
      '    except yaml.YAMLError as e:',
      '        print(f"{f}: {e}", file=sys.stderr); sys.exit(1)',
      'print(n)',
    ].join('\n');
    const r = spawnSync(python, ['-c', script, ...batches], { encoding: 'utf8', maxBuffer: 16 << 20 });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout.trim())).toBe(crds);
  }, 300_000);

  it('are accepted by kube-apiserver (server-side dry-run apply)', () => {
    const failures: string[] = [];
    for (const file of batches) {
      // apply, not create: other tests may have installed some of these CRDs for real.
      const r = kubectl(['apply', '--server-side', '--force-conflicts', '--dry-run=server', '-o', 'name', '-f', file]);
      if (r.status !== 0) failures.push(`${file}: ${r.stderr.trim()}`);
      else expect(r.stdout.trim().split('\n').length).toBe(readFileSync(file, 'utf8').split(/^---$/m).length);
    }
    expect(failures).toEqual([]);
  }, 900_000);
});
