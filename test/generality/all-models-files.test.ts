import { readdirSync } from 'node:fs';
import { generateService } from '../../generator/pipeline';
import { locateModel } from '../../generator/sources/locate';
import { readModel } from '../../generator/sources/read';
import { modelsDirForTests } from '../support/models-dir';

/**
 * Every file generated for every AWS model (verb rules only, controller included) is clean text:
 * no C0/C1 control characters besides tab and newline, which strict YAML parsers (PyYAML) refuse
 * and which have no business in JSON or TypeScript either. Docs carry some (U+0096 in RDS's).
 */
const modelsDir = modelsDirForTests();
const services = readdirSync(modelsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
  .map((d) => d.name)
  .sort();

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test(`no control characters in any file generated for the ${services.length} models`, () => {
  const dirty: string[] = [];
  let files = 0;
  for (const service of services) {
    const index = readModel(locateModel(modelsDir, service));
    const out = generateService({ service, index, config: {}, configFile: '(none)', typescript: {} });
    for (const [path, text] of out.files) {
      files++;
      const m = CONTROL.exec(text);
      if (m) dirty.push(`${service}/${path}: U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}`);
    }
  }
  expect(dirty).toEqual([]);
  expect(files).toBeGreaterThan(5000);
});
