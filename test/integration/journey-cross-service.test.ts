// Issue 12's cross-service journey, and issue 15's references across services and namespaces, on
// the real apiserver and moto: the walkthrough's TrainingJob trains from an S3 Bucket, runs as an
// IAM Role and encrypts with a KMS Key, each made by its own generated ack-ts controller (s3, iam,
// kms, sagemaker all running). The job names the Role and the Key by reference (ack-ts's optional
// roleRef / outputDataConfig.kmsKeyRef / resourceConfig.volumeKMSKeyRef; ACK's TrainingJob has no
// references), the Key lives in another namespace, and the Role takes its managed policy through
// ACK's policyRefs list. The job is applied first: nothing reaches SageMaker until every reference
// resolves, and the job is woken when the Role and Key become Synced.
import { DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ListAttachedRolePoliciesCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { service as s3Service } from '../../generated/s3/src/service';
import { service as iamService } from '../../generated/iam/src/service';
import { service as kmsService } from '../../generated/kms/src/service';
import { service as sagemakerService } from '../../generated/sagemaker/src/service';
import { hooks as s3Hooks } from '../../api-models/s3/hooks';
import { hooks as iamHooks } from '../../api-models/iam/hooks';
import { hooks as kmsHooks } from '../../api-models/kms/hooks';
import { hooks as sagemakerHooks } from '../../api-models/sagemaker/hooks';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { condition, ref, SAGEMAKER } from '../e2e/controllers';
import { installServiceCrds, startServiceControllers, type ServiceRuns } from '../e2e/service-controller';
import { withControllers } from '../e2e/with-controllers';

const BUCKETS = ref({ group: 's3.services.k8s.aws', version: 'v1alpha1' }, 'buckets');
const ROLES = ref({ group: 'iam.services.k8s.aws', version: 'v1alpha1' }, 'roles');
const POLICIES = ref({ group: 'iam.services.k8s.aws', version: 'v1alpha1' }, 'policies');
const KEYS = ref({ group: 'kms.services.k8s.aws', version: 'v1alpha1' }, 'keys');
const TRAINING = ref(SAGEMAKER, 'trainingjobs');
const SAMPLES = join(__dirname, '../../samples/references');

const ns = uniqueName('journey');
const keyNs = uniqueName('journey-keys');
const bucketName = uniqueName('abalone-data');
const roleName = uniqueName('sagemaker-exec');
const policyName = uniqueName('artifact-access');
const jobName = uniqueName('xgboost-abalone');
const WOKEN = 'referenced resource changed; reconciling the resource that waits for it';

let aws: TestAws;
let sm: SageMakerClient;
let iam: IAMClient;
let s3: S3Client;
let runs: ServiceRuns<'s3' | 'iam' | 'kms' | 'sagemaker'>;

/** The sample manifests, with this run's unique names and namespaces. */
function sample(file: string): Record<string, any>[] {
  const text = readFileSync(join(SAMPLES, file), 'utf8')
    .replaceAll('example-sagemaker-bucket', bucketName)
    .replaceAll('sagemaker-execution-role', roleName)
    .replaceAll('sagemaker-artifact-access', policyName)
    .replaceAll('xgboost-abalone', jobName)
    .replaceAll('ml-security', keyNs);
  return text.split(/^---$/m).map((d) => parse(d)).filter(Boolean);
}

function apply(doc: object, namespace: string, ...extra: string[]) {
  return kubectl(['apply', '-n', namespace, ...extra, '-f', '-'], { input: stringify(doc) });
}

// Calls of this file only: moto and the proxy outlive each test file in a run of the whole suite.
let fileStart = 0;
const ok = async (operation: string, since?: number) => (await aws.control.calls({ operation, since: since ?? fileStart })).filter((c) => c.status === 200);
const allLogs = () => [runs.s3, runs.iam, runs.kms, runs.sagemaker].flatMap((r) => r.logs);

const env = withControllers({
  ns,
  namespaces: [keyNs],
  crds: () => {
    for (const s of ['s3', 'iam', 'kms', 'sagemaker']) installServiceCrds(s);
  },
  client: (aws) => [
    new SageMakerClient(aws.clientConfig({ maxAttempts: 3 })),
    new IAMClient(aws.clientConfig({ maxAttempts: 3 })),
    new S3Client({ ...aws.clientConfig({ maxAttempts: 3 }), forcePathStyle: true }),
  ] as const,
  before: async (aws) => {
    fileStart = await aws.control.mark();
  },
  start: (aws) =>
    startServiceControllers(
      { s3: { descriptor: s3Service, hooks: s3Hooks }, iam: { descriptor: iamService, hooks: iamHooks }, kms: { descriptor: kmsService, hooks: kmsHooks }, sagemaker: { descriptor: sagemakerService, hooks: sagemakerHooks } },
      aws,
      `${ns},${keyNs}`,
    ),
  timeoutMs: 180_000,
});
beforeAll(() => ({ aws, c: runs, client: [sm, iam, s3] } = env));

describe('cross-service journey: TrainingJob → s3 Bucket, iam Role (+ Policy), kms Key in another namespace', () => {
  it('ACK\'s walkthrough TrainingJob still applies unchanged; a job with neither roleARN nor roleRef is refused at apply time', () => {
    const ack = parse(readFileSync(join(__dirname, '../../../shared/walkthrough/training.yaml'), 'utf8'));
    const r = apply(ack, ns, '--server-side', '--dry-run=server', '--validate=strict');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const job = sample('training-job.yaml').find((d) => d.kind === 'TrainingJob')!;
    const withoutRole = { ...job.spec };
    delete withoutRole.roleRef;
    const refused = apply({ ...job, spec: withoutRole }, ns, '--dry-run=server');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('roleARN or roleRef is required');
  });

  it('a TrainingJob applied before what it references waits: ReferencesResolved Unknown, a message naming the missing object, nothing sent to SageMaker', async () => {
    const job = sample('training-job.yaml').find((d) => d.kind === 'TrainingJob')!;
    expect(apply(job, ns).status).toBe(0);
    const waiting = await runs.sagemaker.until(TRAINING, ns, jobName, (o) => condition(o, 'ACK.ReferencesResolved') !== undefined, 'ReferencesResolved set');
    expect(condition(waiting, 'ACK.ReferencesResolved')).toMatchObject({ status: 'Unknown', message: 'Reference resolution failed', reason: expect.stringMatching(/not found$/) });
    expect(condition(waiting, 'ACK.ResourceSynced')).toMatchObject({ status: 'False', reason: 'ReferencesNotResolved', message: expect.stringMatching(/^Resource not synced: spec\.\S+ names (Key|Role) ".+" \(\S+\) in namespace ".+", which does not exist$/) });
    expect(await ok('CreateTrainingJob')).toEqual([]);
    expect(waiting.metadata.finalizers ?? []).toEqual([]);
  });

  it('the Bucket, Policy, Role (policyRefs) and Key made by their own controllers unblock it: the job is created once, with their ARNs, and woken by their becoming Synced', async () => {
    for (const doc of sample('training-job.yaml').filter((d) => d.kind !== 'TrainingJob')) {
      const r = apply(doc, doc.metadata.namespace ?? ns);
      if (r.status !== 0) throw new Error(`${doc.kind}: ${r.stderr}`);
    }
    const bucket = await runs.s3.synced(BUCKETS, ns, 'abalone-data', 60_000);
    const policy = await runs.iam.synced(POLICIES, ns, 'artifact-access');
    const role = await runs.iam.synced(ROLES, ns, 'sagemaker-execution', 60_000);
    const key = await runs.kms.synced(KEYS, keyNs, 'artifacts');
    expect(bucket.status?.location).toBe(`/${bucketName}`);
    const roleArn = (role.status as any).ackResourceMetadata.arn as string;
    const keyArn = (key.status as any).ackResourceMetadata.arn as string;
    const policyArn = (policy.status as any).ackResourceMetadata.arn as string;
    expect(roleArn).toMatch(new RegExp(`^arn:aws:iam::\\d{12}:role/${roleName}$`));
    expect(keyArn).toMatch(/^arn:aws:kms:/);

    // ACK's nested reference in a list item, across services and namespaces: the Bucket's
    // encryption.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyRef → the Key's ARN.
    expect(condition(bucket, 'ACK.ReferencesResolved')?.status).toBe('True');
    const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucketName }));
    expect(enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toMatchObject({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn });
    expect((bucket.spec as any).encryption.rules[0].applyServerSideEncryptionByDefault).not.toHaveProperty('kmsMasterKeyID');

    // A *Refs list: the Role's policyRefs resolved to the Policy CR's ARN and attached in IAM.
    expect(condition(role, 'ACK.ReferencesResolved')?.status).toBe('True');
    const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies ?? [];
    expect(attached.map((p) => p.PolicyArn)).toEqual([policyArn]);
    expect(role.spec).not.toHaveProperty('policies');

    const job = await runs.sagemaker.synced(TRAINING, ns, jobName, 90_000);
    expect(condition(job, 'ACK.ReferencesResolved')?.status).toBe('True');
    // The Key is in another namespace: allowed by default, with ACK's advisory.
    expect(condition(job, 'ACK.Advisory')).toMatchObject({ status: 'True', reason: 'CrossNamespaceOptInRequired', message: expect.stringContaining(`in namespace "${keyNs}"`) });

    // Woken by the referenced objects' changes, not only by its backoff.
    expect(allLogs().some((l) => l.includes(WOKEN) && l.includes(`${ns}/${jobName}`))).toBe(true);

    const creates = await ok('CreateTrainingJob');
    expect(creates).toHaveLength(1);
    const input = creates[0]!.input as any;
    expect(input.RoleArn).toBe(roleArn);
    expect(input.OutputDataConfig).toMatchObject({ KmsKeyId: keyArn, S3OutputPath: `s3://${bucketName}/sagemaker/xgboost/output` });
    expect(input.ResourceConfig).toMatchObject({ VolumeKmsKeyId: keyArn });
    expect(input.InputDataConfig[0].DataSource.S3DataSource.S3Uri).toBe(`s3://${bucketName}/sagemaker/xgboost/train`);
    // Only after what it references existed in AWS: the Role (with its policy attached, since the
    // Role is Synced only after its collections) and the Key. The Bucket is named by S3 URIs, not
    // by reference, so the s3 controller may create it before or after the job.
    const firstSeq = async (op: string) => Math.min(...(await ok(op)).map((c) => c.seq));
    expect(creates[0]!.seq).toBeGreaterThan(Math.max(await firstSeq('CreateRole'), await firstSeq('CreateKey'), await firstSeq('AttachRolePolicy')));

    // The AWS side shows what the CRs produced; the user's spec keeps only the references.
    const inAws = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
    expect(inAws.RoleArn).toBe(roleArn);
    expect(inAws.OutputDataConfig?.KmsKeyId).toBe(keyArn);
    expect(inAws.ResourceConfig?.VolumeKmsKeyId).toBe(keyArn);
    expect(job.spec).not.toHaveProperty('roleARN');
    expect(job.spec!['roleRef']).toEqual({ from: { name: 'sagemaker-execution' } });
    expect(job.spec!['outputDataConfig']).not.toHaveProperty('kmsKeyID');
    expect(job.spec!['resourceConfig']).not.toHaveProperty('volumeKMSKeyID');
  });

  it('everything deletes cleanly, the job before what it referenced', async () => {
    kubectl(['delete', 'trainingjobs.sagemaker.services.k8s.aws', jobName, '-n', ns, '--wait=false']);
    await runs.sagemaker.gone(TRAINING, ns, jobName, 60_000);
    kubectl(['delete', 'roles.iam.services.k8s.aws', 'sagemaker-execution', '-n', ns, '--wait=false']);
    kubectl(['delete', 'buckets.s3.services.k8s.aws', 'abalone-data', '-n', ns, '--wait=false']);
    kubectl(['delete', 'keys.kms.services.k8s.aws', 'artifacts', '-n', keyNs, '--wait=false']);
    await runs.iam.gone(ROLES, ns, 'sagemaker-execution', 60_000);
    kubectl(['delete', 'policies.iam.services.k8s.aws', 'artifact-access', '-n', ns, '--wait=false']);
    await runs.iam.gone(POLICIES, ns, 'artifact-access', 60_000);
    await runs.s3.gone(BUCKETS, ns, 'abalone-data', 60_000);
    await runs.kms.gone(KEYS, keyNs, 'artifacts', 60_000);
  });
});
