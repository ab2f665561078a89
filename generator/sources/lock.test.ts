import { resolve } from 'node:path';
import { GeneratorError } from '../errors';
import { formatLock, parseLock, readLock } from './lock';
import { locateModel } from './locate';
import { modelsDirForTests } from '../../test/support/models-dir';

const MODELS = modelsDirForTests();
const LOCK_FILE = resolve(__dirname, '../../api-models/models.lock.json');
const SHA = 'a'.repeat(64);

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof GeneratorError) return e.format();
    throw e;
  }
  throw new Error('expected a GeneratorError');
}

describe('models lock', () => {
  it('the repo lock pins sagemaker and application-auto-scaling, and the shared models match it', () => {
    const lock = readLock(LOCK_FILE);
    expect(lock.repository).toBe('aws/api-models-aws');
    expect(lock.ref).toBe('main');
    // Other services join over time; these two are pinned from the start.
    expect(Object.keys(lock.services)).toEqual(expect.arrayContaining(['application-auto-scaling', 'sagemaker']));
    expect(lock.services.sagemaker!.path).toBe('sagemaker/service/2017-07-24/sagemaker-2017-07-24.json');
    for (const service of Object.keys(lock.services)) {
      expect(locateModel(MODELS, service, lock)).toBe(resolve(MODELS, lock.services[service]!.path));
    }
  });

  it('formatLock sorts services and round-trips', () => {
    const lock = {
      repository: 'aws/api-models-aws',
      ref: 'main',
      services: { b: { path: 'b/service/1/b-1.json', sha256: SHA }, a: { path: 'a/service/1/a-1.json', sha256: SHA } },
    };
    const text = formatLock(lock);
    expect(text.indexOf('"a"')).toBeLessThan(text.indexOf('"b"'));
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseLock(text, 'l.json')).toEqual(lock);
  });

  it('rejects malformed locks with the key path', () => {
    const ok = { repository: 'aws/api-models-aws', ref: 'main', services: {} };
    const parse = (v: unknown) => () => parseLock(typeof v === 'string' ? v : JSON.stringify(v), 'l.json');
    expect(errorOf(parse('{'))).toMatch(/^l\.json: invalid JSON: /);
    expect(errorOf(parse([]))).toBe('l.json: the lock file must be a JSON object');
    expect(errorOf(parse({ ...ok, repository: '' }))).toBe('l.json: repository: must be a non-empty string');
    expect(errorOf(parse({ ...ok, services: [] }))).toBe('l.json: services: must be an object of {path, sha256} by service name');
    expect(errorOf(parse({ ...ok, services: { s: { path: 'x/service/1/x.json', sha256: SHA } } }))).toBe(
      'l.json: services.s.path: must be "s/service/<version>/<file>.json" (the api-models-aws layout)',
    );
    expect(errorOf(parse({ ...ok, services: { s: { path: 's/service/1/s-1.json', sha256: 'ABC' } } }))).toBe(
      'l.json: services.s.sha256: must be 64 lower-case hex digits',
    );
    expect(errorOf(() => readLock('/nonexistent/models.lock.json'))).toBe(
      '/nonexistent/models.lock.json: cannot read the models lock file: ENOENT',
    );
  });
});
