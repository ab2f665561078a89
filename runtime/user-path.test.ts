import { userCwd, userPath } from './user-path';

describe('userPath', () => {
  it('resolves a relative path against the current directory', () => {
    expect(userPath('../shared/api-models', {}, '/work/repo')).toBe('/work/shared/api-models');
    expect(userPath('out', {}, '/tmp/x')).toBe('/tmp/x/out');
  });

  it('keeps an absolute path', () => {
    expect(userPath('/abs/models', { INIT_CWD: '/elsewhere', npm_package_json: '/work/repo/package.json' }, '/work/repo')).toBe('/abs/models');
  });

  it('under `npm run`, resolves against the directory the user ran npm in (INIT_CWD)', () => {
    const npm = { INIT_CWD: '/work/repo/generated', npm_package_json: '/work/repo/package.json' };
    expect(userCwd(npm, '/work/repo')).toBe('/work/repo/generated');
    expect(userPath('../../shared/api-models', npm, '/work/repo')).toBe('/work/shared/api-models');
  });

  it('ignores an inherited INIT_CWD once a child runs somewhere else', () => {
    const npm = { INIT_CWD: '/work/repo/generated', npm_package_json: '/work/repo/package.json' };
    expect(userPath('models', npm, '/tmp/scratch')).toBe('/tmp/scratch/models');
  });
});
