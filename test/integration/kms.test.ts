// KMS Key and Alias end to end through the generated controller against moto: ACK manifests applied
// with kubectl. A Key is named by the KeyId AWS makes (status.keyID); its policy is a sub-resource,
// its TagKey/TagValue tags go through TagResource/UntagResource; deleting it schedules the deletion
// with ACK's pending-window annotation. An Alias points at a Key through targetKeyRef. A Grant is
// named by the GrantId AWS makes (status.grantID, with its token), read with ListGrants narrowed to
// its key and id, never changed (a changed spec is ACK.Terminal), revoked on delete.
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, ListAliasesCommand, ListGrantsCommand, ListResourceTagsCommand, RevokeGrantCommand, TagResourceCommand, UpdateAliasCommand } from '@aws-sdk/client-kms';
import { service } from '../../generated/kms/src/service';
import { hooks } from '../../api-models/kms/hooks';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { condition, ref, waitFor } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';
import { callsAfterReads, readOf } from '../support/calls';

const KMS = { group: 'kms.services.k8s.aws', version: 'v1alpha1' };
const KEYS = ref(KMS, 'keys');
const ALIASES = ref(KMS, 'aliases');
const GRANTS = ref(KMS, 'grants');
const ns = uniqueName('kms');
const aliasName = `alias/${uniqueName('models')}`;
const policy = (sid: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }] });

let aws: TestAws;
let c: ServiceRun;
let kms: KMSClient;

function apply(kind: string, name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  applyIn(ns, ackManifest('kms.services.k8s.aws', kind, name, spec, annotations));
}

const status = (o: KubeObject) => (o.status ?? {}) as Record<string, any>;
const tagsOf = async (keyId: string) => Object.fromEntries(((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags ?? []).map((t) => [t.TagKey, t.TagValue]));
const policyOf = async (keyId: string) => JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy ?? '{}');
const aliasTarget = async () => (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === aliasName)?.TargetKeyId;

const env = withServiceController({
  service: 'kms',
  descriptor: service,
  hooks,
  ns,
  client: (aws) => new KMSClient(aws.clientConfig({ maxAttempts: 3 })),
});
beforeAll(() => ({ aws, c, client: kms } = env));

describe('kms Key', () => {
  let keyId = '';

  it('creates the key; the KeyId AWS makes lands in status and keys every later call', async () => {
    const mark = await aws.control.mark();
    apply('Key', 'data', { description: 'model artifacts', policy: policy('a'), tags: [{ tagKey: 'team', tagValue: 'ml' }] }, { 'kms.services.k8s.aws/pending-window-in-days': '10' });
    const o = await c.synced(KEYS, ns, 'data');
    keyId = status(o).keyID;
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(status(o).ackResourceMetadata.arn).toBe(`arn:aws:kms:us-east-1:123456789012:key/${keyId}`);
    expect(status(o)).toMatchObject({ keyState: 'Enabled', enabled: true, keyManager: 'CUSTOMER' });
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.Description).toBe('model artifacts');
    expect(await tagsOf(keyId)).toMatchObject({ team: 'ml', 'services.k8s.aws/namespace': ns });
    expect((await policyOf(keyId)).Statement[0].Sid).toBe('a');
    // Resyncs read by the stored KeyId, never create again.
    await callsAfterReads(aws.control, await aws.control.mark(), readOf('DescribeKey', keyId), 2, 'resync reads of the key', { logs: c.logs });
    expect(await aws.control.calls({ operation: 'CreateKey', since: mark })).toHaveLength(1);
    expect((await aws.control.calls({ operation: 'DescribeKey', since: mark })).length).toBeGreaterThan(1);
  });

  it('updates the policy (PutKeyPolicy) and the tags; description is immutable', async () => {
    apply('Key', 'data', { description: 'model artifacts', policy: policy('b'), tags: [{ tagKey: 'team', tagValue: 'research' }] }, { 'kms.services.k8s.aws/pending-window-in-days': '10' });
    await waitFor(async () => ((await policyOf(keyId)).Statement[0].Sid === 'b' && (await tagsOf(keyId)).team === 'research' ? true : undefined), 30_000, 'policy and tags updated', c.logs);
    const r = kubectl(['patch', 'key', 'data', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { description: 'other' } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });

  it('tags changed out of band are corrected on resync', async () => {
    await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'stray', TagValue: 'x' }, { TagKey: 'team', TagValue: 'hijacked' }] }));
    await waitFor(async () => {
      const t = await tagsOf(keyId);
      return t.stray === undefined && t.team === 'research' ? true : undefined;
    }, 30_000, 'tags corrected', c.logs);
  });
});

describe('kms Alias', () => {
  it('creates the alias for the Key named by targetKeyRef', async () => {
    apply('Alias', 'models', { name: aliasName, targetKeyRef: { from: { name: 'data' } } });
    await c.synced(ALIASES, ns, 'models');
    const key = await c.kube.get<KubeObject>(KEYS, ns, 'data');
    expect(await aliasTarget()).toBe(status(key!).keyID);
  });

  it('updates the target (UpdateAlias), and an out-of-band retarget is corrected on resync', async () => {
    apply('Key', 'other', { description: 'second key' });
    const other = status(await c.synced(KEYS, ns, 'other')).keyID as string;
    apply('Alias', 'models', { name: aliasName, targetKeyID: other });
    await waitFor(async () => ((await aliasTarget()) === other ? true : undefined), 30_000, 'alias retargeted', c.logs);
    const first = status((await c.kube.get<KubeObject>(KEYS, ns, 'data'))!).keyID as string;
    await kms.send(new UpdateAliasCommand({ AliasName: aliasName, TargetKeyId: first }));
    await waitFor(async () => ((await aliasTarget()) === other ? true : undefined), 30_000, 'alias drift corrected', c.logs);
  });

  it('delete: the alias is deleted in AWS', async () => {
    kubectl(['delete', 'alias', 'models', '-n', ns, '--wait=false']);
    await c.gone(ALIASES, ns, 'models');
    expect(await aliasTarget()).toBeUndefined();
  });
});

describe('kms Grant', () => {
  const grantee = 'arn:aws:iam::123456789012:role/model-reader';
  const spec = (operations: string[]) => ({
    keyRef: { from: { name: 'data' } },
    granteePrincipal: grantee,
    retiringPrincipal: 'arn:aws:iam::123456789012:role/ops',
    name: 'model-reader',
    operations,
    constraints: { encryptionContextSubset: { team: 'ml' } },
  });
  const keyOf = async () => status((await c.kube.get<KubeObject>(KEYS, ns, 'data'))!).keyID as string;
  const grantsOf = async (keyId: string, grantId?: string) => (await kms.send(new ListGrantsCommand({ KeyId: keyId, ...(grantId ? { GrantId: grantId } : {}) }))).Grants ?? [];
  let grantId = '';

  it('creates the grant on the Key named by keyRef; GrantId and token land in status and key every read', async () => {
    const mark = await aws.control.mark();
    apply('Grant', 'reader', spec(['Decrypt', 'DescribeKey']));
    const o = await c.synced(GRANTS, ns, 'reader');
    grantId = status(o).grantID;
    expect(grantId).toMatch(/\w{8,}/);
    expect(status(o).grantToken).toEqual(expect.any(String));
    const keyId = await keyOf();
    const [g] = await grantsOf(keyId, grantId);
    expect(g).toMatchObject({ GrantId: grantId, Name: 'model-reader', GranteePrincipal: grantee, Operations: ['Decrypt', 'DescribeKey'], Constraints: { EncryptionContextSubset: { team: 'ml' } } });
    // Resyncs read by the stored GrantId, never create again.
    await callsAfterReads(aws.control, await aws.control.mark(), readOf('ListGrants', grantId), 2, 'resync reads of the grant', { logs: c.logs });
    expect(await aws.control.calls({ operation: 'CreateGrant', since: mark })).toHaveLength(1);
    const reads = await aws.control.calls({ operation: 'ListGrants', since: mark });
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.every((r) => (r as unknown as { input?: Record<string, unknown> }).input?.GrantId === grantId)).toBe(true);
  });

  it('a grant cannot change: a changed spec is ACK.Terminal and nothing is sent; the old spec syncs again', async () => {
    const mark = await aws.control.mark();
    apply('Grant', 'reader', spec(['Decrypt', 'Encrypt']));
    await c.until(GRANTS, ns, 'reader', (o) => condition(o, 'ACK.Terminal')?.status === 'True', 'ACK.Terminal');
    expect(await aws.control.calls({ operation: 'CreateGrant', since: mark })).toHaveLength(0);
    expect(await aws.control.calls({ operation: 'RevokeGrant', since: mark })).toHaveLength(0);
    expect((await grantsOf(await keyOf(), grantId))[0]?.Operations).toEqual(['Decrypt', 'DescribeKey']);
    apply('Grant', 'reader', spec(['Decrypt', 'DescribeKey']));
    await c.until(GRANTS, ns, 'reader', (o) => condition(o, 'ACK.Terminal')?.status !== 'True' && condition(o, 'ACK.ResourceSynced')?.status === 'True', 'synced, not terminal');
  });

  it('a grant revoked out of band is seen on resync and made again (a new GrantId in status)', async () => {
    const keyId = await keyOf();
    await kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: grantId }));
    const o = await c.until(GRANTS, ns, 'reader', (x) => typeof status(x).grantID === 'string' && status(x).grantID !== grantId, 'a new grant');
    grantId = status(o).grantID;
    expect((await grantsOf(keyId, grantId))[0]?.Operations).toEqual(['Decrypt', 'DescribeKey']);
  });

  it('delete revokes the grant (RevokeGrant with KeyId and GrantId); retain keeps it', async () => {
    const keyId = await keyOf();
    const mark = await aws.control.mark();
    kubectl(['delete', 'grant', 'reader', '-n', ns, '--wait=false']);
    await c.gone(GRANTS, ns, 'reader');
    expect(await grantsOf(keyId, grantId)).toEqual([]);
    expect((await aws.control.calls({ operation: 'RevokeGrant', since: mark })).map((x) => (x as unknown as { input?: unknown }).input)).toEqual([
      expect.objectContaining({ KeyId: keyId, GrantId: grantId }),
    ]);

    apply('Grant', 'kept', { ...spec(['Decrypt']), name: 'kept' }, { 'services.k8s.aws/deletion-policy': 'retain' });
    const kept = status(await c.synced(GRANTS, ns, 'kept')).grantID as string;
    kubectl(['delete', 'grant', 'kept', '-n', ns, '--wait=false']);
    await c.gone(GRANTS, ns, 'kept');
    expect(await grantsOf(keyId, kept)).toHaveLength(1);
  });
});

describe('kms Key delete', () => {
  it("schedules the deletion with ACK's pending window annotation; default 7 days; retain schedules nothing", async () => {
    const keyId = status((await c.kube.get<KubeObject>(KEYS, ns, 'data'))!).keyID as string;
    const otherId = status((await c.kube.get<KubeObject>(KEYS, ns, 'other'))!).keyID as string;
    const mark = await aws.control.mark();
    kubectl(['delete', 'key', 'data', 'other', '-n', ns, '--wait=false']);
    await c.gone(KEYS, ns, 'data');
    await c.gone(KEYS, ns, 'other');
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe('PendingDeletion');
    const schedules = await aws.control.calls({ operation: 'ScheduleKeyDeletion', since: mark });
    expect(schedules.map((x) => (x as unknown as { input?: { KeyId?: string; PendingWindowInDays?: number } }).input).sort((a, b) => (a?.PendingWindowInDays ?? 0) - (b?.PendingWindowInDays ?? 0))).toEqual([
      expect.objectContaining({ KeyId: otherId, PendingWindowInDays: 7 }),
      expect.objectContaining({ KeyId: keyId, PendingWindowInDays: 10 }),
    ]);

    apply('Key', 'kept', { description: 'kept' }, { 'services.k8s.aws/deletion-policy': 'retain' });
    const kept = status(await c.synced(KEYS, ns, 'kept')).keyID as string;
    kubectl(['delete', 'key', 'kept', '-n', ns, '--wait=false']);
    await c.gone(KEYS, ns, 'kept');
    expect((await kms.send(new DescribeKeyCommand({ KeyId: kept }))).KeyMetadata?.KeyState).toBe('Enabled');
  });
});
