import { fieldExportCrd } from './field-export-crd';

type S = Record<string, any>;

describe('the FieldExport CRD', () => {
  const crd = fieldExportCrd() as S;
  const version = crd.spec.versions[0];
  const root = version.schema.openAPIV3Schema;
  const spec = root.properties.spec;

  it("has ACK's group, version, kind and status subresource", () => {
    expect(crd.metadata.name).toBe('fieldexports.services.k8s.aws');
    expect(crd.spec).toMatchObject({ group: 'services.k8s.aws', scope: 'Namespaced', names: { kind: 'FieldExport', plural: 'fieldexports', singular: 'fieldexport', listKind: 'FieldExportList' } });
    expect(version).toMatchObject({ name: 'v1alpha1', served: true, storage: true, subresources: { status: {} } });
  });

  it("has ACK's fields, required where ACK requires them, so ACK's manifests apply unchanged", () => {
    expect(spec.required).toEqual(['from', 'to']);
    expect(spec.properties.from.required).toEqual(['path', 'resource']);
    expect(Object.keys(spec.properties.from.properties.resource.properties).sort()).toEqual(['group', 'kind', 'name']);
    expect(spec.properties.from.properties.resource.required).toEqual(['group', 'kind', 'name']);
    expect(Object.keys(spec.properties.to.properties).sort()).toEqual(['key', 'kind', 'name', 'namespace']);
    expect(spec.properties.to.required).toEqual(['kind', 'name']);
    expect(spec.properties.to.properties.kind.enum).toEqual(['configmap', 'secret']);
    expect(root.properties.status.required).toEqual(['conditions']);
  });

  it('shows the source, the target and Synced in kubectl get', () => {
    expect(version.additionalPrinterColumns.map((c: S) => c.name)).toEqual(['Kind', 'Source', 'Path', 'To', 'Target', 'Synced', 'Age']);
  });
});
