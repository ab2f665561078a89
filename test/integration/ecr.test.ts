// ECR Repository end to end through the generated controller against moto: an ACK manifest
// applied with kubectl; tag mutability, scanning, policy and lifecycle policy kept through their
// own operations, list-shaped tags through TagResource/UntagResource, drift corrected on resync.
import {
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  GetRepositoryPolicyCommand,
  ListTagsForResourceCommand,
  PutImageTagMutabilityCommand,
  TagResourceCommand,
} from '@aws-sdk/client-ecr';
import { service } from '../../generated/ecr/src/service';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { ref, waitFor } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';

const REPOS = ref({ group: 'ecr.services.k8s.aws', version: 'v1alpha1' }, 'repositories');
const ns = uniqueName('ecr');
const name = uniqueName('models');
const policy = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] });
const lifecycle = (days: number) =>
  JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: days }, action: { type: 'expire' } }] });

let aws: TestAws;
let c: ServiceRun;
let ecr: ECRClient;

function apply(spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  applyIn(ns, ackManifest('ecr.services.k8s.aws', 'Repository', 'models', spec, annotations));
}

const repo = async () => {
  try {
    return (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories?.[0];
  } catch {
    return undefined;
  }
};
const tagsOf = async (arn: string) => Object.fromEntries(((await ecr.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? []).map((t) => [t.Key, t.Value]));
const policyOf = async () => JSON.parse((await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: name }))).policyText ?? '{}');
const lifecycleOf = async () => JSON.parse((await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: name }))).lifecyclePolicyText ?? '{}');
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, any>;

const env = withServiceController({
  service: 'ecr',
  descriptor: service,
  ns,
  client: (aws) => new ECRClient(aws.clientConfig({ maxAttempts: 3 })),
});
beforeAll(() => ({ aws, c, client: ecr } = env));

describe('ecr Repository', () => {
  let arn = '';

  it('creates the repository with its settings, policy, lifecycle policy and tags; status from the create output', async () => {
    apply({ name, imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true }, policy: policy('a'), lifecyclePolicy: lifecycle(7), tags: [{ key: 'team', value: 'ml' }] });
    const o = await c.synced(REPOS, ns, 'models');
    arn = status(o).ackResourceMetadata.arn;
    expect(arn).toBe(`arn:aws:ecr:us-east-1:123456789012:repository/${name}`);
    expect(status(o).repositoryURI).toMatch(new RegExp(`/${name}$`));
    expect(status(o).createdAt).toBeTruthy();
    expect(o.spec?.registryID).toBe('123456789012'); // late-initialized, as ACK does
    const r = await repo();
    expect(r).toMatchObject({ imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true } });
    await waitFor(async () => ((await policyOf()).Statement?.[0]?.Sid === 'a' ? true : undefined), 30_000, 'policy set', c.logs);
    expect((await lifecycleOf()).rules[0].selection.countNumber).toBe(7);
    expect(await tagsOf(arn)).toMatchObject({ team: 'ml', 'services.k8s.aws/namespace': ns });
    const creates = (await aws.control.calls({ operation: 'CreateRepository' })).filter((x) => x.status === 200 && JSON.stringify(x).includes(name));
    expect(creates).toHaveLength(1);
  });

  it('updates every updatable field: tag mutability, scanning, policy, lifecycle policy, tags', async () => {
    apply({ name, imageTagMutability: 'MUTABLE', imageScanningConfiguration: { scanOnPush: false }, policy: policy('b'), lifecyclePolicy: lifecycle(14), tags: [{ key: 'team', value: 'research' }] });
    await waitFor(async () => {
      const r = await repo();
      const p = await policyOf();
      const l = await lifecycleOf();
      const t = await tagsOf(arn);
      return r?.imageTagMutability === 'MUTABLE' && r.imageScanningConfiguration?.scanOnPush === false && p.Statement?.[0]?.Sid === 'b' && l.rules[0].selection.countNumber === 14 && t.team === 'research' ? true : undefined;
    }, 30_000, 'repository follows the spec', c.logs);
  });

  it('drift made out of band is corrected on resync: tag mutability and tags', async () => {
    await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: name, imageTagMutability: 'IMMUTABLE' }));
    await ecr.send(new TagResourceCommand({ resourceArn: arn, tags: [{ Key: 'stray', Value: 'x' }] }));
    await waitFor(async () => {
      const r = await repo();
      const t = await tagsOf(arn);
      return r?.imageTagMutability === 'MUTABLE' && t.stray === undefined ? true : undefined;
    }, 30_000, 'drift corrected', c.logs);
  });

  it('removing the policy from the spec deletes it in AWS', async () => {
    apply({ name, imageTagMutability: 'MUTABLE', imageScanningConfiguration: { scanOnPush: false }, lifecyclePolicy: lifecycle(14), tags: [{ key: 'team', value: 'research' }] });
    await waitFor(async () => {
      try {
        await policyOf();
        return undefined;
      } catch (err) {
        return (err as Error).name === 'RepositoryPolicyNotFoundException' ? true : undefined;
      }
    }, 30_000, 'policy removed', c.logs);
  });

  it('delete: the repository is deleted in AWS and the finalizer removed; retain keeps it', async () => {
    kubectl(['delete', 'repository', 'models', '-n', ns, '--wait=false']);
    await c.gone(REPOS, ns, 'models');
    expect(await repo()).toBeUndefined();
    apply({ name }, { 'services.k8s.aws/deletion-policy': 'retain' });
    await c.synced(REPOS, ns, 'models');
    kubectl(['delete', 'repository', 'models', '-n', ns, '--wait=false']);
    await c.gone(REPOS, ns, 'models');
    expect(await repo()).toBeDefined();
  });
});
