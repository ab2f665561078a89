// ECR PullThroughCacheRule and RepositoryCreationTemplate end to end through the generated controller,
// ACK manifests applied with kubectl. moto 5.2.5 has none of their operations: the scenario proxy's gap
// fillers (test/env/aws/gap-fillers/ecr-*.ts) serve them as ECR documents them, reached through the
// real SDK client. Each kind is named by its prefix and read with its Describe… narrowed to it.
import {
  DescribePullThroughCacheRulesCommand,
  DescribeRepositoryCreationTemplatesCommand,
  ECRClient,
  UpdatePullThroughCacheRuleCommand,
  UpdateRepositoryCreationTemplateCommand,
} from '@aws-sdk/client-ecr';
import { service } from '../../generated/ecr/src/service';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { ref, waitFor } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';
import { callsAfterReads, readOf } from '../support/calls';

const ECR = { group: 'ecr.services.k8s.aws', version: 'v1alpha1' };
const RULES = ref(ECR, 'pullthroughcacherules');
const TEMPLATES = ref(ECR, 'repositorycreationtemplates');
const ns = uniqueName('ecr-registry');
const secret = (n: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/${n}`;
const roleArn = (n: string) => `arn:aws:iam::123456789012:role/${n}`;
const lifecycle = (days: number) =>
  JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: days }, action: { type: 'expire' } }] });
const policy = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] });

let aws: TestAws;
let c: ServiceRun;
let ecr: ECRClient;

function apply(kind: string, name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  applyIn(ns, ackManifest('ecr.services.k8s.aws', kind, name, spec, annotations));
}
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, any>;
const errorName = async (p: Promise<unknown>) => p.then(() => 'none', (e: { name?: string }) => e.name);

const env = withServiceController({
  service: 'ecr',
  descriptor: service,
  ns,
  client: (aws) => new ECRClient(aws.clientConfig({ maxAttempts: 3 })),
  flags: ['--reconcile-default-resync-seconds', '2'],
});
beforeAll(() => ({ aws, c, client: ecr } = env));

describe('ecr PullThroughCacheRule (served by the gap filler: moto lacks the API)', () => {
  const prefix = uniqueName('hub');
  const rule = async (p = prefix) => (await ecr.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: [p] }))).pullThroughCacheRules?.[0];
  const spec = (credential: string, role?: string) => ({
    ecrRepositoryPrefix: prefix,
    upstreamRegistryURL: 'registry-1.docker.io',
    upstreamRegistry: 'docker-hub',
    credentialARN: secret(credential),
    ...(role ? { customRoleARN: roleArn(role) } : {}),
  });

  it('creates the rule; createdAt in status, registryID late-initialized; reads are narrowed to its prefix', async () => {
    const mark = await aws.control.mark();
    apply('PullThroughCacheRule', 'hub', spec('hub'));
    const o = await c.synced(RULES, ns, 'hub');
    expect(status(o).createdAt).toEqual(expect.any(String));
    expect(o.spec?.registryID).toBe('123456789012');
    expect(await rule()).toMatchObject({ ecrRepositoryPrefix: prefix, upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub', credentialArn: secret('hub') });
    await callsAfterReads(aws.control, await aws.control.mark(), readOf('DescribePullThroughCacheRules', prefix), 2, 'resync reads of the rule', { logs: c.logs });
    expect(await aws.control.calls({ operation: 'CreatePullThroughCacheRule', since: mark })).toHaveLength(1);
    const reads = await aws.control.calls({ operation: 'DescribePullThroughCacheRules', since: mark });
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.every((x) => JSON.stringify((x as { input?: Record<string, unknown> }).input?.ecrRepositoryPrefixes) === JSON.stringify([prefix]))).toBe(true);
    expect(reads.every((x) => (x as { corrected?: boolean }).corrected === true)).toBe(true);
  });

  it('updates the credential and custom role (UpdatePullThroughCacheRule); the upstream is immutable', async () => {
    apply('PullThroughCacheRule', 'hub', spec('hub2', 'puller'));
    await waitFor(async () => {
      const r = await rule();
      return r?.credentialArn === secret('hub2') && r.customRoleArn === roleArn('puller') ? true : undefined;
    }, 30_000, 'rule updated', c.logs);
    const r = kubectl(['patch', 'pullthroughcacherule', 'hub', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { upstreamRegistryURL: 'quay.io' } })]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/immutable/i);
  });

  it('a credential changed out of band is corrected on resync', async () => {
    await ecr.send(new UpdatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: prefix, credentialArn: secret('hijacked'), customRoleArn: roleArn('puller') }));
    await waitFor(async () => ((await rule())?.credentialArn === secret('hub2') ? true : undefined), 30_000, 'credential corrected', c.logs);
  });

  it('delete removes the rule (DeletePullThroughCacheRule); retain keeps one', async () => {
    kubectl(['delete', 'pullthroughcacherule', 'hub', '-n', ns, '--wait=false']);
    await c.gone(RULES, ns, 'hub');
    expect(await errorName(rule())).toBe('PullThroughCacheRuleNotFoundException');

    const kept = uniqueName('kept');
    apply('PullThroughCacheRule', 'kept', { ecrRepositoryPrefix: kept, upstreamRegistryURL: 'public.ecr.aws' }, { 'services.k8s.aws/deletion-policy': 'retain' });
    await c.synced(RULES, ns, 'kept');
    kubectl(['delete', 'pullthroughcacherule', 'kept', '-n', ns, '--wait=false']);
    await c.gone(RULES, ns, 'kept');
    expect((await rule(kept))?.upstreamRegistryUrl).toBe('public.ecr.aws');
  });
});

describe('ecr RepositoryCreationTemplate (served by the gap filler: moto lacks the API)', () => {
  const prefix = uniqueName('ml');
  const template = async (p = prefix) => (await ecr.send(new DescribeRepositoryCreationTemplatesCommand({ prefixes: [p] }))).repositoryCreationTemplates?.[0];
  const spec = (description: string, mutability: string, days: number) => ({
    prefix,
    appliedFor: ['PULL_THROUGH_CACHE'],
    description,
    imageTagMutability: mutability,
    lifecyclePolicy: lifecycle(days),
    repositoryPolicy: policy('pull'),
    customRoleARN: roleArn('templater'),
    resourceTags: [{ key: 'team', value: 'ml' }],
  });

  it('creates the template; createdAt/updatedAt in status; AWS defaults read back without drift', async () => {
    const mark = await aws.control.mark();
    apply('RepositoryCreationTemplate', 'ml', spec('model images', 'IMMUTABLE', 14));
    const o = await c.synced(TEMPLATES, ns, 'ml');
    expect(status(o)).toMatchObject({ createdAt: expect.any(String), updatedAt: expect.any(String) });
    const t = await template();
    expect(t).toMatchObject({ prefix, appliedFor: ['PULL_THROUGH_CACHE'], description: 'model images', imageTagMutability: 'IMMUTABLE', customRoleArn: roleArn('templater'), resourceTags: [{ Key: 'team', Value: 'ml' }] });
    expect(JSON.parse(t!.lifecyclePolicy!)).toEqual(JSON.parse(lifecycle(14)));
    await callsAfterReads(aws.control, await aws.control.mark(), readOf('DescribeRepositoryCreationTemplates', prefix), 2, 'resync reads of the template', { logs: c.logs }); // reads only
    expect(await aws.control.calls({ operation: 'CreateRepositoryCreationTemplate', since: mark })).toHaveLength(1);
    expect(await aws.control.calls({ operation: 'UpdateRepositoryCreationTemplate', since: mark })).toHaveLength(0);
  });

  it('updates description, tag mutability, lifecycle policy, appliedFor and resource tags (UpdateRepositoryCreationTemplate)', async () => {
    apply('RepositoryCreationTemplate', 'ml', { ...spec('model and data images', 'MUTABLE', 30), appliedFor: ['PULL_THROUGH_CACHE', 'REPLICATION'], resourceTags: [{ key: 'team', value: 'research' }] });
    await waitFor(async () => {
      const t = await template();
      return t?.description === 'model and data images' && t.imageTagMutability === 'MUTABLE' && t.appliedFor?.length === 2 && t.resourceTags?.[0]?.Value === 'research' && JSON.parse(t.lifecyclePolicy ?? '{}').rules?.[0]?.selection?.countNumber === 30
        ? true
        : undefined;
    }, 30_000, 'template updated', c.logs);
  });

  it('a description changed out of band is corrected on resync', async () => {
    await ecr.send(new UpdateRepositoryCreationTemplateCommand({ prefix, description: 'hijacked' }));
    await waitFor(async () => ((await template())?.description === 'model and data images' ? true : undefined), 30_000, 'description corrected', c.logs);
  });

  it('delete removes the template (DeleteRepositoryCreationTemplate); retain keeps one', async () => {
    kubectl(['delete', 'repositorycreationtemplate', 'ml', '-n', ns, '--wait=false']);
    await c.gone(TEMPLATES, ns, 'ml');
    expect(await template()).toBeUndefined();

    const kept = uniqueName('kept');
    apply('RepositoryCreationTemplate', 'kept', { prefix: kept, appliedFor: ['REPLICATION'] }, { 'services.k8s.aws/deletion-policy': 'retain' });
    await c.synced(TEMPLATES, ns, 'kept');
    kubectl(['delete', 'repositorycreationtemplate', 'kept', '-n', ns, '--wait=false']);
    await c.gone(TEMPLATES, ns, 'kept');
    expect((await template(kept))?.appliedFor).toEqual(['REPLICATION']);
  });
});
