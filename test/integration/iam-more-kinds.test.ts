// IAM InstanceProfile, OpenIDConnectProvider and ServiceLinkedRole end to end through the generated
// controller against moto: ACK manifests applied with kubectl. An instance profile's one role is a
// collection of at most one element (Add/RemoveRoleToInstanceProfile); a provider is named by the ARN
// AWS makes, its client IDs a collection (Add/RemoveClientID…, which moto lacks: served by the proxy's
// gap filler), its thumbprints a sub-resource; a service-linked role is named by the role name AWS
// makes (status.roleName), read with GetRole, deleted with DeleteServiceLinkedRole and its status.
import {
  AddClientIDToOpenIDConnectProviderCommand,
  AddRoleToInstanceProfileCommand,
  GetInstanceProfileCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  IAMClient,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  TagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { service } from '../../generated/iam/src/service';
import { hooks } from '../../api-models/iam/hooks';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { ref, waitFor } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';
import type { CallRecord } from '../env/aws/call-log';
import { callsAfterReads, readOf, wholeResyncs } from '../support/calls';

const IAM = { group: 'iam.services.k8s.aws', version: 'v1alpha1' };
const ROLES = ref(IAM, 'roles');
const PROFILES = ref(IAM, 'instanceprofiles');
const PROVIDERS = ref(IAM, 'openidconnectproviders');
const SLRS = ref(IAM, 'servicelinkedroles');
const ns = uniqueName('iam-kinds');
const profileName = uniqueName('nodes');
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const thumb = (c: string) => c.repeat(40);

let aws: TestAws;
let c: ServiceRun;
let iam: IAMClient;

function apply(kind: string, name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  applyIn(ns, ackManifest('iam.services.k8s.aws', kind, name, spec, annotations));
}
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, any>;
const tagMap = (tags: Array<{ Key?: string; Value?: string }> | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
const inputOf = (x: unknown) => (x as { input?: Record<string, unknown> }).input ?? {};
const exists = async (probe: () => Promise<unknown>) => {
  try {
    await probe();
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchEntityException' || (err as { name?: string }).name === 'NoSuchEntity') return false;
    throw err;
  }
};

const env = withServiceController({
  service: 'iam',
  descriptor: service,
  hooks,
  ns,
  client: (aws) => new IAMClient(aws.clientConfig({ maxAttempts: 3 })),
  flags: ['--reconcile-default-resync-seconds', '2', '--reconcile-tag-resync-seconds', '0'],
});
beforeAll(() => ({ aws, c, client: iam } = env));

describe('iam InstanceProfile', () => {
  const profile = async () => (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: profileName }))).InstanceProfile!;
  const roleNames = async () => (await profile()).Roles?.map((r) => r.RoleName) ?? [];
  const web = uniqueName('web');
  const batch = uniqueName('batch');

  it('creates the profile with its role (from roleRef) and tags', async () => {
    apply('Role', 'web', { name: web, assumeRolePolicyDocument: trust });
    apply('Role', 'batch', { name: batch, assumeRolePolicyDocument: trust });
    await c.synced(ROLES, ns, 'web');
    await c.synced(ROLES, ns, 'batch');
    apply('InstanceProfile', 'nodes', { name: profileName, path: '/ml/', roleRef: { from: { name: 'web' } }, tags: [{ key: 'team', value: 'ml' }] });
    const o = await c.synced(PROFILES, ns, 'nodes');
    const p = await profile();
    expect(status(o)).toMatchObject({ instanceProfileID: p.InstanceProfileId, ackResourceMetadata: { arn: p.Arn } });
    expect(status(o).createDate).toEqual(expect.any(String));
    expect(status(o)).not.toHaveProperty('roles');
    expect([p.Path, await roleNames()]).toEqual(['/ml/', [web]]);
    expect(tagMap(p.Tags)).toMatchObject({ team: 'ml' });
  });

  it("changes the role (removed before the new one is added: a profile holds one) and the tags (Tag/UntagInstanceProfile)", async () => {
    const mark = await aws.control.mark();
    apply('InstanceProfile', 'nodes', { name: profileName, path: '/ml/', role: batch, tags: [{ key: 'owner', value: 'platform' }] });
    await waitFor(async () => {
      const p = await profile();
      const t = tagMap(p.Tags);
      return (await roleNames()).join() === batch && t.owner === 'platform' && t.team === undefined ? true : undefined;
    }, 30_000, 'role and tags changed', c.logs);
    const ops = (await aws.control.calls({ since: mark })).filter((x) => x.service === 'iam' && x.status < 300).map((x) => x.operation);
    expect(ops).toContain('RemoveRoleFromInstanceProfile'); // else indexOf's -1 would pass the order check
    expect(ops.indexOf('RemoveRoleFromInstanceProfile')).toBeLessThan(ops.indexOf('AddRoleToInstanceProfile'));
    expect(ops).toEqual(expect.arrayContaining(['TagInstanceProfile', 'UntagInstanceProfile']));
    const r = kubectl(['patch', 'instanceprofile', 'nodes', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { path: '/other/' } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });

  it('an idle resync is one GetInstanceProfile (its roles read from it) and one ListInstanceProfileTags, no write', async () => {
    const mark = await aws.control.mark();
    const mine = (x: CallRecord) => x.service === 'iam' && inputOf(x).InstanceProfileName === profileName;
    const calls = await callsAfterReads(aws.control, mark, (x) => mine(x) && x.operation === 'GetInstanceProfile', 3, 'GetInstanceProfile of the profile', { logs: c.logs });
    const ops = calls.filter(mine).map((x) => x.operation);
    expect(new Set(ops)).toEqual(new Set(['GetInstanceProfile', 'ListInstanceProfileTags']));
    const resyncs = wholeResyncs(ops, 'GetInstanceProfile');
    expect(resyncs.length).toBeGreaterThanOrEqual(2);
    for (const r of resyncs) expect(r).toEqual(['GetInstanceProfile', 'ListInstanceProfileTags']);
  });

  it('a role swapped and a tag changed out of band are corrected on resync', async () => {
    // A resync between our Remove and Add sees no role and puts batch back; a profile holds one role,
    // so our Add then fails (LimitExceeded). Swap again until web is on it: the drift to be corrected.
    await waitFor(async () => {
      for (const r of await roleNames()) await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: profileName, RoleName: r! }));
      await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: profileName, RoleName: web }));
      return true;
    }, 30_000, 'role swapped to web out of band', c.logs);
    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: profileName, Tags: [{ Key: 'owner', Value: 'hijacked' }, { Key: 'stray', Value: 'x' }] }));
    await waitFor(async () => {
      const t = tagMap((await profile()).Tags);
      return (await roleNames()).join() === batch && t.owner === 'platform' && t.stray === undefined ? true : undefined;
    }, 30_000, 'role and tags corrected', c.logs);
  });

  it('delete removes the role, then deletes the profile; retain keeps one', async () => {
    kubectl(['delete', 'instanceprofile', 'nodes', '-n', ns, '--wait=false']);
    await c.gone(PROFILES, ns, 'nodes');
    expect(await exists(() => profile())).toBe(false);
    expect(await exists(() => iam.send(new GetRoleCommand({ RoleName: batch })))).toBe(true);

    const kept = uniqueName('kept');
    apply('InstanceProfile', 'kept', { name: kept, role: web }, { 'services.k8s.aws/deletion-policy': 'retain' });
    await c.synced(PROFILES, ns, 'kept');
    kubectl(['delete', 'instanceprofile', 'kept', '-n', ns, '--wait=false']);
    await c.gone(PROFILES, ns, 'kept');
    expect((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: kept }))).InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual([web]);
  });
});

describe('iam OpenIDConnectProvider', () => {
  const host = `${uniqueName('oidc')}.example.com/id/abc`;
  const url = `https://${host}`;
  const arn = `arn:aws:iam::123456789012:oidc-provider/${host}`;
  const provider = () => iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));

  it('creates the provider; the ARN AWS makes names it afterwards', async () => {
    const mark = await aws.control.mark();
    apply('OpenIDConnectProvider', 'cluster', { url, clientIDs: ['sts.amazonaws.com'], thumbprints: [thumb('a')], tags: [{ key: 'cluster', value: 'ml' }] });
    const o = await c.synced(PROVIDERS, ns, 'cluster');
    expect(status(o).ackResourceMetadata.arn).toBe(arn);
    const p = await provider();
    expect([p.ClientIDList, p.ThumbprintList, tagMap(p.Tags).cluster]).toEqual([['sts.amazonaws.com'], [thumb('a')], 'ml']);
    // Two resyncs after the sync: they read by the ARN; the scheme-less URL IAM reports is no drift.
    const synced = await aws.control.mark();
    await callsAfterReads(aws.control, synced, readOf('GetOpenIDConnectProvider', arn), 2, 'resync reads of the provider', { logs: c.logs });
    expect(await aws.control.calls({ operation: 'CreateOpenIDConnectProvider', since: mark })).toHaveLength(1);
    const ops = (await aws.control.calls({ since: mark })).filter((x) => x.service === 'iam' && x.status < 300 && inputOf(x).OpenIDConnectProviderArn === arn).map((x) => x.operation);
    expect(ops.filter((x) => /^(Update|Add|Remove|Tag|Untag)/.test(x))).toEqual([]);
    // Client IDs, thumbprints and tags all come from the one read: an idle resync is one call.
    expect(new Set(ops)).toEqual(new Set(['GetOpenIDConnectProvider']));
  });

  it('updates client IDs (Add/RemoveClientID…, served by the gap filler), thumbprints and tags; the URL is immutable', async () => {
    apply('OpenIDConnectProvider', 'cluster', { url, clientIDs: ['sts.amazonaws.com', 'web'], thumbprints: [thumb('b')], tags: [{ key: 'cluster', value: 'research' }] });
    await waitFor(async () => {
      const p = await provider();
      return p.ClientIDList?.join() === 'sts.amazonaws.com,web' && p.ThumbprintList?.join() === thumb('b') && tagMap(p.Tags).cluster === 'research' ? true : undefined;
    }, 30_000, 'client IDs, thumbprints and tags updated', c.logs);
    apply('OpenIDConnectProvider', 'cluster', { url, clientIDs: ['web'], thumbprints: [thumb('b')], tags: [{ key: 'cluster', value: 'research' }] });
    await waitFor(async () => ((await provider()).ClientIDList?.join() === 'web' ? true : undefined), 30_000, 'client ID removed', c.logs);
    const filled = await aws.control.calls({ operation: 'RemoveClientIDFromOpenIDConnectProvider' });
    expect(filled.some((x) => x.status === 200 && (x as { corrected?: boolean }).corrected === true)).toBe(true);
    const r = kubectl(['patch', 'openidconnectprovider', 'cluster', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { url: 'https://other.example.com' } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });

  it('client IDs, thumbprints and tags changed out of band are corrected on resync', async () => {
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'stray' }));
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [thumb('c')] }));
    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'stray', Value: 'x' }] }));
    await waitFor(async () => {
      const p = await provider();
      return p.ClientIDList?.join() === 'web' && p.ThumbprintList?.join() === thumb('b') && tagMap(p.Tags).stray === undefined ? true : undefined;
    }, 30_000, 'provider drift corrected', c.logs);
  });

  it('delete removes the provider; retain keeps one', async () => {
    kubectl(['delete', 'openidconnectprovider', 'cluster', '-n', ns, '--wait=false']);
    await c.gone(PROVIDERS, ns, 'cluster');
    expect(await exists(() => provider())).toBe(false);

    const keptHost = `${uniqueName('kept')}.example.com`;
    apply('OpenIDConnectProvider', 'kept', { url: `https://${keptHost}`, clientIDs: ['a'], thumbprints: [thumb('d')] }, { 'services.k8s.aws/deletion-policy': 'retain' });
    await c.synced(PROVIDERS, ns, 'kept');
    kubectl(['delete', 'openidconnectprovider', 'kept', '-n', ns, '--wait=false']);
    await c.gone(PROVIDERS, ns, 'kept');
    expect(await exists(() => iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: `arn:aws:iam::123456789012:oidc-provider/${keptHost}` })))).toBe(true);
  });
});

describe('iam ServiceLinkedRole', () => {
  const role = (name: string) => iam.send(new GetRoleCommand({ RoleName: name }));
  let roleName = '';

  it('creates the role; the name AWS makes lands in status and keys every read (GetRole)', async () => {
    const mark = await aws.control.mark();
    apply('ServiceLinkedRole', 'beanstalk', { awsServiceName: 'elasticbeanstalk.amazonaws.com', description: 'for the model portal' });
    const o = await c.synced(SLRS, ns, 'beanstalk');
    roleName = status(o).roleName;
    expect(roleName).toBe('AWSServiceRoleForElasticBeanstalk');
    const r = (await role(roleName)).Role!;
    expect(status(o)).toMatchObject({ roleID: r.RoleId, path: r.Path, ackResourceMetadata: { arn: r.Arn } });
    expect(r.Description).toBe('for the model portal');
    const synced = await aws.control.mark();
    await callsAfterReads(aws.control, synced, readOf('GetRole', roleName), 2, 'resync reads (GetRole) of the role', { logs: c.logs });
    expect(await aws.control.calls({ operation: 'CreateServiceLinkedRole', since: mark })).toHaveLength(1);
    const reads = await aws.control.calls({ operation: 'GetRole', since: mark });
    expect(reads.some((x) => inputOf(x).RoleName === roleName)).toBe(true);
  });

  it('updates the description (UpdateRoleDescription); one changed out of band is corrected; the service name is immutable', async () => {
    apply('ServiceLinkedRole', 'beanstalk', { awsServiceName: 'elasticbeanstalk.amazonaws.com', description: 'portal and batch' });
    await waitFor(async () => ((await role(roleName)).Role?.Description === 'portal and batch' ? true : undefined), 30_000, 'description updated', c.logs);
    await iam.send(new UpdateRoleDescriptionCommand({ RoleName: roleName, Description: 'hijacked' }));
    await waitFor(async () => ((await role(roleName)).Role?.Description === 'portal and batch' ? true : undefined), 30_000, 'description corrected', c.logs);
    const r = kubectl(['patch', 'servicelinkedrole', 'beanstalk', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { awsServiceName: 'ecs.amazonaws.com' } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });

  it('delete: DeleteServiceLinkedRole, then its deletion status followed; retain keeps one', async () => {
    const mark = await aws.control.mark();
    kubectl(['delete', 'servicelinkedrole', 'beanstalk', '-n', ns, '--wait=false']);
    await c.gone(SLRS, ns, 'beanstalk');
    expect(await exists(() => role(roleName))).toBe(false);
    const ops = (await aws.control.calls({ since: mark })).filter((x) => x.service === 'iam' && x.status < 300).map((x) => x.operation);
    expect(ops).toEqual(expect.arrayContaining(['DeleteServiceLinkedRole', 'GetServiceLinkedRoleDeletionStatus']));

    apply('ServiceLinkedRole', 'kept', { awsServiceName: 'elasticbeanstalk.amazonaws.com', customSuffix: 'kept' }, { 'services.k8s.aws/deletion-policy': 'retain' });
    const kept = status(await c.synced(SLRS, ns, 'kept')).roleName as string;
    expect(kept).toBe('AWSServiceRoleForElasticBeanstalk_kept');
    kubectl(['delete', 'servicelinkedrole', 'kept', '-n', ns, '--wait=false']);
    await c.gone(SLRS, ns, 'kept');
    expect(await exists(() => role(kept))).toBe(true);
  });
});
