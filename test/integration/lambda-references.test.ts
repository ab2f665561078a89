// Lambda's references end to end, each target made by its own generated ack-ts controller (s3, iam,
// kms, lambda running together): a Function takes its code from the Bucket named by
// code.s3BucketRef, runs as the Role named by roleRef and encrypts its environment with the Key
// named by kmsKeyRef (ACK's three references on Function); a Version, an Alias, a FunctionURLConfig
// and an EventSourceMapping name that Function by functionRef. Everything is applied before what it
// references exists: nothing reaches Lambda until the references resolve, each waiter is woken when
// its target becomes Synced, AWS gets the targets' values, and the specs keep only the references.
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetAliasCommand,
  GetEventSourceMappingCommand,
  GetFunctionConfigurationCommand,
  GetFunctionUrlConfigCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { service as s3Service } from '../../generated/s3/src/service';
import { service as iamService } from '../../generated/iam/src/service';
import { service as kmsService } from '../../generated/kms/src/service';
import { service as lambdaService } from '../../generated/lambda/src/service';
import { hooks as s3Hooks } from '../../api-models/s3/hooks';
import { hooks as iamHooks } from '../../api-models/iam/hooks';
import { hooks as kmsHooks } from '../../api-models/kms/hooks';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { condition, ref } from '../e2e/controllers';
import { installServiceCrds, startServiceControllers, type ServiceRuns } from '../e2e/service-controller';
import { withControllers } from '../e2e/with-controllers';
import { callsAfterReads } from '../support/calls';

const api = (group: string) => ({ group: `${group}.services.k8s.aws`, version: 'v1alpha1' });
const BUCKETS = ref(api('s3'), 'buckets');
const ROLES = ref(api('iam'), 'roles');
const KEYS = ref(api('kms'), 'keys');
const FUNCTIONS = ref(api('lambda'), 'functions');
const VERSIONS = ref(api('lambda'), 'versions');
const ALIASES = ref(api('lambda'), 'aliases');
const URLS = ref(api('lambda'), 'functionurlconfigs');
const MAPPINGS = ref(api('lambda'), 'eventsourcemappings');

const bucketName = uniqueName('fn-code');
const roleName = uniqueName('fn-exec');
const fnName = uniqueName('refd-fn');
const codeKey = 'scorer/v1.zip';
const zip = Buffer.from('PK\u0003\u0004print("hi")');
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

type Runs = ServiceRuns<'s3' | 'iam' | 'kms' | 'lambda'>;
interface Clients { lambda: LambdaClient; s3: S3Client; sqs: SQSClient }

const f = withControllers<Runs, Clients>({
  ns: uniqueName('lambda-refs'),
  crds: () => ['s3', 'iam', 'kms', 'lambda'].forEach(installServiceCrds),
  client: (aws) => ({
    lambda: new LambdaClient(aws.clientConfig({ maxAttempts: 3 })),
    s3: new S3Client({ ...aws.clientConfig({ maxAttempts: 3 }), forcePathStyle: true }),
    sqs: new SQSClient(aws.clientConfig({ maxAttempts: 3 })),
  }),
  start: (aws, ns) =>
    startServiceControllers(
      { s3: { descriptor: s3Service, hooks: s3Hooks }, iam: { descriptor: iamService, hooks: iamHooks }, kms: { descriptor: kmsService, hooks: kmsHooks }, lambda: { descriptor: lambdaService } },
      aws,
      ns,
      ['--reconcile-default-resync-seconds', '2'],
    ),
  timeoutMs: 180_000,
});
const c = () => f.c;

function apply(group: string, kind: string, name: string, spec: Record<string, unknown>): void {
  const manifest = { apiVersion: `${group}.services.k8s.aws/v1alpha1`, kind, metadata: { name }, spec };
  const r = kubectl(['apply', '-n', f.ns, '-f', '-'], { input: stringify(manifest) });
  if (r.status !== 0) throw new Error(`${kind} ${name}: ${r.stderr}`);
}

const fnRef = { from: { name: 'scorer' } };
const functionSpec = {
  name: fnName,
  runtime: 'python3.12',
  handler: 'index.handler',
  code: { s3BucketRef: { from: { name: 'code' } }, s3Key: codeKey },
  roleRef: { from: { name: 'exec' } },
  kmsKeyRef: { from: { name: 'env-key' } },
  environment: { variables: { STAGE: 'test' } },
};
const arn = (o: KubeObject) => (o.status as any).ackResourceMetadata.arn as string;
/** Lambda's successful writes in this file (REST calls are recorded as `METHOD /path`, without their body). */
const lambdaWrites = async () =>
  (await f.aws.control.calls({ service: 'lambda', since: fileStart })).filter((x) => x.status < 300 && !x.operation.startsWith('GET '));
let fileStart = 0;
let queueArn = '';

describe('lambda references: Function → s3 Bucket, iam Role, kms Key; Version/Alias/FunctionURLConfig/EventSourceMapping → Function', () => {
  it('everything applied before its targets waits: ReferencesResolved Unknown naming what is missing, nothing sent to Lambda', async () => {
    fileStart = await f.aws.control.mark();
    const queueUrl = (await f.client.sqs.send(new CreateQueueCommand({ QueueName: uniqueName('fn-events') }))).QueueUrl!;
    queueArn = (await f.client.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    apply('lambda', 'Function', 'scorer', functionSpec);
    apply('lambda', 'Version', 'scorer-v', { functionRef: fnRef, description: 'published through functionRef' });
    apply('lambda', 'Alias', 'scorer-live', { name: 'live', functionRef: fnRef, functionVersion: '$LATEST' });
    apply('lambda', 'FunctionURLConfig', 'scorer-url', { functionRef: fnRef, authType: 'NONE' });
    apply('lambda', 'EventSourceMapping', 'scorer-events', { functionRef: fnRef, eventSourceARN: queueArn, batchSize: 3 });
    // The Function is missing its targets; the others find the Function, which is not synced yet.
    for (const [r, name, target, why] of [
      [FUNCTIONS, 'scorer', '(Bucket|Role|Key)', 'which does not exist'],
      ...[[VERSIONS, 'scorer-v'], [ALIASES, 'scorer-live'], [URLS, 'scorer-url'], [MAPPINGS, 'scorer-events']].map(([r, n]) => [r, n, 'Function', 'it is not synced yet']),
    ] as [typeof FUNCTIONS, string, string, string][]) {
      const o = await c().lambda.until(r, f.ns, name, (x) => condition(x, 'ACK.ReferencesResolved') !== undefined, 'ReferencesResolved set');
      expect(condition(o, 'ACK.ReferencesResolved')).toMatchObject({ status: 'Unknown', reason: expect.stringMatching(target === 'Function' ? /not synced yet/ : /not found$/) });
      expect(condition(o, 'ACK.ResourceSynced')).toMatchObject({
        status: 'False',
        reason: 'ReferencesNotResolved',
        message: expect.stringMatching(new RegExp(`^Resource not synced: spec\\.\\S+ names ${target} ".+" \\(\\S+\\) in namespace ".+", ${why}$`)),
      });
      expect(o.metadata.finalizers ?? []).toEqual([]);
    }
    expect(await lambdaWrites()).toEqual([]);
  });

  it('the Bucket made by the s3 controller alone is not enough: the Function still waits for its Role and Key', async () => {
    apply('s3', 'Bucket', 'code', { name: bucketName });
    await c().s3.synced(BUCKETS, f.ns, 'code', 60_000);
    // The code object the Function deploys from (moto's CreateFunction reads it from its S3).
    await f.client.s3.send(new PutObjectCommand({ Bucket: bucketName, Key: codeKey, Body: zip }));
    const waiting = await c().lambda.until(FUNCTIONS, f.ns, 'scorer', (o) => /names (Role|Key) /.test(condition(o, 'ACK.ResourceSynced')?.message ?? ''), 'waiting for the Role or Key');
    expect(condition(waiting, 'ACK.ReferencesResolved')?.status).toBe('Unknown');
    expect(await lambdaWrites()).toEqual([]);
  });

  it('once the Role and Key are Synced, the Function is created once with the bucket name, role ARN and key ARN; its spec keeps only the references', async () => {
    apply('iam', 'Role', 'exec', { name: roleName, assumeRolePolicyDocument: JSON.stringify(trust) });
    apply('kms', 'Key', 'env-key', { description: 'encrypts a function environment' });
    const role = await c().iam.synced(ROLES, f.ns, 'exec', 60_000);
    const key = await c().kms.synced(KEYS, f.ns, 'env-key', 60_000);
    const fn = await c().lambda.synced(FUNCTIONS, f.ns, 'scorer', 90_000);
    expect(condition(fn, 'ACK.ReferencesResolved')?.status).toBe('True');

    // REST calls are recorded by method and path without their body: what Lambda was sent is read back
    // from Lambda. moto's CreateFunction fetches the code from its S3 (NoSuchBucket otherwise), so the
    // code's size and hash are the object's in the referenced bucket.
    expect((await lambdaWrites()).filter((x) => x.operation === 'POST /2015-03-31/functions')).toHaveLength(1);
    const config = await f.client.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fnName }));
    expect(config).toMatchObject({ Role: arn(role), KMSKeyArn: arn(key), CodeSize: zip.length, CodeSha256: createHash('sha256').update(zip).digest('base64') });

    const spec = fn.spec as Record<string, any>;
    expect(spec.code).toEqual(functionSpec.code);
    expect(spec.roleRef).toEqual(functionSpec.roleRef);
    expect(spec.kmsKeyRef).toEqual(functionSpec.kmsKeyRef);
    for (const resolved of ['role', 'kmsKeyARN']) expect(spec).not.toHaveProperty(resolved);
    expect(spec.code).not.toHaveProperty('s3Bucket');
  });

  it('the Version, Alias, FunctionURLConfig and EventSourceMapping are woken by the Function and made on it; their specs keep only functionRef', async () => {
    const version = await c().lambda.synced(VERSIONS, f.ns, 'scorer-v', 60_000);
    const alias = await c().lambda.synced(ALIASES, f.ns, 'scorer-live', 60_000);
    const url = await c().lambda.synced(URLS, f.ns, 'scorer-url', 60_000);
    const mapping = await c().lambda.synced(MAPPINGS, f.ns, 'scorer-events', 60_000);
    for (const o of [version, alias, url, mapping]) {
      expect(condition(o, 'ACK.ReferencesResolved')?.status).toBe('True');
      expect(o.spec!['functionRef']).toEqual(fnRef);
      expect(o.spec).not.toHaveProperty('functionName');
    }
    const published = (await f.client.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fnName, Qualifier: String((version.status as any).version) })));
    expect(published).toMatchObject({ FunctionName: fnName, Description: 'published through functionRef' });
    expect(await f.client.lambda.send(new GetAliasCommand({ FunctionName: fnName, Name: 'live' }))).toMatchObject({ Name: 'live', FunctionVersion: '$LATEST' });
    expect(await f.client.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fnName }))).toMatchObject({ AuthType: 'NONE', FunctionArn: expect.stringContaining(fnName) });
    const esm = await f.client.lambda.send(new GetEventSourceMappingCommand({ UUID: String((mapping.status as any).uuid) }));
    expect(esm).toMatchObject({ EventSourceArn: queueArn, BatchSize: 3, FunctionArn: expect.stringContaining(`:function:${fnName}`) });
  });

  it('an idle resync writes nothing to Lambda: the resolved bucket, role, key and function name are not taken for drift', async () => {
    const mark = await f.aws.control.mark();
    const read = (path: string) => (x: { operation: string }) => x.operation === `GET ${path}`;
    for (const path of [`/2015-03-31/functions/${fnName}`, `/2015-03-31/functions/${fnName}/aliases/live`, `/2021-10-31/functions/${fnName}/url`]) {
      await callsAfterReads(f.aws.control, mark, read(path), 2, `resync reads (GET ${path})`, { logs: c().lambda.logs });
    }
    const writes = (await f.aws.control.calls({ service: 'lambda', since: mark })).filter((x) => x.status < 300 && /^(POST|PUT|DELETE) |^(Add|Remove|Tag|Untag|Put|Delete|Update|Create|Publish)/.test(x.operation));
    expect(writes.map((x) => x.operation)).toEqual([]);
  });

  it('the dependents, then the Function, Role, Key and Bucket are deleted', async () => {
    const dependents = [['eventsourcemapping', 'scorer-events', MAPPINGS], ['functionurlconfig', 'scorer-url', URLS], ['alias', 'scorer-live', ALIASES], ['version', 'scorer-v', VERSIONS]] as const;
    for (const [kind, name] of dependents) kubectl(['delete', `${kind}.lambda.services.k8s.aws`, name, '-n', f.ns, '--wait=false']);
    await Promise.all(dependents.map(([, name, r]) => c().lambda.gone(r, f.ns, name, 60_000)));
    kubectl(['delete', 'function.lambda.services.k8s.aws', 'scorer', '-n', f.ns, '--wait=false']);
    await c().lambda.gone(FUNCTIONS, f.ns, 'scorer', 60_000);
    kubectl(['delete', 'role.iam.services.k8s.aws', 'exec', '-n', f.ns, '--wait=false']);
    kubectl(['delete', 'key.kms.services.k8s.aws', 'env-key', '-n', f.ns, '--wait=false']);
    await c().iam.gone(ROLES, f.ns, 'exec', 60_000);
    await c().kms.gone(KEYS, f.ns, 'env-key', 60_000);
    await f.client.s3.send(new DeleteObjectCommand({ Bucket: bucketName, Key: codeKey }));
    kubectl(['delete', 'bucket.s3.services.k8s.aws', 'code', '-n', f.ns, '--wait=false']);
    await c().s3.gone(BUCKETS, f.ns, 'code', 60_000);
  });
});
