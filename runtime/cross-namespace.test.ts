import { crossNamespacePlacement } from './cross-namespace';

describe('crossNamespacePlacement (ACK ValidateCrossNamespaceReference)', () => {
  it("an unset namespace means the owner's, whatever the flag, with no advisory", () => {
    for (const flag of [true, false]) {
      expect(crossNamespacePlacement('resource reference', 'team-a', { name: 'r' }, flag)).toEqual({ allowed: true, namespace: 'team-a' });
      expect(crossNamespacePlacement('secret reference', 'team-a', { name: 'r', namespace: '' }, flag)).toEqual({ allowed: true, namespace: 'team-a' });
    }
  });

  it("the owner's own namespace named explicitly is not cross-namespace", () => {
    expect(crossNamespacePlacement('field export', 'team-a', { name: 'out', namespace: 'team-a' }, false)).toEqual({ allowed: true, namespace: 'team-a' });
  });

  it('another namespace is allowed with the CrossNamespaceOptInRequired advisory, worded for the use', () => {
    expect(crossNamespacePlacement('resource reference', 'team-a', { name: 'role', namespace: 'iam' }, true)).toEqual({
      allowed: true,
      namespace: 'iam',
      advisory: {
        reason: 'CrossNamespaceOptInRequired',
        message:
          'Cross-namespace resource reference detected: resource in namespace "team-a" references "role" in namespace "iam". Cross-namespace behavior will be disabled by default in a future release. Set --enable-cross-namespace=true to preserve this behavior.',
      },
    });
    const advisory = (use: 'secret reference' | 'field export') => {
      const p = crossNamespacePlacement(use, 'team-a', { name: 'n', namespace: 'b' }, true);
      return p.allowed ? p.advisory?.message : undefined;
    };
    expect(advisory('secret reference')).toMatch(/^Cross-namespace secret reference detected: resource in namespace "team-a" references "n" in namespace "b"\./);
    expect(advisory('field export')).toMatch(/^Cross-namespace field export detected: /);
  });

  it('another namespace is refused with --enable-cross-namespace=false; secrets share the resource-reference wording, as in ACK', () => {
    const refusal = (use: 'resource reference' | 'secret reference' | 'field export') => crossNamespacePlacement(use, 'team-a', { name: 'n', namespace: 'b' }, false);
    expect(refusal('resource reference')).toEqual({
      allowed: false,
      namespace: 'b',
      refusal: 'cross-namespace resource reference is not allowed. Set --enable-cross-namespace=true to allow it. sourceNamespace:team-a,targetNamespace:b,name:n',
    });
    expect(refusal('secret reference')).toMatchObject({ allowed: false, refusal: expect.stringMatching(/^cross-namespace resource reference is not allowed\. /) });
    expect(refusal('field export')).toMatchObject({ allowed: false, refusal: expect.stringMatching(/^cross-namespace field export is not allowed\. .*name:n$/) });
  });
});
