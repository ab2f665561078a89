import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { dockerfileProblems, parseDockerfile } from '../support/dockerfile';

// No Docker engine (nor hadolint in Debian's archive) here: the committed Dockerfiles are checked statically.
const REPO = join(__dirname, '../..');
const services = readdirSync(join(REPO, 'generated')).filter((s) => existsSync(join(REPO, 'generated', s, 'Dockerfile')));

describe('generated Dockerfiles', () => {
  it('exist for every generated controller', () => {
    expect(services).toEqual(expect.arrayContaining(['sagemaker', 'application-auto-scaling']));
  });

  it.each(services)('%s: multi-stage, pinned Node 22, npm ci --omit=dev, non-root, runs dist/main.js', (service) => {
    const text = readFileSync(join(REPO, 'generated', service, 'Dockerfile'), 'utf8');
    expect(dockerfileProblems(text, service, REPO)).toEqual([]);
  });

  it.each(services)('%s: runs with the heap limits `npm run controller` uses', (service) => {
    const { MEMORY_FLAGS } = require('../../runtime/bin/controller.cjs') as { MEMORY_FLAGS: string[] };
    const text = readFileSync(join(REPO, 'generated', service, 'Dockerfile'), 'utf8');
    expect(text).toContain(`ENTRYPOINT ["node", ${MEMORY_FLAGS.map((f) => `"${f}"`).join(', ')}, "generated/${service}/dist/main.js"]`);
  });
});

describe('dockerfileProblems', () => {
  const good = readFileSync(join(REPO, 'generated', 'sagemaker', 'Dockerfile'), 'utf8');
  const problemsWith = (edit: (t: string) => string) => dockerfileProblems(edit(good), 'sagemaker', REPO);

  it('parses stages and continuation lines', () => {
    const stages = parseDockerfile('FROM a:1 AS x\nRUN one \\\n  two\nFROM b:2\nCOPY --from=x /a /b\n');
    expect(stages).toEqual([
      { from: 'a:1', name: 'x', instructions: [{ line: 2, op: 'RUN', args: 'one two' }] },
      { from: 'b:2', instructions: [{ line: 5, op: 'COPY', args: '--from=x /a /b' }] },
    ]);
  });

  it.each([
    ['an unpinned base', (t: string) => t.replace(/node:22\.\d+\.\d+-alpine/g, 'node:latest'), 'not a minimal Node image'],
    ['Node 20', (t: string) => t.replace(/node:22\./g, 'node:20.'), 'not Node 22'],
    ['a root user', (t: string) => t.replace(/^USER .*$/m, 'USER root'), 'numeric non-root uid'],
    ['no USER', (t: string) => t.replace(/^USER .*$/m, ''), 'runs as root'],
    ['another entrypoint', (t: string) => t.replace(/^ENTRYPOINT .*$/m, 'ENTRYPOINT node main.js'), 'exec form'],
    ['dev dependencies shipped', (t: string) => t.replace('npm ci --omit=dev', 'npm ci'), 'npm ci --omit=dev'],
    ['a missing context path', (t: string) => t.replace('COPY runtime/ runtime/', 'COPY nowhere/ runtime/'), 'COPY nowhere/'],
    ['a single stage', (t: string) => t.slice(t.lastIndexOf('FROM ')), 'not multi-stage'],
  ])('flags %s', (_, edit, expected) => {
    expect(problemsWith(edit).join('\n')).toContain(expected);
  });
});
