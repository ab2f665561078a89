import type { ServiceDescriptor } from '../../descriptor';
import type { KubeObject } from '../../k8s/types';
import { model, sagemakerFixture } from '../../testing/fixtures';
import { setup } from '../../testing/harness';
import type { ObjectReader, ReconcileEnv } from '../ports';
import { resolveSecrets } from './secrets';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const withSecretField: ServiceDescriptor = {
  ...sagemakerFixture,
  shapes: { ...sagemakerFixture.shapes, ModelSpec: [...sagemakerFixture.shapes.ModelSpec!, { sdk: 'ApiKey', json: 'apiKey', type: 'string', secret: true }] },
};

function state(spec: Record<string, unknown>, secrets: Record<string, { type?: string; data?: Record<string, string> }>, env: Partial<ReconcileEnv> = {}) {
  const t = setup({ apiVersion: 'sagemaker.services.k8s.aws/v1alpha1', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec }, { descriptor: model });
  const reads: string[] = [];
  const objects: ObjectReader = {
    get: async (ref, namespace, name) => {
      reads.push(`${ref.plural}/${namespace}/${name}`);
      return secrets[`${namespace}/${name}`] as unknown as KubeObject | undefined;
    },
  };
  Object.assign(t.env, { service: withSecretField, objects, ...env });
  return { s: t.state(), reads, t };
}

describe('is_secret fields (SecretKeyReference)', () => {
  it("reads the value from the Secret in the resource's namespace, for AWS calls only, and remembers it for scrubbing", async () => {
    const { s, reads } = state({ modelName: 'm', apiKey: { name: 'creds', key: 'token' } }, { 'ns/creds': { type: 'Opaque', data: { token: b64('s3cr3t') } } });
    const r = await resolveSecrets(s, s.cur.spec!);
    expect(r).toEqual({ kind: 'resolved', spec: { modelName: 'm', apiKey: 's3cr3t' } });
    expect(reads).toEqual(['secrets/ns/creds']);
    expect(s.cur.spec!.apiKey).toEqual({ name: 'creds', key: 'token' });
    expect(s.scrubbed('AWS said s3cr3t is wrong')).not.toContain('s3cr3t');
  });

  it('a missing Secret or key is Recoverable (retried), naming the field; nothing is read without a reference', async () => {
    const { s } = state({ modelName: 'm', apiKey: { name: 'creds', key: 'token' } }, {});
    const r = await resolveSecrets(s, s.cur.spec!);
    expect(r).toMatchObject({ kind: 'outcome', outcome: { kind: 'recoverable', error: { code: 'SecretNotFound', message: expect.stringContaining('spec.apiKey') } } });
    const none = state({ modelName: 'm' }, {});
    expect(await resolveSecrets(none.s, none.s.cur.spec!)).toEqual({ kind: 'resolved', spec: { modelName: 'm' } });
    expect(none.reads).toEqual([]);
  });

  it('only Opaque Secrets (ACK), and another namespace only with --enable-cross-namespace', async () => {
    const tls = state({ modelName: 'm', apiKey: { name: 'creds', key: 'token' } }, { 'ns/creds': { type: 'kubernetes.io/tls', data: { token: b64('x') } } });
    expect(await resolveSecrets(tls.s, tls.s.cur.spec!)).toMatchObject({ kind: 'outcome', outcome: { kind: 'terminal', error: { code: 'SecretTypeNotSupported' } } });
    const other = state({ modelName: 'm', apiKey: { name: 'creds', namespace: 'team-b', key: 'token' } }, { 'team-b/creds': { type: 'Opaque', data: { token: b64('x') } } }, { enableCrossNamespace: false });
    expect(await resolveSecrets(other.s, other.s.cur.spec!)).toMatchObject({ kind: 'outcome', outcome: { kind: 'terminal', error: { code: 'CrossNamespaceSecretReference' } } });
  });

  it("another namespace, allowed (ACK's default), is read there and sets ACK's advisory once; the owner's namespace sets none", async () => {
    const other = state({ modelName: 'm', apiKey: { name: 'creds', namespace: 'team-b', key: 'token' } }, { 'team-b/creds': { type: 'Opaque', data: { token: b64('x') } } });
    expect(await resolveSecrets(other.s, other.s.cur.spec!)).toEqual({ kind: 'resolved', spec: { modelName: 'm', apiKey: 'x' } });
    expect(other.reads).toEqual(['secrets/team-b/creds']);
    expect(other.s.referenceConditions.advisories).toEqual([
      {
        reason: 'CrossNamespaceOptInRequired',
        message: 'Cross-namespace secret reference detected: resource in namespace "ns" references "creds" in namespace "team-b". Cross-namespace behavior will be disabled by default in a future release. Set --enable-cross-namespace=true to preserve this behavior.',
      },
    ]);
    // A resource reference's advisory (same reason) is kept: ACK keys advisories by reason.
    const both = state({ modelName: 'm', apiKey: { name: 'creds', namespace: 'team-b', key: 'token' } }, { 'team-b/creds': { type: 'Opaque', data: { token: b64('x') } } });
    both.s.referenceConditions = { advisories: [{ reason: 'CrossNamespaceOptInRequired', message: 'Cross-namespace resource reference detected: …' }] };
    await resolveSecrets(both.s, both.s.cur.spec!);
    expect(both.s.referenceConditions.advisories).toEqual([{ reason: 'CrossNamespaceOptInRequired', message: 'Cross-namespace resource reference detected: …' }]);
    const own = state({ modelName: 'm', apiKey: { name: 'creds', namespace: 'ns', key: 'token' } }, { 'ns/creds': { type: 'Opaque', data: { token: b64('x') } } });
    await resolveSecrets(own.s, own.s.cur.spec!);
    expect(own.s.referenceConditions.advisories).toBeUndefined();
  });
});
