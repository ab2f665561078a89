// S3 Bucket end to end through the generated s3 controller against moto (behind the scenario proxy):
// manifests as ACK users write them, applied with kubectl. Each bucket configuration is a
// sub-resource with its own Put/Get/Delete; the proxy counts what an idle resync costs.
import * as S3 from '@aws-sdk/client-s3';
import { service } from '../../generated/s3/src/service';
import { hooks } from '../../api-models/s3/hooks';
import { SUB_RESOURCES_ANNOTATION } from '../../runtime/reconcile/sub-resources';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { ref } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { callsAfterReads, readOf } from '../support/calls';
import { withServiceController } from '../e2e/with-controllers';

const BUCKETS = ref({ group: 's3.services.k8s.aws', version: 'v1alpha1' }, 'buckets');
const ns = uniqueName('s3');
const RESYNC_SECONDS = 2;

let aws: TestAws;
let c: ServiceRun;
let s3: S3.S3Client;

function apply(manifest: object) {
  applyIn(ns, manifest);
}

function patch(name: string, type: 'merge' | 'json', p: unknown) {
  const r = kubectl(['patch', 'bucket', name, '-n', ns, `--type=${type}`, '-p', JSON.stringify(p)]);
  if (r.status !== 0) throw new Error(r.stderr);
}

const bucketManifest = (name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}) => ackManifest('s3.services.k8s.aws', 'Bucket', name, spec, annotations);

const policyFor = (bucket: string, sid: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }],
  });

const okCalls = async (bucket: string, since: number) =>
  (await aws.control.calls({ since })).filter((x) => x.service === 's3' && x.resource === bucket && x.status < 300).map((x) => x.operation);
const count = (ops: string[], op: string) => ops.filter((o) => o === op).length;
/** Waits for `n` resyncs' HeadBucket of the bucket after `since`: the window a negative assertion rests on. */
const resyncs = (bucket: string, since: number, n: number) => callsAfterReads(aws.control, since, readOf('HeadBucket', bucket), n, `resync reads (HeadBucket) of ${bucket}`, { logs: c.logs });

/** The AWS error name of a call, or 'ok'. */
const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: { name?: string }) => e.name ?? 'error');

const env = withServiceController({
  service: 's3',
  descriptor: service,
  hooks,
  ns,
  client: (aws) => new S3.S3Client({ ...aws.clientConfig({ maxAttempts: 3 }), forcePathStyle: true }),
  flags: ['--reconcile-default-resync-seconds', String(RESYNC_SECONDS)],
});
beforeAll(() => ({ aws, c, client: s3 } = env));

describe('s3 Bucket', () => {
  const bucket = uniqueName('data');

  it('creates the bucket and puts each configuration the spec sets; status.location is the identifier AWS returns', async () => {
    apply(
      bucketManifest('data', {
        name: bucket,
        versioning: { status: 'Enabled' },
        policy: policyFor(bucket, 'read'),
        encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
        lifecycle: { rules: [{ id: 'expire-logs', status: 'Enabled', filter: { prefix: 'logs/' }, expiration: { days: 30 } }] },
        tagging: { tagSet: [{ key: 'team', value: 'ml' }] },
        publicAccessBlock: { blockPublicACLs: true, ignorePublicACLs: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      }),
    );
    const b = await c.synced(BUCKETS, ns, 'data');
    expect(b.status?.location).toBe(`/${bucket}`);
    expect(b.metadata.annotations?.[SUB_RESOURCES_ANNOTATION]).toBe('encryption,lifecycle,policy,publicAccessBlock,tagging,versioning');
    expect((await s3.send(new S3.GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
    expect(JSON.parse((await s3.send(new S3.GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}')).toEqual(JSON.parse(policyFor(bucket, 'read')));
    const enc = await s3.send(new S3.GetBucketEncryptionCommand({ Bucket: bucket }));
    expect(enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    const lc = await s3.send(new S3.GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(lc.Rules).toMatchObject([{ ID: 'expire-logs', Status: 'Enabled', Expiration: { Days: 30 } }]);
    // The controller's default tags (--resource-tags, ACK's defaults) join the spec's, as ACK does.
    const tags = (await s3.send(new S3.GetBucketTaggingCommand({ Bucket: bucket }))).TagSet ?? [];
    expect(tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'ml' }, { Key: 'services.k8s.aws/namespace', Value: ns }]));
    expect(b.spec?.tagging).toEqual({ tagSet: [{ key: 'team', value: 'ml' }] });
    expect((await s3.send(new S3.GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    expect(count(await okCalls(bucket, 0), 'CreateBucket')).toBe(1);
  });

  it('an idle resync costs one HeadBucket plus one read per managed configuration, and writes nothing', async () => {
    await c.synced(BUCKETS, ns, 'data');
    const since = await aws.control.mark();
    await resyncs(bucket, since, 3);
    const ops = await okCalls(bucket, since);
    const reads = ['GetBucketEncryption', 'GetBucketLifecycleConfiguration', 'GetBucketPolicy', 'GetPublicAccessBlock', 'GetBucketTagging', 'GetBucketVersioning'];
    expect(ops.filter((o) => !reads.includes(o) && o !== 'HeadBucket')).toEqual([]);
    // The window may cut a resync at either end: each whole one, HeadBucket to HeadBucket, is these reads.
    const heads = ops.flatMap((o, i) => (o === 'HeadBucket' ? [i] : []));
    expect(heads.length).toBeGreaterThanOrEqual(3);
    const whole = heads.slice(1).map((end, k) => ops.slice(heads[k], end));
    for (const resync of whole) expect([...resync].sort()).toEqual(['HeadBucket', ...reads].sort());
    // For the README: calls per idle resync of a bucket managing six configurations.
    process.stdout.write(`s3 idle resync: ${whole.length} whole resyncs of ${whole[0]!.length} calls (HeadBucket + ${reads.length} reads, 0 writes)\n`);
  }, 60_000);

  it('drift made out of band (versioning suspended, policy deleted) is seen and corrected on the next resync', async () => {
    const since = await aws.control.mark();
    await s3.send(new S3.PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    await s3.send(new S3.DeleteBucketPolicyCommand({ Bucket: bucket }));
    await waitForAws(async () => (await s3.send(new S3.GetBucketVersioningCommand({ Bucket: bucket }))).Status === 'Enabled', 'versioning Enabled again');
    await waitForAws(async () => (await outcome(s3.send(new S3.GetBucketPolicyCommand({ Bucket: bucket })))) === 'ok', 'policy back');
    const ops = await okCalls(bucket, since);
    expect(count(ops, 'PutBucketVersioning')).toBe(2); // ours and the controller's
    expect(count(ops, 'PutBucketPolicy')).toBe(1);
    expect(count(ops, 'PutBucketLifecycleConfiguration')).toBe(0);
  });

  it('updates each configuration the spec changes, and adds new ones (request payment and metrics through the proxy: moto lacks them)', async () => {
    patch('data', 'merge', {
      spec: {
        versioning: { status: 'Suspended' },
        policy: policyFor(bucket, 'read-v2'),
        encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: 'alias/ml' }, bucketKeyEnabled: true }] },
        lifecycle: { rules: [{ id: 'expire-logs', status: 'Enabled', filter: { prefix: 'logs/' }, expiration: { days: 60 } }] },
        tagging: { tagSet: [{ key: 'team', value: 'ml' }, { key: 'stage', value: 'prod' }] },
        publicAccessBlock: { blockPublicACLs: true, ignorePublicACLs: true, blockPublicPolicy: false, restrictPublicBuckets: false },
        cors: { corsRules: [{ allowedMethods: ['GET'], allowedOrigins: ['https://example.com'], maxAgeSeconds: 300 }] },
        website: { indexDocument: { suffix: 'index.html' }, errorDocument: { key: 'error.html' } },
        accelerate: { status: 'Enabled' },
        ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
        requestPayment: { payer: 'Requester' },
        metrics: [{ id: 'all' }, { id: 'logs', filter: { prefix: 'logs/' } }],
      },
    });
    // Parts are put in field order; website is the last.
    await waitForAws(async () => (await s3.send(new S3.GetBucketWebsiteCommand({ Bucket: bucket }))).IndexDocument?.Suffix === 'index.html', 'website (the last part)');
    expect((await s3.send(new S3.GetBucketRequestPaymentCommand({ Bucket: bucket }))).Payer).toBe('Requester');
    await c.synced(BUCKETS, ns, 'data');
    expect((await s3.send(new S3.GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Suspended');
    expect(JSON.parse((await s3.send(new S3.GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}').Statement[0].Sid).toBe('read-v2');
    const rule = (await s3.send(new S3.GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
    expect(rule).toMatchObject({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/ml' }, BucketKeyEnabled: true });
    expect((await s3.send(new S3.GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules?.[0]?.Expiration?.Days).toBe(60);
    expect((await s3.send(new S3.GetBucketTaggingCommand({ Bucket: bucket }))).TagSet).toEqual(expect.arrayContaining([{ Key: 'stage', Value: 'prod' }]));
    expect((await s3.send(new S3.GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(false);
    expect((await s3.send(new S3.GetBucketCorsCommand({ Bucket: bucket }))).CORSRules).toMatchObject([{ AllowedOrigins: ['https://example.com'], MaxAgeSeconds: 300 }]);
    expect((await s3.send(new S3.GetBucketWebsiteCommand({ Bucket: bucket }))).IndexDocument?.Suffix).toBe('index.html');
    expect((await s3.send(new S3.GetBucketAccelerateConfigurationCommand({ Bucket: bucket }))).Status).toBe('Enabled');
    expect((await s3.send(new S3.GetBucketOwnershipControlsCommand({ Bucket: bucket }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    const metrics = await s3.send(new S3.ListBucketMetricsConfigurationsCommand({ Bucket: bucket }));
    expect(metrics.MetricsConfigurationList?.map((m) => m.Id)).toEqual(['all', 'logs']);
    // Settled: another resync writes nothing (moto's answers, defaults included, match the spec).
    const since = await aws.control.mark();
    await resyncs(bucket, since, 2);
    expect((await okCalls(bucket, since)).filter((o) => /^(Put|Delete)/.test(o))).toEqual([]);
  }, 60_000);

  it('a configuration removed from the spec is removed in AWS (Delete, or the unset value where S3 has no Delete), then no longer read', async () => {
    const since = await aws.control.mark();
    patch('data', 'json', ['policy', 'cors', 'versioning', 'metrics', 'requestPayment'].map((f) => ({ op: 'remove', path: `/spec/${f}` })));
    await waitForAws(async () => (await outcome(s3.send(new S3.GetBucketPolicyCommand({ Bucket: bucket })))) === 'NoSuchBucketPolicy', 'policy deleted');
    await waitForAws(async () => (await outcome(s3.send(new S3.GetBucketCorsCommand({ Bucket: bucket })))) === 'NoSuchCORSConfiguration', 'cors deleted');
    await waitForAws(async () => (await s3.send(new S3.ListBucketMetricsConfigurationsCommand({ Bucket: bucket }))).MetricsConfigurationList === undefined, 'metrics deleted');
    await waitForAws(async () => (await s3.send(new S3.GetBucketRequestPaymentCommand({ Bucket: bucket }))).Payer === 'BucketOwner', 'payer back to the owner');
    const b = await c.until(BUCKETS, ns, 'data', (o) => !o.metadata.annotations?.[SUB_RESOURCES_ANNOTATION]?.includes('policy'), 'record updated');
    expect(b.metadata.annotations?.[SUB_RESOURCES_ANNOTATION]).toBe('accelerate,encryption,lifecycle,ownershipControls,publicAccessBlock,tagging,website');
    expect((await s3.send(new S3.GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Suspended');
    const ops = await okCalls(bucket, since);
    expect(ops).toEqual(expect.arrayContaining(['DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketMetricsConfiguration', 'PutBucketRequestPayment']));
    const later = await aws.control.mark();
    await resyncs(bucket, later, 2);
    const idle = await okCalls(bucket, later);
    expect(idle.filter((o) => /Policy$|Cors$|Versioning$|Metrics|RequestPayment/.test(o))).toEqual([]);
  }, 60_000);

  it('refuses to rename the bucket (immutable) at admission', () => {
    const r = kubectl(['patch', 'bucket', 'data', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { name: `${bucket}-2` } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });

  it('adopts a bucket made outside Kubernetes (adoption-policy adopt): its configurations join the spec', async () => {
    const outside = uniqueName('outside');
    await s3.send(new S3.CreateBucketCommand({ Bucket: outside }));
    await s3.send(new S3.PutBucketVersioningCommand({ Bucket: outside, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new S3.PutBucketTaggingCommand({ Bucket: outside, Tagging: { TagSet: [{ Key: 'owner', Value: 'data-team' }] } }));
    apply(
      bucketManifest('outside', { name: outside }, { 'services.k8s.aws/adoption-policy': 'adopt', 'services.k8s.aws/adoption-fields': JSON.stringify({ name: outside }) }),
    );
    const b = await c.synced(BUCKETS, ns, 'outside');
    expect(b.spec).toMatchObject({ name: outside, versioning: { status: 'Enabled' }, tagging: { tagSet: [{ key: 'owner', value: 'data-team' }] } });
    expect(b.metadata.annotations?.['services.k8s.aws/adopted']).toBe('true');
    expect(count(await okCalls(outside, 0), 'CreateBucket')).toBe(1); // ours, with the SDK
    kubectl(['delete', 'bucket', 'outside', '-n', ns, '--wait=false']);
    await c.gone(BUCKETS, ns, 'outside');
  });

  it('delete: the bucket goes from AWS with the finalizer; one annotated retain stays', async () => {
    const kept = uniqueName('kept');
    apply(bucketManifest('kept', { name: kept, versioning: { status: 'Enabled' } }, { 'services.k8s.aws/deletion-policy': 'retain' }));
    await c.synced(BUCKETS, ns, 'kept');
    kubectl(['delete', 'bucket', 'data', 'kept', '-n', ns, '--wait=false']);
    await c.gone(BUCKETS, ns, 'data');
    await c.gone(BUCKETS, ns, 'kept');
    expect(await outcome(s3.send(new S3.HeadBucketCommand({ Bucket: bucket })))).toBe('NotFound');
    expect(await outcome(s3.send(new S3.HeadBucketCommand({ Bucket: kept })))).toBe('ok');
    expect((await s3.send(new S3.GetBucketVersioningCommand({ Bucket: kept }))).Status).toBe('Enabled');
    expect(count(await okCalls(kept, 0), 'DeleteBucket')).toBe(0);
  });
});

async function waitForAws(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${c.logs.slice(-15).join('\n')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

