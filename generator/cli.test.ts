import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from './cli';
import { FIXTURE, workspace } from './cli-workspace';

/** The generate command end to end, in process: exit codes and the one line a user sees. */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const gen = (w: ReturnType<typeof workspace>, ...extra: string[]) =>
  run(['widgets', '--models-dir', w.models, '--api-models', w.apiModels, '--out', w.out, ...extra]);

describe('npm run generate', () => {
  it('writes CRDs and prints one progress line per service', async () => {
    const w = workspace();
    const r = await gen(w);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^widgets: 1 kind → .*out\/widgets \(\d+ ms\)\n$/);
    expect(readdirSync(join(w.out, 'widgets', 'crds'))).toEqual(['services.k8s.aws_fieldexports.yaml', 'services.k8s.aws_iamroleselectors.yaml', 'widgets.services.k8s.aws_widgets.yaml']);
  });

  it('makes the controller a package: runtime and hooks as file: links from wherever --out is, the SDK client pinned', async () => {
    const w = workspace();
    mkdirSync(join(w.apiModels, 'widgets', 'hooks'));
    writeFileSync(join(w.apiModels, 'widgets', 'hooks', 'index.ts'), 'export const hooks = {};\n');
    expect((await gen(w)).code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(w.out, 'widgets', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const runtime = relative(join(w.out, 'widgets'), join(__dirname, '..', 'runtime'));
    expect(pkg.dependencies).toEqual({
      '@ack-ts/api-models': 'file:../../api-models',
      '@ack-ts/runtime': `file:${runtime}`,
      '@aws-sdk/client-widgets': '3.1.0',
      tsx: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    const main = readFileSync(join(w.out, 'widgets', 'src', 'main.ts'), 'utf8');
    expect(main).not.toMatch(/from '\.\./);
    expect(main).toContain("import { hooks } from '@ack-ts/api-models/widgets/hooks';");
  });

  it('says so when the SDK client has no pinned version, and leaves it out of package.json', async () => {
    const w = workspace();
    writeFileSync(join(w.apiModels, 'sdk-versions.json'), '{}');
    const r = await gen(w);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^widgets: warning: .*sdk-versions\.json pins no version of @aws-sdk\/client-widgets, so .*package\.json leaves it out; add it/m);
    expect(readFileSync(join(w.out, 'widgets', 'package.json'), 'utf8')).not.toContain('@aws-sdk/client-widgets');
  });

  it('refuses an sdk-versions.json entry that is not an exact version, naming the file and package', async () => {
    const w = workspace();
    writeFileSync(join(w.apiModels, 'sdk-versions.json'), JSON.stringify({ '@aws-sdk/client-widgets': '^3.1.0' }));
    const r = await gen(w);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*sdk-versions\.json: @aws-sdk\/client-widgets: "\^3\.1\.0" is not an exact version/);
  });

  it('is byte-identical across runs, and --check agrees', async () => {
    const w = workspace();
    await gen(w);
    const first = readFileSync(join(w.out, 'widgets/crds/widgets.services.k8s.aws_widgets.yaml'), 'utf8');
    const second = workspace();
    await gen(second);
    expect(readFileSync(join(second.out, 'widgets/crds/widgets.services.k8s.aws_widgets.yaml'), 'utf8')).toBe(first);
    expect(first).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/); // no timestamps
    expect((await gen(w, '--check')).code).toBe(0);
  });

  it('--check exits 1 naming each file that differs or is stale', async () => {
    const w = workspace();
    await gen(w);
    const crd = join(w.out, 'widgets/crds/widgets.services.k8s.aws_widgets.yaml');
    writeFileSync(crd, readFileSync(crd, 'utf8') + '# edited\n');
    writeFileSync(join(w.out, 'widgets/crds/old.yaml'), '');
    const r = await gen(w, '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('differs  widgets/crds/widgets.services.k8s.aws_widgets.yaml');
    expect(r.stdout).toContain('stale    widgets/crds/old.yaml');
    expect(readFileSync(crd, 'utf8')).toContain('# edited'); // --check writes nothing
  });

  const oneLine = (r: { code: number; stderr: string }) => {
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  it('bad JSON: one line naming the file', async () => {
    const w = workspace('{"smithy": "2.0", "shapes": {');
    const r = await gen(w);
    oneLine(r);
    expect(r.stderr).toContain('widgets-2024-01-01.json');
  });

  it('a dangling target: one line naming the shape', async () => {
    const w = workspace(FIXTURE.replace('"target": "com.example.widgets#Size" }', '"target": "com.example.widgets#Sise" }'));
    const r = await gen(w);
    oneLine(r);
    expect(r.stderr).toMatch(/widgets-2024-01-01\.json: com\.example\.widgets#CreateWidgetRequest.*Sise/);
  });

  it('an unknown shape type: one line naming the shape', async () => {
    const w = workspace(FIXTURE.replace('"com.example.widgets#Size": { "type": "integer"', '"com.example.widgets#Size": { "type": "integr"'));
    const r = await gen(w);
    oneLine(r);
    expect(r.stderr).toMatch(/com\.example\.widgets#Size.*integr/);
  });

  it('a config key that names no operation: one line with the key path and a suggestion', async () => {
    const w = workspace();
    writeFileSync(join(w.apiModels, 'widgets/generator.yaml'), 'operations:\n  DescribeWidgit:\n    operation_type: readone\n    resource_name: Widget\n');
    const r = await gen(w);
    oneLine(r);
    expect(r.stderr).toMatch(/generator\.yaml: operations\.DescribeWidgit: .*did you mean "DescribeWidget"/);
  });

  it('an unknown config key: one line with the key path and a suggestion', async () => {
    const w = workspace();
    writeFileSync(join(w.apiModels, 'widgets/generator.yaml'), 'resources:\n  Widget:\n    fields:\n      Size:\n        is_immutabel: true\n');
    const r = await gen(w);
    oneLine(r);
    expect(r.stderr).toMatch(/resources\.Widget\.fields\.Size\.is_immutabel.*is_immutable/);
  });

  it('a pinned model whose sha256 differs: one line naming the file', async () => {
    const w = workspace();
    writeFileSync(
      join(w.apiModels, 'models.lock.json'),
      JSON.stringify({ repository: 'aws/api-models-aws', ref: 'main', services: { widgets: { path: 'widgets/service/2024-01-01/widgets-2024-01-01.json', sha256: '0'.repeat(64) } } }),
    );
    const r = await gen(w);
    oneLine(r);
    expect(r.stderr).toMatch(/widgets-2024-01-01\.json: sha256 mismatch/);
  });

  it('an unknown service: one line with a suggestion', async () => {
    const w = workspace();
    const r = await run(['widget', '--models-dir', w.models, '--api-models', w.apiModels, '--out', w.out]);
    oneLine(r);
    expect(r.stderr).toMatch(/no model for service "widget".*widgets/);
  });

  it('no service and no --all: a usage line', async () => {
    const w = workspace();
    const r = await run(['--models-dir', w.models, '--api-models', w.apiModels]);
    oneLine(r);
    expect(r.stderr).toContain('npm run generate -- sagemaker');
  });

  it('generates the real services from the repository config', async () => {
    const w = workspace();
    cpSync(join(__dirname, '../api-models'), w.apiModels, { recursive: true });
    const models = require('../test/support/models-dir').modelsDirForTests() as string;
    const r = await run(['--all', '--models-dir', models, '--api-models', w.apiModels, '--out', w.out, '--check']);
    expect(r.code).toBe(1); // an empty output tree is all "missing"
    expect(r.stdout).toMatch(/sagemaker: \d+ file\(s\) differ \(60 kinds/);
    expect(r.stdout).toContain('missing  sagemaker/crds/sagemaker.services.k8s.aws_trainingjobs.yaml');
    expect(r.stdout).toContain('missing  sagemaker/src/resources/training-job.ts');
    // progress: what it will do, a line per service as it finishes, and the total
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^checking \d+ services: application-auto-scaling, .*sagemaker/);
    const count = Number(/^checking (\d+)/.exec(lines[0]!)![1]);
    expect(lines.filter((l) => /^[\w-]+: \d+ file\(s\) differ \(\d+ kinds?, \d+ ms\)$/.test(l))).toHaveLength(count);
    expect(r.stdout).toMatch(new RegExp(`\\n${count} services in \\d+\\.\\d s\\n`));
  });
});
