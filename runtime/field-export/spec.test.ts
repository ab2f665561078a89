import type { KubeObject } from '../k8s/types';
import { readFieldExportSpec, sourceGroup, targetKey, targetPlace } from './spec';

const fe = (spec: Record<string, unknown>, namespace = 'team-a'): KubeObject => ({ apiVersion: 'services.k8s.aws/v1alpha1', kind: 'FieldExport', metadata: { name: 'ep-name', namespace }, spec });
const valid = {
  from: { resource: { group: 'sagemaker.services.k8s.aws', kind: 'Endpoint', name: 'ep' }, path: '.spec.endpointName' },
  to: { kind: 'configmap', name: 'out' },
};

describe('readFieldExportSpec', () => {
  it("reads ACK's fields", () => {
    expect(readFieldExportSpec(fe(valid))).toEqual({ ok: true, spec: valid });
    expect(sourceGroup(fe(valid))).toBe('sagemaker.services.k8s.aws');
  });

  it('names every missing required field in one line', () => {
    expect(readFieldExportSpec(fe({ from: { resource: { group: 'g' } }, to: { kind: 'configmap' } }))).toEqual({
      ok: false,
      error: 'spec.from.resource.kind, spec.from.resource.name, spec.from.path, spec.to.name are required',
    });
    expect(sourceGroup(fe({}))).toBeUndefined();
  });

  it('refuses a target kind other than configmap or secret', () => {
    expect(readFieldExportSpec(fe({ ...valid, to: { kind: 'pod', name: 'x' } }))).toEqual({ ok: false, error: 'spec.to.kind must be configmap or secret, not "pod"' });
  });
});

describe('targetKey', () => {
  it("defaults to ACK's <namespace>.<name>, or spec.to.key", () => {
    const read = readFieldExportSpec(fe(valid));
    if (!read.ok) throw new Error(read.error);
    expect(targetKey(fe(valid), read.spec)).toBe('team-a.ep-name');
    expect(targetKey(fe(valid), { ...read.spec, to: { ...read.spec.to, key: 'ENDPOINT' } })).toBe('ENDPOINT');
  });
});

describe('targetPlace (--enable-cross-namespace)', () => {
  const spec = (namespace?: string) => ({ ...valid, to: { kind: 'configmap' as const, name: 'out', ...(namespace ? { namespace } : {}) } });

  it("the FieldExport's own namespace by default, with or without the flag", () => {
    expect(targetPlace(fe(valid), spec(), false)).toEqual({ namespace: 'team-a' });
    expect(targetPlace(fe(valid), spec('team-a'), false)).toEqual({ namespace: 'team-a' });
  });

  it('another namespace: allowed with the CrossNamespaceOptInRequired advisory when the flag is on', () => {
    expect(targetPlace(fe(valid), spec('shared'), true)).toEqual({
      namespace: 'shared',
      advisory: { reason: 'CrossNamespaceOptInRequired', message: expect.stringContaining('Cross-namespace field export detected: resource in namespace "team-a" references "out" in namespace "shared"') },
    });
  });

  it('another namespace: refused when the flag is off', () => {
    expect(targetPlace(fe(valid), spec('shared'), false)).toEqual({
      denied: 'cross-namespace field export is not allowed. Set --enable-cross-namespace=true to allow it. sourceNamespace:team-a,targetNamespace:shared,name:out',
    });
  });
});
