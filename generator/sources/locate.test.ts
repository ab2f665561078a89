import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorError } from '../errors';
import { sha256Hex } from './hash';
import { knownServices, locateModel } from './locate';
import type { ModelsLock } from './lock';
import { modelsDirWith, tinyModel } from './test-fixtures';
import { modelsDirForTests } from '../../test/support/models-dir';

const MODELS = modelsDirForTests();

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof GeneratorError) return e.format();
    throw e;
  }
  throw new Error('expected a GeneratorError');
}

describe('locateModel', () => {
  const foo = tinyModel('foo');
  const dir = modelsDirWith({
    'foo/service/2019-01-01/foo-2019-01-01.json': foo,
    'foo/service/2021-05-05/foo-2021-05-05.json': foo,
    'foo/service/2020-02-02/foo-2020-02-02.json': foo,
    'foo-bar/service/2018-01-01/foo-bar-2018-01-01.json': tinyModel('foo-bar'),
    'sqs/service/2012-11-05/sqs-2012-11-05.json': tinyModel('sqs'),
    'sns/service/2010-03-31/sns-2010-03-31.json': tinyModel('sns'),
    'odd/service/2020-01-01/notes.txt': 'x',
    'LICENSE/x': '',
  });
  mkdirSync(join(dir, 'empty', 'service'), { recursive: true });
  const lock = (sha256: string): ModelsLock => ({
    repository: 'aws/api-models-aws',
    ref: 'main',
    services: { foo: { path: 'foo/service/2019-01-01/foo-2019-01-01.json', sha256 } },
  });

  it('an unlocked service: the newest version folder', () => {
    expect(locateModel(dir, 'foo')).toBe(join(dir, 'foo/service/2021-05-05/foo-2021-05-05.json'));
    expect(locateModel(dir, 'sqs', lock(sha256Hex(foo)))).toBe(join(dir, 'sqs/service/2012-11-05/sqs-2012-11-05.json'));
  });

  it('a locked service: the pinned path, sha256 verified', () => {
    expect(locateModel(dir, 'foo', lock(sha256Hex(foo)))).toBe(join(dir, 'foo/service/2019-01-01/foo-2019-01-01.json'));
  });

  it('a locked service with a different file: both hashes in one line', () => {
    const wrong = 'b'.repeat(64);
    const file = join(dir, 'foo/service/2019-01-01/foo-2019-01-01.json');
    expect(errorOf(() => locateModel(dir, 'foo', lock(wrong)))).toBe(
      `${file}: sha256 mismatch for the pinned foo model: expected ${wrong}, got ${sha256Hex(foo)} ` +
        '(the local copy differs from api-models/models.lock.json; use the pinned revision or update the lock)',
    );
  });

  it('a locked service whose pinned file is missing', () => {
    const l = lock(sha256Hex(foo));
    l.services.foo!.path = 'foo/service/2000-01-01/foo-2000-01-01.json';
    expect(errorOf(() => locateModel(dir, 'foo', l))).toBe(
      `${join(dir, l.services.foo!.path)}: the pinned foo model is missing ` +
        `(the models dir must hold aws/api-models-aws files, including ${l.services.foo!.path})`,
    );
  });

  it('an unknown service: did-you-mean', () => {
    expect(errorOf(() => locateModel(dir, 'sqss'))).toBe(`${dir}: no model for service "sqss" (did you mean sqs?)`);
    expect(errorOf(() => locateModel(dir, 'fo'))).toBe(`${dir}: no model for service "fo" (did you mean foo?)`);
    expect(errorOf(() => locateModel(dir, 'zzzzzz'))).toBe(
      `${dir}: no model for service "zzzzzz" (service names are the folder names of aws/api-models-aws, e.g. sagemaker, sqs)`,
    );
  });

  it('a service folder without a model file', () => {
    expect(errorOf(() => locateModel(dir, 'empty'))).toBe(
      `${join(dir, 'empty/service')}: no empty-<version>.json model file found (expected <service>/service/<version>/<service>-<version>.json)`,
    );
    expect(errorOf(() => locateModel(dir, 'odd'))).toMatch(/odd\/service\/2020-01-01: no odd-<version>.json model file found/);
  });

  it('knownServices lists folders with a service/ folder', () => {
    expect(knownServices(dir)).toEqual(['empty', 'foo', 'foo-bar', 'odd', 'sns', 'sqs']);
    expect(knownServices(join(dir, 'nope'))).toEqual([]);
  });

  it('finds real models, e.g. sqs, and suggests real names', () => {
    expect(locateModel(MODELS, 'sqs')).toBe(join(MODELS, 'sqs/service/2012-11-05/sqs-2012-11-05.json'));
    expect(errorOf(() => locateModel(MODELS, 'sagemakr'))).toContain('(did you mean sagemaker');
  });
});
