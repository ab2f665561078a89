import { evaluate, firstResult, parsePath, PathSyntaxError } from './path';

const endpoint = {
  spec: { endpointName: 'ep-1', 'odd-key': 'dash', tags: [{ key: 'team', value: 'a' }, { key: 'env', value: 'prod' }] },
  status: {
    ackResourceMetadata: { arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep-1' },
    modelArtifacts: { s3ModelArtifacts: 's3://b/out/model.tar.gz' },
    conditions: [
      { type: 'ACK.ResourceSynced', status: 'True' },
      { type: 'Ready', status: 'False' },
    ],
    productionVariants: [{ currentInstanceCount: 2, currentWeight: 0.5 }],
    enabled: true,
  },
};

const first = (path: string) => firstResult(parsePath(path), endpoint);

describe('FieldExport paths (the jq subset)', () => {
  it.each([
    ['.spec.endpointName', 'ep-1'],
    ['.status.ackResourceMetadata.arn', 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep-1'],
    ['.status.modelArtifacts.s3ModelArtifacts', 's3://b/out/model.tar.gz'],
    ['.spec."odd-key"', 'dash'],
    ['.spec["odd-key"]', 'dash'],
    ['.["spec"].endpointName', 'ep-1'],
    ['.spec.tags[1].value', 'prod'],
    ['.spec.tags[-1].key', 'env'],
    ['.spec.tags.[0].key', 'team'],
    ['.spec.tags[].key', 'team'],
    ['.status.productionVariants[0].currentInstanceCount', 2],
    ['.status.productionVariants[0].currentWeight', 0.5],
    ['.status.enabled', true],
    ['.status.conditions[] | select(.type == "ACK.ResourceSynced") | .status', 'True'],
    ['.status.conditions[] | select(.type != "ACK.ResourceSynced") | .type', 'Ready'],
    ['.spec.tags[] | select(.key == "env").value', 'prod'],
    ['.spec | .endpointName', 'ep-1'],
    [' .spec.endpointName? ', 'ep-1'],
  ])('%s → %p', (path, want) => {
    expect(first(path)).toEqual(want);
  });

  it('the whole object with "."; structures as they are', () => {
    expect(first('.')).toBe(endpoint);
    expect(first('.spec.tags[0]')).toEqual({ key: 'team', value: 'a' });
  });

  it('a missing field is null, as in jq, and an empty stream has no first result', () => {
    expect(first('.spec.nope')).toBeNull();
    expect(first('.spec.nope.deeper[3]')).toBeNull();
    expect(first('.spec.tags[9]')).toBeNull();
    expect(first('.spec.endpointName.x')).toBeNull();
    expect(first('.spec.tags[] | select(.key == "none") | .value')).toBeUndefined();
    expect(first('.spec.nope[]')).toBeUndefined();
  });

  it('iterates every element in order', () => {
    expect([...evaluate(parsePath('.spec.tags[].value'), endpoint)]).toEqual(['a', 'prod']);
  });

  it.each([
    ['', 'the path is empty at column 1'],
    ['spec.endpointName', 'expected a path starting with "." at column 1'],
    ['.spec.', 'expected a field name after "." at column 7'],
    ['.spec[', 'expected an integer index, a quoted key or "]" at column 7'],
    ['.spec[1', 'expected "]" at column 8'],
    ['.spec[1.5]', 'expected an integer index, a quoted key or "]" at column 7'],
    ['..', 'recursive descent ".." is not supported at column 1'],
    ['.a | length', 'expected a path starting with "." at column 6'],
    ['.a + 1', 'unexpected "+" at column 4'],
    ['.a."b', 'unterminated string at column 4'],
    ['select(.a)', 'expected == or != in select() at column 10'],
    ['select(.a == x)', 'expected a string, number, true, false or null at column 14'],
  ])('refuses %p: %s', (path, message) => {
    expect(() => parsePath(path)).toThrow(new PathSyntaxError(message));
  });

  it('select compares numbers, booleans and null too', () => {
    const doc = { items: [{ n: 1, ok: false, v: 'a' }, { n: 2, ok: true, v: 'b' }, { n: null, v: 'c' }] };
    expect(firstResult(parsePath('.items[] | select(.n == 2) | .v'), doc)).toBe('b');
    expect(firstResult(parsePath('.items[] | select(.ok == true) | .v'), doc)).toBe('b');
    expect(firstResult(parsePath('.items[] | select(.n == null) | .v'), doc)).toBe('c');
  });
});
