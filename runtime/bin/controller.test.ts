import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { commandFor, MEMORY_FLAGS } = require('./controller.cjs') as {
  commandFor(root: string, service: string | undefined): { args?: string[]; error?: string };
  MEMORY_FLAGS: string[];
};

describe('npm run controller launcher', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'launcher-'));
    mkdirSync(join(root, 'generated', 'svc', 'src'), { recursive: true });
    writeFileSync(join(root, 'generated', 'svc', 'src', 'main.ts'), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the sources through tsx with the memory flags', () => {
    expect(commandFor(root, 'svc').args).toEqual([...MEMORY_FLAGS, '--import', 'tsx', join(root, 'generated', 'svc', 'src', 'main.ts')]);
    expect(MEMORY_FLAGS).toEqual(['--max-semi-space-size=1', '--max-old-space-size=96']);
  });

  it('prefers the built dist/main.js', () => {
    mkdirSync(join(root, 'generated', 'svc', 'dist'));
    writeFileSync(join(root, 'generated', 'svc', 'dist', 'main.js'), '');
    expect(commandFor(root, 'svc').args).toEqual([...MEMORY_FLAGS, join(root, 'generated', 'svc', 'dist', 'main.js')]);
  });

  it('names the services it knows when the service is missing or unknown', () => {
    expect(commandFor(root, undefined).error).toBe('usage: npm run controller -- <service> [flags]; services: svc');
    expect(commandFor(root, '--aws-region').error).toMatch(/^usage: /);
    expect(commandFor(root, 'nope').error).toMatch(/^no controller for "nope" \(generated\/nope\/src\/main.ts is missing\)\. usage: .*services: svc$/);
  });
});
