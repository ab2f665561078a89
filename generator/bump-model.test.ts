import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sha256Hex } from './sources';
import { modelsDirForTests } from '../test/support/models-dir';
import { main as bumpModel } from './bump-model';
import { main as generate } from './cli';

// Two versions of a model, made by editing a copy in a temp dir: the script must pin the
// newest, report the CRD changes, and refuse breaking ones unless told otherwise.
const SERVICE = 'application-auto-scaling';
const V1 = `${SERVICE}/service/2016-02-06/${SERVICE}-2016-02-06.json`;
const REQUEST = 'com.amazonaws.applicationautoscaling#RegisterScalableTargetRequest';

let root: string;
let models: string;
let apiModels: string;
let out: string;
let stdout: string;

type Model = { shapes: Record<string, { members?: Record<string, { target: string }> }> };

function writeVersion(version: string, edit: (m: Model) => void): string {
  const path = `${SERVICE}/service/${version}/${SERVICE}-${version}.json`;
  const model = JSON.parse(readFileSync(join(models, V1), 'utf8')) as Model;
  edit(model);
  mkdirSync(dirname(join(models, path)), { recursive: true });
  writeFileSync(join(models, path), JSON.stringify(model));
  return path;
}

const lock = () => JSON.parse(readFileSync(join(apiModels, 'models.lock.json'), 'utf8')).services[SERVICE];
const crd = () => readFileSync(join(out, SERVICE, 'crds', 'applicationautoscaling.services.k8s.aws_scalabletargets.yaml'), 'utf8');
const run = (...args: string[]) => bumpModel([SERVICE, '--models-dir', models, '--api-models', apiModels, '--out', out, ...args]);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bump-model-test-'));
  models = join(root, 'models');
  apiModels = join(root, 'api-models');
  out = join(root, 'generated');
  mkdirSync(dirname(join(models, V1)), { recursive: true });
  copyFileSync(join(modelsDirForTests(), V1), join(models, V1));
  cpSync(join(__dirname, '../api-models', SERVICE, 'generator.yaml'), join(apiModels, SERVICE, 'generator.yaml'), { recursive: true });
  const sha256 = sha256Hex(readFileSync(join(models, V1)));
  writeFileSync(join(apiModels, 'models.lock.json'), JSON.stringify({ repository: 'aws/api-models-aws', ref: 'main', services: { [SERVICE]: { path: V1, sha256 } } }));
  const silence = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  expect(await generate([SERVICE, '--models-dir', models, '--api-models', apiModels, '--out', out])).toBe(0);
  silence.mockRestore();
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(() => {
  stdout = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
});
afterEach(() => jest.restoreAllMocks());

describe('npm run bump-model', () => {
  it('does nothing when the newest model is the pinned one', async () => {
    expect(await run()).toBe(0);
    expect(stdout).toContain(`already pinned to ${V1}`);
  }, 60_000);

  it('pins a compatible new version, regenerates, and reports the added field', async () => {
    const v2 = writeVersion('2016-02-07', (m) => {
      m.shapes[REQUEST]!.members!['WarmPoolSize'] = { target: 'com.amazonaws.applicationautoscaling#ResourceCapacity' };
    });
    expect(await run()).toBe(0);
    expect(stdout).toContain('+ ScalableTarget spec.warmPoolSize (integer)');
    expect(stdout).toContain('compatible');
    expect(lock()).toEqual({ path: v2, sha256: sha256Hex(readFileSync(join(models, v2))) });
    expect(crd()).toContain('warmPoolSize:');
  }, 60_000);

  it('refuses a removed field and a changed type, changing nothing, unless --allow-breaking', async () => {
    const pinnedBefore = lock();
    const crdBefore = crd();
    const v3 = writeVersion('2016-02-08', (m) => {
      const members = m.shapes[REQUEST]!.members!;
      members['WarmPoolSize'] = { target: 'com.amazonaws.applicationautoscaling#ResourceCapacity' };
      delete members['SuspendedState'];
      members['MinCapacity'] = { target: 'com.amazonaws.applicationautoscaling#ResourceIdMaxLen1600' };
    });
    expect(await run()).toBe(1);
    expect(stdout).toContain('- ScalableTarget spec.suspendedState (object)  BREAKING: field removed');
    expect(stdout).toContain('~ ScalableTarget spec.minCapacity: integer → string  BREAKING: type changed');
    expect(stdout).toContain('nothing was changed');
    expect(lock()).toEqual(pinnedBefore);
    expect(crd()).toBe(crdBefore);

    expect(await run('--allow-breaking')).toBe(0);
    expect(lock().path).toBe(v3);
    expect(crd()).not.toContain('suspendedState:');
  }, 60_000);

  it('says in one line what is missing', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await bumpModel([SERVICE, '--api-models', apiModels, '--out', out, '--models-dir', join(root, 'nowhere')])).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/^error: .*nowhere.*\n$/);
  });
});
