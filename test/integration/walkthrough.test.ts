// The user journey of ../shared/walkthrough, end to end: the manifests written for ACK, applied
// unchanged with kubectl to a real kube-apiserver, reconciled by the generated SageMaker and
// Application Auto Scaling controllers (both running at once) against moto.
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeTrainingJobCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { join, resolve } from 'node:path';
import { uniqueName } from '../env/aws/testing';
import { withControllers } from '../e2e/with-controllers';
import { kubectl } from '../env/context';
import { AUTOSCALING, SAGEMAKER, condition, gone, installCrds, ref, startControllers, synced, until, waitFor, type Controllers } from '../e2e/controllers';

const WALKTHROUGH = resolve(__dirname, '../../../shared/walkthrough');
const file = (name: string) => join(WALKTHROUGH, name);
const ns = uniqueName('walkthrough');

const TRAINING = ref(SAGEMAKER, 'trainingjobs');
const MODEL = ref(SAGEMAKER, 'models');
const CONFIG = ref(SAGEMAKER, 'endpointconfigs');
const ENDPOINT = ref(SAGEMAKER, 'endpoints');
const TARGET = ref(AUTOSCALING, 'scalabletargets');
const POLICY = ref(AUTOSCALING, 'scalingpolicies');
const VARIANT = 'endpoint/xgboost-abalone-endpoint/variant/AllTraffic';

let c: Controllers;
let sm: SageMakerClient;
let aas: ApplicationAutoScalingClient;

function apply(name: string): void {
  const r = kubectl(['apply', '-n', ns, '-f', file(name)]);
  if (r.status !== 0) throw new Error(`kubectl apply ${name}: ${r.stderr}`);
}

const env = withControllers({
  ns,
  crds: installCrds,
  client: (aws) => [new SageMakerClient(aws.clientConfig()), new ApplicationAutoScalingClient(aws.clientConfig())] as const,
  // The walkthrough's AWS names are fixed; start from an empty moto (test files run one at a time).
  before: (aws) => aws.control.reset({ moto: true }),
  start: (aws, ns) => startControllers(aws, ns),
});
beforeAll(() => ({ c, client: [sm, aas] } = env));

describe('walkthrough: train, deploy, autoscale, clean up', () => {
  it('training.yaml: the TrainingJob completes and reports its artifacts and identity', async () => {
    apply('training.yaml');
    const job = await synced(c, TRAINING, ns, 'xgboost-abalone');
    const status = job.status as Record<string, any>;
    expect(status['trainingJobStatus']).toBe('Completed');
    expect(status['modelArtifacts']?.s3ModelArtifacts).toMatch(/^s3:\/\//);
    expect(status['ackResourceMetadata']).toMatchObject({
      arn: expect.stringMatching(/^arn:aws:sagemaker:us-east-1:123456789012:training-job\/xgboost-abalone$/),
      ownerAccountID: '123456789012',
      region: 'us-east-1',
    });
    const inAws = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'xgboost-abalone' }));
    expect(inAws.ResourceConfig).toMatchObject({ InstanceType: 'ml.m4.xlarge', InstanceCount: 1, VolumeSizeInGB: 5 });
    expect(inAws.HyperParameters).toMatchObject({ max_depth: '5', objective: 'reg:squarederror' });

    const table = kubectl(['get', 'trainingjobs', '-n', ns]);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+SECONDARY-STATUS\s+SYNCED\s+AGE/);
    expect(table.stdout).toMatch(/xgboost-abalone\s+Completed\s+\S+\s+True/);
  });

  it('deploy.yaml: Model, EndpointConfig and Endpoint exist in AWS with the spec values; the Endpoint is InService', async () => {
    apply('deploy.yaml');
    await synced(c, MODEL, ns, 'xgboost-abalone-model');
    await synced(c, CONFIG, ns, 'xgboost-abalone-config');
    const endpoint = await synced(c, ENDPOINT, ns, 'xgboost-abalone-endpoint');
    expect((endpoint.status as Record<string, unknown>)['endpointStatus']).toBe('InService');

    const model = await sm.send(new DescribeModelCommand({ ModelName: 'xgboost-abalone-model' }));
    expect(model.ExecutionRoleArn).toBe('arn:aws:iam::123456789012:role/sagemaker-execution-role');
    expect(model.PrimaryContainer).toMatchObject({
      Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
      ModelDataUrl: 's3://example-sagemaker-bucket/sagemaker/xgboost/output/xgboost-abalone/output/model.tar.gz',
    });
    const config = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'xgboost-abalone-config' }));
    expect(config.ProductionVariants?.[0]).toMatchObject({ VariantName: 'AllTraffic', ModelName: 'xgboost-abalone-model', InitialInstanceCount: 1, InstanceType: 'ml.c5.large' });
    const ep = await sm.send(new DescribeEndpointCommand({ EndpointName: 'xgboost-abalone-endpoint' }));
    expect(ep).toMatchObject({ EndpointConfigName: 'xgboost-abalone-config', EndpointStatus: 'InService' });
  });

  it('autoscaling.yaml: the scalable target (1 to 20) and the target-tracking policy exist in AWS', async () => {
    apply('autoscaling.yaml');
    await synced(c, TARGET, ns, 'xgboost-abalone-target');
    await synced(c, POLICY, ns, 'xgboost-abalone-policy');
    const targets = await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [VARIANT] }));
    expect(targets.ScalableTargets?.[0]).toMatchObject({ MinCapacity: 1, MaxCapacity: 20, ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' });
    const policies = await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: VARIANT, PolicyNames: ['xgboost-abalone-policy'] }));
    expect(policies.ScalingPolicies?.[0]).toMatchObject({
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 60,
        ScaleInCooldown: 700,
        ScaleOutCooldown: 300,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
      },
    });
  });

  it('changing maxCapacity from 20 to 10 reaches AWS', async () => {
    const r = kubectl(['patch', 'scalabletarget', 'xgboost-abalone-target', '-n', ns, '--type=merge', '-p', '{"spec":{"maxCapacity":10}}']);
    expect(r.stderr).toBe('');
    await waitFor(async () => {
      const out = await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [VARIANT] }));
      return out.ScalableTargets?.[0]?.MaxCapacity === 10;
    }, 30_000, 'MaxCapacity 10 in AWS', c.logs);
    const target = await synced(c, TARGET, ns, 'xgboost-abalone-target');
    expect(condition(target, 'ACK.Terminal')).toBeUndefined();
  });

  it('deleting each file, in reverse order, removes the AWS resources and the finalizers', async () => {
    for (const name of ['autoscaling.yaml', 'deploy.yaml', 'training.yaml']) {
      const r = kubectl(['delete', '-n', ns, '-f', file(name), '--wait=false']);
      expect(r.status).toBe(0);
    }
    await gone(c, POLICY, ns, 'xgboost-abalone-policy');
    await gone(c, TARGET, ns, 'xgboost-abalone-target');
    await gone(c, ENDPOINT, ns, 'xgboost-abalone-endpoint');
    await gone(c, CONFIG, ns, 'xgboost-abalone-config');
    await gone(c, MODEL, ns, 'xgboost-abalone-model');
    await gone(c, TRAINING, ns, 'xgboost-abalone');

    const targets = await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [VARIANT] }));
    expect(targets.ScalableTargets).toEqual([]);
    await expect(sm.send(new DescribeEndpointCommand({ EndpointName: 'xgboost-abalone-endpoint' }))).rejects.toThrow();
    await expect(sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'xgboost-abalone-config' }))).rejects.toThrow();
    await expect(sm.send(new DescribeModelCommand({ ModelName: 'xgboost-abalone-model' }))).rejects.toThrow();
    // A completed training job cannot be deleted or stopped; its record stays, as in ACK.
    const job = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'xgboost-abalone' }));
    expect(job.TrainingJobStatus).toBe('Completed');
  });
});

void until;
