import { parse } from 'yaml';
import { toYaml } from '../pipeline';
import { iamRoleSelectorCrd } from './iam-role-selector-crd';

describe("IAMRoleSelector CRD", () => {
  const crd = parse(toYaml(iamRoleSelectorCrd())) as Record<string, any>;
  const v = crd.spec.versions[0];
  const spec = v.schema.openAPIV3Schema.properties.spec;

  it("is ACK's kind: cluster-scoped services.k8s.aws/v1alpha1 with a status subresource", () => {
    expect(crd.metadata.name).toBe('iamroleselectors.services.k8s.aws');
    expect(crd.spec).toMatchObject({ group: 'services.k8s.aws', scope: 'Cluster', names: { kind: 'IAMRoleSelector', plural: 'iamroleselectors' } });
    expect(v).toMatchObject({ name: 'v1alpha1', served: true, storage: true, subresources: { status: {} } });
  });

  it("has ACK's fields, arn required and immutable", () => {
    expect(Object.keys(spec.properties).sort()).toEqual(['arn', 'namespaceSelector', 'resourceLabelSelector', 'resourceTypeSelector']);
    expect(spec.required).toEqual(['arn']);
    expect(spec.properties.arn['x-kubernetes-validations']).toEqual([{ rule: 'self == oldSelf', message: 'Value is immutable once set' }]);
    expect(spec.properties.namespaceSelector.required).toEqual(['names']);
    expect(spec.properties.resourceTypeSelector.items.required).toEqual(['group', 'version', 'kind']);
  });

  it('the arn pattern accepts role ARNs in every partition and nothing else', () => {
    const re = new RegExp(spec.properties.arn.pattern);
    expect(re.test('arn:aws:iam::111122223333:role/team-a')).toBe(true);
    expect(re.test('arn:aws-cn:iam::111122223333:role/path/x')).toBe(true);
    expect(re.test('arn:aws:iam::111122223333:user/u')).toBe(false);
    expect(re.test('111122223333')).toBe(false);
  });
});
