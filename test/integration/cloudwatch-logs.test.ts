// CloudWatch Logs LogGroup end to end through the generated controller against moto: an ACK
// manifest applied with kubectl; retention kept through PutRetentionPolicy, tags through
// TagResource/UntagResource/ListTagsForResource (map-shaped), drift corrected on resync.
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { service } from '../../generated/cloudwatch-logs/src/service';
import type { KubeObject } from '../../runtime/k8s/types';
import { uniqueName, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { ackManifest, applyIn } from '../e2e/kubectl-ok';
import { ref } from '../e2e/controllers';
import type { ServiceRun } from '../e2e/service-controller';
import { withServiceController } from '../e2e/with-controllers';

const GROUPS = ref({ group: 'cloudwatchlogs.services.k8s.aws', version: 'v1alpha1' }, 'loggroups');
const ns = uniqueName('logs');
const name = `/ack-ts/${uniqueName('app')}`;

let aws: TestAws;
let c: ServiceRun;
let logs: CloudWatchLogsClient;

function apply(spec: Record<string, unknown>, annotations: Record<string, string> = {}): void {
  applyIn(ns, ackManifest('cloudwatchlogs.services.k8s.aws', 'LogGroup', 'app', spec, annotations));
}

const group = async () => (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups?.find((g) => g.logGroupName === name);
const tagsOf = async (arn: string) => (await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? {};
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, any>;

const env = withServiceController({
  service: 'cloudwatch-logs',
  descriptor: service,
  ns,
  client: (aws) => new CloudWatchLogsClient(aws.clientConfig({ maxAttempts: 3 })),
});
beforeAll(() => ({ aws, c, client: logs } = env));

describe('cloudwatch-logs LogGroup', () => {
  let arn = '';

  it('creates the group with its retention (PutRetentionPolicy after CreateLogGroup) and map-shaped tags, default tags expanded', async () => {
    apply({ name, retentionDays: 7, tags: { team: 'ml' } });
    const o = await c.until(GROUPS, ns, 'app', (x) => status(x).retentionInDays === 7, 'retention reported in status');
    arn = status(o).ackResourceMetadata.arn;
    expect(arn).toBe(`arn:aws:logs:us-east-1:123456789012:log-group:${name}`);
    expect(status(o).creationTime).toEqual(expect.any(Number));
    expect((await group())?.retentionInDays).toBe(7);
    expect(await tagsOf(arn)).toEqual({ team: 'ml', 'services.k8s.aws/namespace': ns, 'services.k8s.aws/controller-version': expect.stringMatching(/^cloudwatch-logs-/) });
    const creates = (await aws.control.calls({ operation: 'CreateLogGroup' })).filter((x) => x.status === 200 && JSON.stringify(x).includes(name));
    expect(creates).toHaveLength(1);
  });

  it('updates: retention and tags follow the spec', async () => {
    apply({ name, retentionDays: 30, tags: { team: 'research', env: 'prod' } });
    await c.until(GROUPS, ns, 'app', (x) => status(x).retentionInDays === 30, 'retention 30');
    const t = await tagsOf(arn);
    expect(t).toMatchObject({ team: 'research', env: 'prod' });
  });

  it('drift made out of band is corrected on resync: retention and tags', async () => {
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 1 }));
    await logs.send(new TagResourceCommand({ resourceArn: arn, tags: { stray: 'x', team: 'hijacked' } }));
    await c.until(GROUPS, ns, 'app', (x) => status(x).retentionInDays === 30, 'retention restored', 30_000);
    const deadline = Date.now() + 20_000;
    let t = await tagsOf(arn);
    while ((t.stray !== undefined || t.team !== 'research') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      t = await tagsOf(arn);
    }
    expect(t).toMatchObject({ team: 'research', env: 'prod' });
    expect(t.stray).toBeUndefined();
    expect((await group())?.retentionInDays).toBe(30);
  });

  it('delete: the group is deleted in AWS and the finalizer removed', async () => {
    kubectl(['delete', 'loggroup', 'app', '-n', ns, '--wait=false']);
    await c.gone(GROUPS, ns, 'app');
    expect(await group()).toBeUndefined();
  });

  it('deletion policy retain keeps the AWS group', async () => {
    apply({ name, retentionDays: 3 }, { 'services.k8s.aws/deletion-policy': 'retain' });
    await c.synced(GROUPS, ns, 'app');
    kubectl(['delete', 'loggroup', 'app', '-n', ns, '--wait=false']);
    await c.gone(GROUPS, ns, 'app');
    expect((await group())?.retentionInDays).toBe(3);
  });
});
