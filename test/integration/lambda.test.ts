// Lambda end to end through the generated controller against moto: ACK's manifests applied with
// kubectl. A Function's configuration goes through UpdateFunctionConfiguration and its code through
// UpdateFunctionCode (a sub-resource no read reports, judged against the spec last applied); reserved
// concurrency and asynchronous invocation are sub-resources with their own Get/Put/Delete; map tags go
// through TagResource/UntagResource (GetFunction reports them: no ListTags). A Version and a
// LayerVersion are keyed by the number AWS makes; an EventSourceMapping by its UUID.
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AddPermissionCommand,
  GetAliasCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetCodeSigningConfigCommand,
  GetFunctionCodeSigningConfigCommand,
  GetLayerVersionCommand,
  GetPolicyCommand,
  GetProvisionedConcurrencyConfigCommand,
  LambdaClient,
  ListTagsCommand,
  PutFunctionConcurrencyCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { writeFileSync } from 'node:fs';
import { service } from '../../generated/lambda/src/service';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { condition, ref, waitFor } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';
import type { CallRecord } from '../env/aws/call-log';
import { callsAfterReads, readOf } from '../support/calls';

const LAMBDA = { group: 'lambda.services.k8s.aws', version: 'v1alpha1' };
const FUNCTIONS = ref(LAMBDA, 'functions');
const VERSIONS = ref(LAMBDA, 'versions');
const ALIASES = ref(LAMBDA, 'aliases');
const LAYERS = ref(LAMBDA, 'layerversions');
const MAPPINGS = ref(LAMBDA, 'eventsourcemappings');
const URLS = ref(LAMBDA, 'functionurlconfigs');
const CSCS = ref(LAMBDA, 'codesigningconfigs');
const ns = uniqueName('lambda');
const fnName = uniqueName('fn');
const zip = (text: string) => Buffer.from(`PK\u0003\u0004${text}`).toString('base64');

let aws: TestAws;
let c: ServiceRun;
let lambda: LambdaClient;
let roleArn = '';

function apply(kind: string, name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  applyIn(ns, ackManifest('lambda.services.k8s.aws', kind, name, spec, annotations));
}

const status = (o: KubeObject) => (o.status ?? {}) as Record<string, any>;
const fn = () => lambda.send(new GetFunctionCommand({ FunctionName: fnName }));
/** The controller's GetFunction of the function: one per resync (the test's own reads stay outside the windows awaited). */
const getFunction = (x: CallRecord) =>
  x.service === 'lambda' && /^GET \/2015-03-31\/functions\/[^/]+$/.test(x.operation) && decodeURIComponent(x.operation).split('/').pop()!.split(':').pop() === fnName;
const resyncs = async (n: number) => callsAfterReads(aws.control, await aws.control.mark(), getFunction, n, 'resync reads (GetFunction) of the function', { logs: c.logs });
const writes = async (since: number) =>
  (await aws.control.calls({ since })).filter((x) => x.service === 'lambda' && !x.operation.startsWith('GET ')).map((x) => x.operation);

function functionSpec(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: fnName,
    role: roleArn,
    runtime: 'python3.12',
    handler: 'index.handler',
    code: { zipFile: zip('v1') },
    description: 'scores models',
    memorySize: 256,
    timeout: 30,
    environment: { variables: { STAGE: 'test' } },
    tags: { team: 'ml' },
    reservedConcurrentExecutions: 5,
    functionEventInvokeConfig: { maximumRetryAttempts: 1, maximumEventAgeInSeconds: 600 },
    ...over,
  };
}

const env = withServiceController({
  service: 'lambda',
  descriptor: service,
  ns,
  client: (aws) => new LambdaClient(aws.clientConfig({ maxAttempts: 3 })),
  before: async (aws) => {
    const iam = new IAMClient(aws.clientConfig({ maxAttempts: 3 }));
    // moto's CreateFunction requires a role that exists in its IAM.
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    roleArn = (await iam.send(new CreateRoleCommand({ RoleName: uniqueName('lambda-role'), AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
    iam.destroy();
  },
  flags: ['--reconcile-default-resync-seconds', '2'],
});
beforeAll(() => ({ aws, c, client: lambda } = env));
afterAll(() => {
  if (process.env.ACK_TS_TEST_LOG) writeFileSync(process.env.ACK_TS_TEST_LOG, (env.c?.logs ?? []).join('\n'));
});

describe('lambda Function', () => {
  let firstSha = '';

  it('creates the function once with its code, configuration, tags, concurrency and async config; ARN and state in status', async () => {
    const mark = await aws.control.mark();
    apply('Function', 'scorer', functionSpec());
    const o = await c.synced(FUNCTIONS, ns, 'scorer');
    expect(status(o).ackResourceMetadata.arn).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${fnName}`);
    expect(status(o)).toMatchObject({ state: 'Active', lastUpdateStatus: 'Successful' });
    firstSha = status(o).codeSHA256;
    expect(firstSha).toBeTruthy();
    const got = await fn();
    expect(got.Configuration).toMatchObject({ Description: 'scores models', MemorySize: 256, Timeout: 30, Runtime: 'python3.12', Environment: { Variables: { STAGE: 'test' } } });
    expect(got.Tags).toMatchObject({ team: 'ml' });
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fnName }))).ReservedConcurrentExecutions).toBe(5);
    expect(await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fnName }))).toMatchObject({ MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 600 });
    await resyncs(2); // no second create, no code update
    const made = await writes(mark);
    expect(made.filter((op) => op === 'POST /2015-03-31/functions')).toHaveLength(1);
    expect(made.some((op) => op.endsWith('/code'))).toBe(false);
  });

  it('an idle resync reads and writes nothing', async () => {
    const mark = await aws.control.mark();
    await resyncs(2);
    expect(await writes(mark)).toEqual([]);
    const reads = (await aws.control.calls({ since: mark })).filter((x) => x.service === 'lambda').map((x) => x.operation);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.some((op) => op.includes('/tags/'))).toBe(false); // GetFunction reports the tags
  });

  it('updates configuration (UpdateFunctionConfiguration), code (UpdateFunctionCode), tags, concurrency and async config', async () => {
    apply('Function', 'scorer', functionSpec({
      code: { zipFile: zip('v2') },
      description: 'scores models, v2',
      memorySize: 512,
      environment: { variables: { STAGE: 'prod' } },
      tags: { team: 'research', tier: 'gold' },
      reservedConcurrentExecutions: 7,
      functionEventInvokeConfig: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 600 },
    }));
    await waitFor(async () => {
      const got = await fn();
      const conc = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fnName }))).ReservedConcurrentExecutions;
      const inv = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fnName }));
      return got.Configuration?.Description === 'scores models, v2' &&
        got.Configuration.MemorySize === 512 &&
        got.Configuration.Environment?.Variables?.STAGE === 'prod' &&
        got.Configuration.CodeSha256 !== firstSha &&
        got.Tags?.team === 'research' && got.Tags?.tier === 'gold' &&
        conc === 7 && inv.MaximumRetryAttempts === 2
        ? true
        : undefined;
    }, 30_000, 'function updated', c.logs);
    // The code is put after the resource's own update and read: status shows the new digest from the next read.
    const sha = (await fn()).Configuration?.CodeSha256;
    await c.until(FUNCTIONS, ns, 'scorer', (o) => status(o).codeSHA256 === sha, 'new code digest in status');
  });

  it("a new code.sha256 (ACK's way to redeploy the same code) is one UpdateFunctionCode; an unchanged spec none", async () => {
    const spec = functionSpec({ code: { zipFile: zip('v2'), sha256: 'second-build' }, description: 'scores models, v2', memorySize: 512, environment: { variables: { STAGE: 'prod' } }, tags: { team: 'research', tier: 'gold' }, reservedConcurrentExecutions: 7, functionEventInvokeConfig: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 600 } });
    const mark = await aws.control.mark();
    apply('Function', 'scorer', spec);
    const codePuts = async () => (await writes(mark)).filter((op) => op === `PUT /2015-03-31/functions/${fnName}/code`);
    await waitFor(async () => ((await codePuts()).length === 1 ? true : undefined), 30_000, 'code redeployed', c.logs);
    await resyncs(2);
    expect(await codePuts()).toHaveLength(1);
  });

  it('drift made out of band is corrected on resync (configuration, a stray tag, concurrency)', async () => {
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fnName, Description: 'hijacked', MemorySize: 128 }));
    await lambda.send(new TagResourceCommand({ Resource: `arn:aws:lambda:us-east-1:123456789012:function:${fnName}`, Tags: { stray: 'x', team: 'other' } }));
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: fnName, ReservedConcurrentExecutions: 1 }));
    await waitFor(async () => {
      const got = await fn();
      const conc = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fnName }))).ReservedConcurrentExecutions;
      return got.Configuration?.Description === 'scores models, v2' && got.Configuration.MemorySize === 512 && got.Tags?.stray === undefined && got.Tags?.team === 'research' && conc === 7 ? true : undefined;
    }, 30_000, 'drift corrected', c.logs);
  });

  it('removing concurrency and async config from the spec deletes them in AWS', async () => {
    const spec = functionSpec({ code: { zipFile: zip('v2') }, description: 'scores models, v2', memorySize: 512, environment: { variables: { STAGE: 'prod' } }, tags: { team: 'research', tier: 'gold' } });
    delete spec.reservedConcurrentExecutions;
    delete spec.functionEventInvokeConfig;
    apply('Function', 'scorer', spec);
    await waitFor(async () => {
      const conc = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fnName }))).ReservedConcurrentExecutions;
      const inv = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fnName })).then(() => 'set', (e: { name?: string }) => e.name);
      return conc === undefined && inv === 'ResourceNotFoundException' ? true : undefined;
    }, 30_000, 'parts removed', c.logs);
  });

  it('renaming the function is refused at admission', () => {
    const r = kubectl(['patch', 'function', 'scorer', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { name: 'other' } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });
});

describe('lambda Version, Alias, FunctionURLConfig', () => {
  it('publishes a version of the function named by functionRef; keyed by the version number AWS made', async () => {
    apply('Version', 'v1', { functionRef: { from: { name: 'scorer' } }, description: 'first', provisionedConcurrencyConfig: { provisionedConcurrentExecutions: 2 } });
    const o = await c.synced(VERSIONS, ns, 'v1');
    expect(status(o).version).toBe('1');
    // moto lacks provisioned concurrency: served by the proxy's gap filler, keyed by the version number.
    await waitFor(async () => ((await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: fnName, Qualifier: '1' }))).RequestedProvisionedConcurrentExecutions === 2 ? true : undefined), 30_000, 'version provisioned concurrency', c.logs);
    expect(status(o).functionARN).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${fnName}:1`);
    const got = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fnName, Qualifier: '1' }));
    expect(got.Version).toBe('1');
  });

  it('an Alias points at the version; updated with UpdateAlias; an out-of-band change is corrected', async () => {
    apply('Alias', 'live', { name: 'live', functionRef: { from: { name: 'scorer' } }, functionVersion: '1', description: 'live traffic' });
    await c.synced(ALIASES, ns, 'live');
    expect(await lambda.send(new GetAliasCommand({ FunctionName: fnName, Name: 'live' }))).toMatchObject({ FunctionVersion: '1', Description: 'live traffic' });
    apply('Alias', 'live', { name: 'live', functionRef: { from: { name: 'scorer' } }, functionVersion: '$LATEST', description: 'latest traffic' });
    await waitFor(async () => {
      const a = await lambda.send(new GetAliasCommand({ FunctionName: fnName, Name: 'live' }));
      return a.FunctionVersion === '$LATEST' && a.Description === 'latest traffic' ? true : undefined;
    }, 30_000, 'alias updated', c.logs);
    await lambda.send(new UpdateAliasCommand({ FunctionName: fnName, Name: 'live', Description: 'hijacked' }));
    await waitFor(async () => ((await lambda.send(new GetAliasCommand({ FunctionName: fnName, Name: 'live' }))).Description === 'latest traffic' ? true : undefined), 30_000, 'alias drift corrected', c.logs);
  });

  /** The live alias's policy statements, by Sid (none while GetPolicy answers 404). */
  const statements = async (): Promise<Map<string, Record<string, any>>> => {
    try {
      const p = await lambda.send(new GetPolicyCommand({ FunctionName: fnName, Qualifier: 'live' }));
      return new Map(((JSON.parse(p.Policy ?? '{}') as { Statement?: Array<Record<string, any>> }).Statement ?? []).map((x) => [String(x.Sid), x]));
    } catch (e) {
      if ((e as { name?: string }).name === 'ResourceNotFoundException') return new Map();
      throw e;
    }
  };
  const sids = async () => [...(await statements()).keys()].sort().join(',');
  const s3 = { statementID: 's3-invoke', action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com', sourceARN: 'arn:aws:s3:::ml-data' };
  const sns = { statementID: 'sns-invoke', action: 'lambda:InvokeFunction', principal: 'sns.amazonaws.com' };
  const alias = { name: 'live', functionRef: { from: { name: 'scorer' } }, functionVersion: '$LATEST', description: 'latest traffic' };

  it("an Alias's permissions: added with AddPermission on the alias, removed with RemovePermission, re-added after an out-of-band removal", async () => {
    apply('Alias', 'live', { ...alias, permissions: [s3] });
    await waitFor(async () => ((await sids()) === 's3-invoke' ? true : undefined), 30_000, 'first permission added', c.logs);
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: fnName, Qualifier: 'live' }));
    const statement = (JSON.parse(policy.Policy!) as { Statement: Array<Record<string, unknown>> }).Statement[0]!;
    // Added on the alias, with the spec's members (moto records the qualified ARN as the statement's resource).
    expect(statement).toMatchObject({ Sid: 's3-invoke', Action: 'lambda:InvokeFunction', Principal: { Service: 's3.amazonaws.com' }, Resource: `arn:aws:lambda:us-east-1:123456789012:function:${fnName}:live` });
    apply('Alias', 'live', { ...alias, permissions: [s3, sns] });
    await waitFor(async () => ((await sids()) === 's3-invoke,sns-invoke' ? true : undefined), 30_000, 'second permission added', c.logs);
    const since = await aws.control.mark();
    apply('Alias', 'live', { ...alias, permissions: [sns] });
    await waitFor(async () => ((await sids()) === 'sns-invoke' ? true : undefined), 30_000, 'permission removed from the spec', c.logs);
    const removed = await aws.control.calls({ operation: 'RemovePermission', since });
    expect(removed.map((x) => [x.input?.StatementId, x.input?.Qualifier])).toContainEqual(['s3-invoke', 'live']);
    await lambda.send(new RemovePermissionCommand({ FunctionName: fnName, Qualifier: 'live', StatementId: 'sns-invoke' }));
    expect(await sids()).toBe('');
    await waitFor(async () => ((await sids()) === 'sns-invoke' ? true : undefined), 60_000, 'permission re-added on resync', c.logs);
    apply('Alias', 'live', alias);
  });

  it("an Alias's permissions are compared whole (list_document.compare): a statement changed under its Sid, in the spec or out of band, is replaced; an idle resync writes none", async () => {
    const permissionCalls = async (since: number) =>
      (await aws.control.calls({ since })).filter((x) => x.operation === 'AddPermission' || x.operation === 'RemovePermission').map((x) => `${x.operation} ${String(x.input?.StatementId)}`);
    await waitFor(async () => ((await sids()) === '' ? true : undefined), 30_000, 'permissions emptied by the previous test', c.logs);
    apply('Alias', 'live', { ...alias, permissions: [s3, sns] });
    await waitFor(async () => ((await sids()) === 's3-invoke,sns-invoke' ? true : undefined), 30_000, 'permissions added', c.logs);
    // Every member the spec manages reads back equal (principal, action, source ARN): nothing is replaced.
    const idle = await aws.control.mark();
    await callsAfterReads(aws.control, idle, readOf('GetPolicy', fnName), 2, "resync reads (GetPolicy) of the alias's policy", { logs: c.logs });
    expect(await permissionCalls(idle)).toEqual([]);

    // Out of band: the same Sid, another principal (moto's RemovePermission ignores the Qualifier; its AddPermission keeps it).
    await lambda.send(new RemovePermissionCommand({ FunctionName: fnName, Qualifier: 'live', StatementId: 'sns-invoke' }));
    await lambda.send(new AddPermissionCommand({ FunctionName: fnName, Qualifier: 'live', StatementId: 'sns-invoke', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' }));
    expect((await statements()).get('sns-invoke')?.Principal).toEqual({ Service: 'events.amazonaws.com' });
    const drift = await aws.control.mark();
    await waitFor(async () => ((await statements()).get('sns-invoke')?.Principal?.Service === 'sns.amazonaws.com' ? true : undefined), 60_000, 'principal restored on resync', c.logs);
    // Removed, then added again under the same Sid (AWS refuses a Sid in use); the other statement untouched.
    await waitFor(async () => ((await permissionCalls(drift)).length >= 2 ? true : undefined), 30_000, 'the replacing calls recorded', c.logs);
    expect(await permissionCalls(drift)).toEqual(['RemovePermission sns-invoke', 'AddPermission sns-invoke']);
    expect((await statements()).get('s3-invoke')).toMatchObject({ Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::ml-data' } } });

    // In the spec: a new source ARN under the same statementID reaches AWS.
    const edit = await aws.control.mark();
    apply('Alias', 'live', { ...alias, permissions: [{ ...s3, sourceARN: 'arn:aws:s3:::ml-data-v2' }, sns] });
    await waitFor(async () => ((await statements()).get('s3-invoke')?.Condition?.ArnLike?.['AWS:SourceArn'] === 'arn:aws:s3:::ml-data-v2' ? true : undefined), 30_000, 'source ARN changed in place', c.logs);
    expect(await permissionCalls(edit)).toEqual(['RemovePermission s3-invoke', 'AddPermission s3-invoke']);
    apply('Alias', 'live', alias);
    await waitFor(async () => ((await sids()) === '' ? true : undefined), 30_000, 'permissions emptied', c.logs);
  });

  it("an Alias's provisioned concurrency is put, changed and removed (the proxy's gap filler: moto lacks it)", async () => {
    const pc = () => lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: fnName, Qualifier: 'live' })).then((r) => r.RequestedProvisionedConcurrentExecutions, (e: { name?: string }) => e.name);
    const alias = { name: 'live', functionRef: { from: { name: 'scorer' } }, functionVersion: '1', description: 'latest traffic' };
    apply('Alias', 'live', { ...alias, provisionedConcurrencyConfig: { provisionedConcurrentExecutions: 3 } });
    await waitFor(async () => ((await pc()) === 3 ? true : undefined), 30_000, 'alias provisioned concurrency put', c.logs);
    apply('Alias', 'live', { ...alias, provisionedConcurrencyConfig: { provisionedConcurrentExecutions: 4 } });
    await waitFor(async () => ((await pc()) === 4 ? true : undefined), 30_000, 'alias provisioned concurrency changed', c.logs);
    apply('Alias', 'live', alias);
    await waitFor(async () => ((await pc()) === 'ProvisionedConcurrencyConfigNotFoundException' ? true : undefined), 30_000, 'alias provisioned concurrency removed', c.logs);
  });

  it('a FunctionURLConfig is created, updated and deleted', async () => {
    apply('FunctionURLConfig', 'url', { functionRef: { from: { name: 'scorer' } }, authType: 'NONE', cors: { allowOrigins: ['https://example.com'] } });
    const o = await c.synced(URLS, ns, 'url');
    expect(status(o).functionURL).toMatch(/^https:\/\//);
    apply('FunctionURLConfig', 'url', { functionRef: { from: { name: 'scorer' } }, authType: 'AWS_IAM', cors: { allowOrigins: ['https://example.com'] } });
    await waitFor(async () => ((await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fnName }))).AuthType === 'AWS_IAM' ? true : undefined), 30_000, 'url updated', c.logs);
    kubectl(['delete', 'functionurlconfig', 'url', '-n', ns, '--wait=false']);
    await c.gone(URLS, ns, 'url');
    await expect(lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fnName }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('deleting the Alias and the Version removes them in AWS', async () => {
    kubectl(['delete', 'aliases.lambda.services.k8s.aws', 'live', '-n', ns, '--wait=false']); // kms has an Alias kind too
    kubectl(['delete', 'version', 'v1', '-n', ns, '--wait=false']);
    await c.gone(ALIASES, ns, 'live');
    await c.gone(VERSIONS, ns, 'v1');
    await expect(lambda.send(new GetAliasCommand({ FunctionName: fnName, Name: 'live' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fnName, Qualifier: '1' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('lambda LayerVersion', () => {
  const layerName = uniqueName('layer');
  it('publishes the layer version; keyed by the version number; a change no API can make is refused; delete', async () => {
    apply('LayerVersion', 'deps', { layerName, content: { zipFile: zip('deps') }, description: 'shared deps', compatibleRuntimes: ['python3.12'] });
    const o = await c.synced(LAYERS, ns, 'deps');
    expect(status(o).versionNumber).toBe(1);
    expect(status(o).ackResourceMetadata.arn).toBe(`arn:aws:lambda:us-east-1:123456789012:layer:${layerName}:1`);
    expect(await lambda.send(new GetLayerVersionCommand({ LayerName: layerName, VersionNumber: 1 }))).toMatchObject({ Description: 'shared deps', CompatibleRuntimes: ['python3.12'] });
    apply('LayerVersion', 'deps', { layerName, content: { zipFile: zip('deps') }, description: 'other', compatibleRuntimes: ['python3.12'] });
    await c.until(LAYERS, ns, 'deps', (x) => condition(x, 'ACK.Terminal')?.status === 'True', 'Terminal');
    kubectl(['delete', 'layerversion', 'deps', '-n', ns, '--wait=false']);
    await c.gone(LAYERS, ns, 'deps');
    await expect(lambda.send(new GetLayerVersionCommand({ LayerName: layerName, VersionNumber: 1 }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('lambda EventSourceMapping', () => {
  it('maps an SQS queue to the function; keyed by its UUID; batch size updated and drift corrected; deleted', async () => {
    const sqs = new SQSClient(aws.clientConfig({ maxAttempts: 3 }));
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('events') }))).QueueUrl!;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    sqs.destroy();
    apply('EventSourceMapping', 'events', { functionRef: { from: { name: 'scorer' } }, eventSourceARN: queueArn, batchSize: 5 });
    const o = await c.synced(MAPPINGS, ns, 'events');
    const uuid = status(o).uuid as string;
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).toMatchObject({ EventSourceArn: queueArn, BatchSize: 5 });
    apply('EventSourceMapping', 'events', { functionRef: { from: { name: 'scorer' } }, eventSourceARN: queueArn, batchSize: 7 });
    await waitFor(async () => ((await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).BatchSize === 7 ? true : undefined), 30_000, 'batch size updated', c.logs);
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, BatchSize: 3 }));
    await waitFor(async () => ((await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).BatchSize === 7 ? true : undefined), 30_000, 'batch size drift corrected', c.logs);
    kubectl(['delete', 'eventsourcemapping', 'events', '-n', ns, '--wait=false']);
    await c.gone(MAPPINGS, ns, 'events');
    await expect(lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe("lambda CodeSigningConfig (the proxy's gap filler: moto lacks the whole API)", () => {
  it('created with its publishers, policies and map tags; keyed by the ARN AWS made; updated; tag drift corrected; deleted', async () => {
    const profile = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/lambda/abc123';
    apply('CodeSigningConfig', 'signing', { description: 'signed only', allowedPublishers: { signingProfileVersionARNs: [profile] }, codeSigningPolicies: { untrustedArtifactOnDeployment: 'Enforce' }, tags: { team: 'ml' } });
    const o = await c.synced(CSCS, ns, 'signing');
    const arn = status(o).ackResourceMetadata.arn as string;
    expect(arn).toMatch(/^arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-/);
    expect(status(o).codeSigningConfigID).toBe(arn.split(':').pop());
    const get = () => lambda.send(new GetCodeSigningConfigCommand({ CodeSigningConfigArn: arn }));
    expect((await get()).CodeSigningConfig).toMatchObject({ Description: 'signed only', AllowedPublishers: { SigningProfileVersionArns: [profile] }, CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' } });
    const tags = async () => (await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags ?? {};
    expect(await tags()).toMatchObject({ team: 'ml' });
    apply('CodeSigningConfig', 'signing', { description: 'warn only', allowedPublishers: { signingProfileVersionARNs: [profile] }, codeSigningPolicies: { untrustedArtifactOnDeployment: 'Warn' }, tags: { team: 'research' } });
    await waitFor(async () => {
      const cfg = (await get()).CodeSigningConfig;
      return cfg?.Description === 'warn only' && cfg.CodeSigningPolicies?.UntrustedArtifactOnDeployment === 'Warn' && (await tags()).team === 'research' ? true : undefined;
    }, 30_000, 'code signing config updated', c.logs);
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { stray: 'x' } }));
    await waitFor(async () => ((await tags()).stray === undefined ? true : undefined), 30_000, 'stray tag removed', c.logs);

    // A Function takes it after create through codeSigningConfigRef (PutFunctionCodeSigningConfig) and drops it (Delete…).
    const fnNow = functionSpec({ code: { zipFile: zip('v2') }, description: 'scores models, v2', memorySize: 512, environment: { variables: { STAGE: 'prod' } }, tags: { team: 'research', tier: 'gold' } });
    delete fnNow.reservedConcurrentExecutions;
    delete fnNow.functionEventInvokeConfig;
    const signedBy = async () => (await lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: fnName }))).CodeSigningConfigArn ?? 'none';
    apply('Function', 'scorer', { ...fnNow, codeSigningConfigRef: { from: { name: 'signing' } } });
    await waitFor(async () => ((await signedBy()) === arn ? true : undefined), 30_000, 'function signed by the config', c.logs);
    // ACK's e2e clears it with an empty string: admitted, taken as unset, never sent to AWS.
    const clearMark = await aws.control.mark();
    apply('Function', 'scorer', { ...fnNow, codeSigningConfigARN: '' });
    await waitFor(async () => ((await signedBy()) === 'none' ? true : undefined), 30_000, "function's signing config removed by ''", c.logs);
    const signingCalls = (await writes(clearMark)).filter((op) => /FunctionCodeSigningConfig$/.test(op));
    expect(signingCalls).toContain('DeleteFunctionCodeSigningConfig');
    expect(signingCalls).not.toContain('PutFunctionCodeSigningConfig');
    apply('Function', 'scorer', { ...fnNow, codeSigningConfigRef: { from: { name: 'signing' } } });
    await waitFor(async () => ((await signedBy()) === arn ? true : undefined), 30_000, 'function signed again', c.logs);
    apply('Function', 'scorer', fnNow);
    await waitFor(async () => ((await signedBy()) === 'none' ? true : undefined), 30_000, "function's signing config removed", c.logs);
    kubectl(['delete', 'codesigningconfig', 'signing', '-n', ns, '--wait=false']);
    await c.gone(CSCS, ns, 'signing');
    await expect(get()).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('lambda Function delete', () => {
  it('deletes the function; deletion-policy retain keeps another', async () => {
    kubectl(['delete', 'function', 'scorer', '-n', ns, '--wait=false']);
    await c.gone(FUNCTIONS, ns, 'scorer');
    await expect(fn()).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const kept = uniqueName('kept');
    apply('Function', 'kept', { ...functionSpec({ name: kept }), reservedConcurrentExecutions: undefined, functionEventInvokeConfig: undefined }, { 'services.k8s.aws/deletion-policy': 'retain' });
    await c.synced(FUNCTIONS, ns, 'kept');
    kubectl(['delete', 'function', 'kept', '-n', ns, '--wait=false']);
    await c.gone(FUNCTIONS, ns, 'kept');
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: kept }))).Configuration?.FunctionName).toBe(kept);
  });
});
