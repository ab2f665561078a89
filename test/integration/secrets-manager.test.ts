// Secrets Manager Secret end to end through the generated controller against moto: an ACK
// manifest applied with kubectl. secretString is a SecretKeyReference read from a Kubernetes
// Secret (ACK is_secret), never logged or put in status; the ARN AWS makes (status.id) keys every
// later call; tags come with DescribeSecret, so they cost no extra read.
import { DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient, TagResourceCommand, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { stringify } from 'yaml';
import { service } from '../../generated/secrets-manager/src/service';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { condition, ref, waitFor } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';

const SECRETS = ref({ group: 'secretsmanager.services.k8s.aws', version: 'v1alpha1' }, 'secrets');
const ns = uniqueName('secrets');
const name = uniqueName('db-password');
const VALUE = 'hunter2-do-not-log-me';

let aws: TestAws;
let c: ServiceRun;
let sm: SecretsManagerClient;

function apply(spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  applyIn(ns, ackManifest('secretsmanager.services.k8s.aws', 'Secret', 'db', spec, annotations));
}

const status = (o: KubeObject) => (o.status ?? {}) as Record<string, any>;
const describe_ = (id: string) => sm.send(new DescribeSecretCommand({ SecretId: id }));
const tagsOf = async (id: string) => Object.fromEntries(((await describe_(id)).Tags ?? []).map((t) => [t.Key, t.Value]));

const env = withServiceController({
  service: 'secrets-manager',
  descriptor: service,
  ns,
  client: (aws) => new SecretsManagerClient(aws.clientConfig({ maxAttempts: 3 })),
});
beforeAll(() => ({ aws, c, client: sm } = env));

describe('secrets-manager Secret', () => {
  let id = '';

  it('waits (Recoverable) while the Kubernetes Secret is missing, then creates the secret with its value', async () => {
    apply({ name, description: 'db password', secretString: { name: 'db-creds', key: 'password' }, tags: [{ key: 'team', value: 'ml' }] });
    const waiting = await c.until(SECRETS, ns, 'db', (o) => condition(o, 'ACK.Recoverable')?.reason === 'SecretNotFound', 'SecretNotFound');
    expect(condition(waiting, 'ACK.Recoverable')?.message).toContain('db-creds');
    const r = kubectl(['create', 'secret', 'generic', 'db-creds', '-n', ns, `--from-literal=password=${VALUE}`]);
    if (r.status !== 0) throw new Error(r.stderr);
    const o = await c.synced(SECRETS, ns, 'db', 60_000);
    id = status(o).id;
    expect(id).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-`));
    expect(status(o).ackResourceMetadata.arn).toBe(id);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: id }))).SecretString).toBe(VALUE);
    expect(await tagsOf(id)).toMatchObject({ team: 'ml', 'services.k8s.aws/namespace': ns });
    // The value is nowhere in the resource (spec keeps the reference) nor in the controller's log.
    expect(JSON.stringify(o)).not.toContain(VALUE);
    expect(c.logs.join('\n')).not.toContain(VALUE);
  });

  it('updates description and tags (UpdateSecret, TagResource/UntagResource); tags read from DescribeSecret, no ListTags', async () => {
    const mark = await aws.control.mark();
    apply({ name, description: 'rotated db password', secretString: { name: 'db-creds', key: 'password' }, tags: [{ key: 'team', value: 'research' }] });
    await waitFor(async () => {
      const d = await describe_(id);
      const t = Object.fromEntries((d.Tags ?? []).map((x) => [x.Key, x.Value]));
      return d.Description === 'rotated db password' && t.team === 'research' ? true : undefined;
    }, 30_000, 'description and tags updated', c.logs);
    const ops = (await aws.control.calls({ since: mark, service: 'secretsmanager' })).map((x) => x.operation);
    expect(ops).toContain('UpdateSecret');
    expect(ops.filter((o) => /^List/.test(o))).toEqual([]);
  });

  it('drift made out of band is corrected on resync: description and a stray tag', async () => {
    await sm.send(new UpdateSecretCommand({ SecretId: id, Description: 'hijacked' }));
    await sm.send(new TagResourceCommand({ SecretId: id, Tags: [{ Key: 'stray', Value: 'x' }] }));
    await waitFor(async () => {
      const d = await describe_(id);
      return d.Description === 'rotated db password' && !(d.Tags ?? []).some((t) => t.Key === 'stray') ? true : undefined;
    }, 30_000, 'drift corrected', c.logs);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: id }))).SecretString).toBe(VALUE);
  });

  it("a Kubernetes Secret in another namespace is read there (ACK's default --enable-cross-namespace), with ACK's advisory", async () => {
    const vault = uniqueName('vault');
    const shared = uniqueName('shared');
    kubectl(['create', 'namespace', vault]);
    try {
      const r = kubectl(['create', 'secret', 'generic', 'api-key', '-n', vault, `--from-literal=token=${VALUE}`]);
      if (r.status !== 0) throw new Error(r.stderr);
      const manifest = { apiVersion: 'secretsmanager.services.k8s.aws/v1alpha1', kind: 'Secret', metadata: { name: 'shared' }, spec: { name: shared, secretString: { name: 'api-key', namespace: vault, key: 'token' } } };
      const applied = kubectl(['apply', '-n', ns, '-f', '-'], { input: stringify(manifest) });
      if (applied.status !== 0) throw new Error(applied.stderr);
      const o = await c.synced(SECRETS, ns, 'shared');
      expect(condition(o, 'ACK.Advisory')).toMatchObject({ status: 'True', reason: 'CrossNamespaceOptInRequired', message: expect.stringMatching(/^Cross-namespace secret reference detected: .* references "api-key" in namespace "/) });
      expect((await sm.send(new GetSecretValueCommand({ SecretId: status(o).id }))).SecretString).toBe(VALUE);
      kubectl(['delete', 'secret.secretsmanager.services.k8s.aws', 'shared', '-n', ns, '--wait=false']);
      await c.gone(SECRETS, ns, 'shared');
    } finally {
      kubectl(['delete', 'namespace', vault, '--wait=false']);
    }
  });

  it('delete: DeleteSecret (AWS keeps it for its recovery window), finalizer removed; retain deletes nothing', async () => {
    kubectl(['delete', 'secret.secretsmanager.services.k8s.aws', 'db', '-n', ns, '--wait=false']);
    await c.gone(SECRETS, ns, 'db');
    expect((await describe_(id)).DeletedDate).toBeDefined();
    const kept = uniqueName('kept');
    const manifest = { apiVersion: 'secretsmanager.services.k8s.aws/v1alpha1', kind: 'Secret', metadata: { name: 'kept', annotations: { 'services.k8s.aws/deletion-policy': 'retain' } }, spec: { name: kept, secretString: { name: 'db-creds', key: 'password' } } };
    applyIn(ns, manifest);
    const keptId = status(await c.synced(SECRETS, ns, 'kept')).id as string;
    kubectl(['delete', 'secret.secretsmanager.services.k8s.aws', 'kept', '-n', ns, '--wait=false']);
    await c.gone(SECRETS, ns, 'kept');
    expect((await describe_(keptId)).DeletedDate).toBeUndefined();
  });
});
