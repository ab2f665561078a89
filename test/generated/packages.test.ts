import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSdkVersions } from '../../generator/sources/sdk-versions';

/**
 * Each generated controller is a package whose dependencies the repository's own install
 * satisfies exactly: in the repository, generated/<service>/ resolves them from the root
 * node_modules, so its pins must be the root's.
 */
const REPO = join(__dirname, '../..');
const root = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  workspaces: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const rootPins = { ...root.dependencies, ...root.devDependencies };
const table = parseSdkVersions(readFileSync(join(REPO, 'api-models/sdk-versions.json'), 'utf8'), 'api-models/sdk-versions.json');
const services = readdirSync(join(REPO, 'generated')).filter((s) => existsSync(join(REPO, 'generated', s, 'package.json')));

describe('generated controller packages', () => {
  it('runtime and api-models are the workspaces they link to', () => {
    expect(root.workspaces).toEqual(expect.arrayContaining(['runtime', 'api-models']));
    expect(JSON.parse(readFileSync(join(REPO, 'runtime/package.json'), 'utf8')).name).toBe('@ack-ts/runtime');
    expect(JSON.parse(readFileSync(join(REPO, 'api-models/package.json'), 'utf8')).name).toBe('@ack-ts/api-models');
  });

  it('the SDK version table agrees with every client the root package.json pins', () => {
    for (const [pkg, version] of Object.entries(rootPins)) if (pkg.startsWith('@aws-sdk/client-')) expect(`${pkg}@${table[pkg]}`).toBe(`${pkg}@${version}`);
  });

  it('the runtime declares, at the root pins, every npm package it imports', () => {
    const runtime = JSON.parse(readFileSync(join(REPO, 'runtime/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const [pkg, version] of Object.entries(runtime.dependencies)) expect(`${pkg}@${version}`).toBe(`${pkg}@${rootPins[pkg]}`);
  });

  it.each(services)('%s: links the workspaces and pins exactly what the root installs', (service) => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'generated', service, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@ack-ts/runtime']).toBe('file:../../runtime');
    const sdk = Object.keys(pkg.dependencies).filter((d) => d.startsWith('@aws-sdk/client-'));
    expect(sdk).toHaveLength(1);
    for (const [dep, version] of Object.entries(pkg.dependencies)) {
      if (version.startsWith('file:')) continue;
      expect(`${dep}@${version}`).toBe(`${dep}@${rootPins[dep]}`);
    }
  });
});
