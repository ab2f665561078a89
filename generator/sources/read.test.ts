import { join } from 'node:path';
import { GeneratorError } from '../errors';
import { readModel } from './read';
import { modelsDirWith, tinyModel } from './test-fixtures';

describe('readModel', () => {
  const dir = modelsDirWith({ 'ok.json': tinyModel('foo'), 'bad.json': '{"smithy": "2.0", "shapes": {' });

  it('reads and indexes a model', () => {
    const idx = readModel(join(dir, 'ok.json'));
    expect(idx.file).toBe(join(dir, 'ok.json'));
    expect(idx.service.id).toBe('com.amazonaws.foo#Svc');
  });

  it('reports a missing or malformed file as a GeneratorError naming it', () => {
    expect(() => readModel(join(dir, 'missing.json'))).toThrow(GeneratorError);
    expect(() => readModel(join(dir, 'missing.json'))).toThrow('cannot read the model: ENOENT');
    try {
      readModel(join(dir, 'bad.json'));
      throw new Error('expected a GeneratorError');
    } catch (e) {
      expect((e as GeneratorError).format()).toBe(`${join(dir, 'bad.json')}: invalid JSON at 1:30: unexpected end of input`);
    }
  });
});
