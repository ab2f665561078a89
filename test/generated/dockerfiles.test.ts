import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE_RUNTIME, LAYER_FILES } from '../../generator/image/spec';
import { dockerfileConfig, dockerfileProblems, parseDockerfile } from '../support/dockerfile';

// No Docker engine (nor hadolint in Debian's archive) here: the committed Dockerfiles are checked
// statically against the settings `npm run image` gives the image (test/integration/image.test.ts
// compares them with a built image too).
const REPO = join(__dirname, '../..');
const services = readdirSync(join(REPO, 'generated')).filter((s) => existsSync(join(REPO, 'generated', s, 'Dockerfile')));
const layers = [LAYER_FILES.debian, LAYER_FILES.node, LAYER_FILES.app];
const read = (service: string) => readFileSync(join(REPO, 'generated', service, 'Dockerfile'), 'utf8');

describe('generated Dockerfiles', () => {
  it('exist for every generated controller', () => {
    expect(services).toEqual(expect.arrayContaining(['sagemaker', 'application-auto-scaling']));
  });

  it.each(services)('%s: FROM scratch plus the pinned layers, non-root, nothing run at build time', (service) => {
    expect(dockerfileProblems(read(service), layers)).toEqual([]);
  });

  it.each(services)('%s: configures the image as `npm run image` does (user, env, entrypoint with the heap limits)', (service) => {
    const { MEMORY_FLAGS } = require('../../runtime/bin/controller.cjs') as { MEMORY_FLAGS: string[] };
    const c = dockerfileConfig(read(service));
    expect(c).toMatchObject({ user: IMAGE_RUNTIME.user, env: IMAGE_RUNTIME.env, workingDir: IMAGE_RUNTIME.workingDir, exposedPorts: IMAGE_RUNTIME.exposedPorts });
    expect(c.entrypoint).toEqual(IMAGE_RUNTIME.entrypoint);
    expect(c.entrypoint).toEqual(expect.arrayContaining(MEMORY_FLAGS));
  });
});

describe('dockerfileProblems', () => {
  const good = read('sagemaker');
  const problemsWith = (edit: (t: string) => string) => dockerfileProblems(edit(good), layers);

  it('parses stages and continuation lines', () => {
    const stages = parseDockerfile('FROM a:1 AS x\nRUN one \\\n  two\nFROM b:2\nCOPY --from=x /a /b\n');
    expect(stages).toEqual([
      { from: 'a:1', name: 'x', instructions: [{ line: 2, op: 'RUN', args: 'one two' }] },
      { from: 'b:2', instructions: [{ line: 5, op: 'COPY', args: '--from=x /a /b' }] },
    ]);
  });

  it.each([
    ['an unchecked base', (t: string) => t.replace('FROM scratch', 'FROM node:22.23.3-alpine'), 'an image this machine cannot check'],
    ['a layer left out', (t: string) => t.replace(/^ADD node\.tar\.gz \/$/m, ''), 'ADD debian.tar.gz /, app.tar.gz /: expected'],
    ['a build step', (t: string) => t.replace('WORKDIR', 'RUN npm ci\nWORKDIR'), 'RUN: nothing runs at build time'],
    ['a root user', (t: string) => t.replace(/^USER .*$/m, 'USER root'), 'numeric non-root uid'],
    ['no USER', (t: string) => t.replace(/^USER .*$/m, ''), 'runs as root'],
    ['a shell-form entrypoint', (t: string) => t.replace(/^ENTRYPOINT .*$/m, 'ENTRYPOINT node main.js'), 'exec form'],
    ['two stages', (t: string) => `FROM scratch AS x\n${t}`, '2 stages'],
  ])('flags %s', (_, edit, expected) => {
    expect(problemsWith(edit).join('\n')).toContain(expected);
  });
});
