import { exportText, keyProblem, keyRemoval, targetWrite } from './target';

const where = { namespace: 'app', name: 'out' };
const labels = { 'app.kubernetes.io/managed-by': 'ack-sagemaker-controller' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('exportText', () => {
  it("strings as they are, numbers and booleans as jq prints them, structures as JSON; nothing for null or missing", () => {
    expect(exportText('ep-1')).toBe('ep-1');
    expect(exportText('')).toBe('');
    expect(exportText(3)).toBe('3');
    expect(exportText(0.25)).toBe('0.25');
    expect(exportText(false)).toBe('false');
    expect(exportText({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(exportText(null)).toBeUndefined();
    expect(exportText(undefined)).toBeUndefined();
  });
});

describe('targetWrite', () => {
  it('patches only the key into an existing ConfigMap, leaving its other keys alone', () => {
    const w = targetWrite('configmap', where, { metadata: { name: 'out' }, data: { other: 'kept' } }, 'app.ep', 'ep-1', labels);
    expect(w).toEqual({ kind: 'patch', patch: { data: { 'app.ep': 'ep-1' } } });
  });

  it('writes nothing when the key already holds the value (an idle re-export is no write)', () => {
    expect(targetWrite('configmap', where, { metadata: { name: 'out' }, data: { k: 'v' } }, 'k', 'v', labels)).toEqual({ kind: 'none' });
    expect(targetWrite('secret', where, { metadata: { name: 'out' }, data: { k: b64('v') } }, 'k', 'v', labels)).toEqual({ kind: 'none' });
  });

  it('base64-encodes Secret data, and compares decoded', () => {
    expect(targetWrite('secret', where, { metadata: { name: 'out' }, data: { k: b64('old') } }, 'k', 'new', labels)).toEqual({ kind: 'patch', patch: { data: { k: b64('new') } } });
  });

  it('creates a missing target holding the key, labelled as made by the controller', () => {
    expect(targetWrite('configmap', where, undefined, 'k', 'v', labels)).toEqual({
      kind: 'create',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'out', namespace: 'app', labels }, data: { k: 'v' } },
    });
    expect(targetWrite('secret', where, undefined, 'k', 'v', labels)).toEqual({
      kind: 'create',
      body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'out', namespace: 'app', labels }, type: 'Opaque', data: { k: b64('v') } },
    });
  });
});

describe('keyRemoval', () => {
  it('nulls the key when the target has it; nothing otherwise', () => {
    expect(keyRemoval({ metadata: { name: 'out' }, data: { k: 'v', other: 'x' } }, 'k')).toEqual({ data: { k: null } });
    expect(keyRemoval({ metadata: { name: 'out' }, data: { other: 'x' } }, 'k')).toBeUndefined();
    expect(keyRemoval(undefined, 'k')).toBeUndefined();
  });
});

describe('keyProblem', () => {
  it("accepts ACK's default key and refuses what the API server would", () => {
    expect(keyProblem('team-a.endpoint-name')).toBeUndefined();
    expect(keyProblem('ENDPOINT_NAME')).toBeUndefined();
    expect(keyProblem('has space')).toMatch(/"has space" is not a valid ConfigMap or Secret key/);
    expect(keyProblem('a/b')).toBeDefined();
    expect(keyProblem('..')).toBeDefined();
    expect(keyProblem('x'.repeat(254))).toBeDefined();
  });
});
