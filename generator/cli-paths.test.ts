import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspace } from './cli-workspace';

/**
 * Relative path options and variables of `npm run generate` and `npm run bump-model` resolve against
 * the directory the user typed the command in, run as the user runs them (node, and npm from elsewhere).
 */
const REPO = join(__dirname, '..');
const CRD = 'widgets/crds/widgets.services.k8s.aws_widgets.yaml';

function node(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean = { ...process.env, INIT_CWD: '', npm_package_json: '', ACK_TS_MODELS_DIR: '', ...env };
  return spawnSync(process.execPath, [join(REPO, 'generator/run.cjs'), ...args], { cwd, env: clean, encoding: 'utf8' });
}

/** `npm run` from `cwd`: npm runs the script in the repository root and passes the caller's directory as INIT_CWD. */
function npmRun(cwd: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean = { ...process.env, INIT_CWD: '', npm_package_json: '', ACK_TS_MODELS_DIR: '', ...env };
  return spawnSync('npm', ['--prefix', REPO, 'run', '-s', script, '--', ...args], { cwd, env: clean, encoding: 'utf8' });
}

describe('relative paths of the generator', () => {
  it('--models-dir, --api-models, --out and --summary resolve against the current directory', () => {
    const w = workspace();
    const r = node(w.root, ['widgets', '--models-dir', 'models', '--api-models', 'api-models', '--out', 'out', '--summary', 'reports/s.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^widgets: 1 kind → out\/widgets \(\d+ ms\)\n$/); // printed relative to where the user is
    expect(existsSync(join(w.out, CRD))).toBe(true);
    expect(JSON.parse(readFileSync(join(w.root, 'reports/s.json'), 'utf8'))[0].kinds).toEqual(['Widget']);
  });

  it('ACK_TS_MODELS_DIR resolves against the current directory', () => {
    const w = workspace();
    const r = node(w.root, ['widgets', '--api-models', 'api-models', '--out', 'out'], { ACK_TS_MODELS_DIR: 'models' });
    expect(r.stderr).toBe('');
    expect(existsSync(join(w.out, CRD))).toBe(true);
  });

  it('a relative --models-dir that does not exist is named absolute in the one-line error', () => {
    const w = workspace();
    const r = node(w.root, ['widgets', '--models-dir', 'nowhere', '--api-models', 'api-models', '--out', 'out']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: ${join(w.root, 'nowhere')}: --models-dir: not a directory (point at a local copy of github.com/aws/api-models-aws with --models-dir DIR or ACK_TS_MODELS_DIR=DIR)\n`);
  });

  it('under `npm run generate` from another directory, paths are relative to that directory, not the repository', () => {
    const w = workspace();
    const sub = join(w.root, 'sub');
    mkdirSync(sub);
    const r = npmRun(sub, 'generate', ['widgets', '--api-models', '../api-models', '--out', '../out', '--summary', 's.json'], {
      ACK_TS_MODELS_DIR: relative(sub, w.models),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(w.out, CRD))).toBe(true);
    expect(existsSync(join(sub, 's.json'))).toBe(true);
  });

  it('`npm run bump-model` resolves --models-dir, --api-models and --out against the caller directory', () => {
    const w = workspace();
    writeFileSync(join(w.apiModels, 'models.lock.json'), JSON.stringify({ repository: 'aws/api-models-aws', ref: 'main', services: {} }));
    const r = npmRun(w.root, 'bump-model', ['widgets', '--models-dir', 'models', '--api-models', 'api-models', '--out', 'out'], {});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(w.apiModels, 'models.lock.json'), 'utf8')).services.widgets.path).toBe('widgets/service/2024-01-01/widgets-2024-01-01.json');
    expect(existsSync(join(w.out, CRD))).toBe(true);
  });
});
