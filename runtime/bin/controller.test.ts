import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { commandFor, exitStatus, MEMORY_FLAGS } = require('./controller.cjs') as {
  commandFor(root: string, service: string | undefined): { args?: string[]; env?: Record<string, string>; error?: string };
  exitStatus(code: number | null, signal: string | null): number;
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

  it('runs the sources through tsx (by absolute URL, with the repository tsconfig) with the memory flags', () => {
    const cmd = commandFor(root, 'svc');
    expect(cmd.args).toEqual([...MEMORY_FLAGS, '--import', pathToFileURL(require.resolve('tsx')).href, join(root, 'generated', 'svc', 'src', 'main.ts')]);
    expect(cmd.env).toEqual({ TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') });
    expect(MEMORY_FLAGS).toEqual(['--max-semi-space-size=1', '--max-old-space-size=96']);
  });

  it('exits as a shell reports its child: the code, else 128 + the signal number', () => {
    expect(exitStatus(0, null)).toBe(0);
    expect(exitStatus(3, null)).toBe(3);
    expect(exitStatus(null, 'SIGTERM')).toBe(143);
    expect(exitStatus(null, 'SIGINT')).toBe(130);
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
