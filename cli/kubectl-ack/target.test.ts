import type { KubeObject } from '../../runtime/k8s/types';
import { parseArgs, type LogsArgs } from './args';
import { PluginError } from './errors';
import { resolveJobTarget } from './target';

const args = (...argv: string[]) => parseArgs(['logs', ...argv]) as LogsArgs;

function cr(over: { annotations?: Record<string, string>; spec?: Record<string, unknown>; status?: Record<string, unknown> } = {}): KubeObject {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'TrainingJob',
    metadata: { name: 'xgb', namespace: 'ml', ...(over.annotations ? { annotations: over.annotations } : {}) },
    spec: over.spec ?? { trainingJobName: 'xgb-aws' },
    status: over.status ?? { ackResourceMetadata: { arn: 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/xgb-aws', region: 'eu-west-1', ownerAccountID: '111122223333' } },
  };
}

const resolve = (a: LogsArgs, resource: KubeObject, namespaceAnnotations: Record<string, string> = {}, defaultRegion: string | null = 'us-east-1') =>
  resolveJobTarget({ args: a, namespace: 'ml', resource, namespaceAnnotations, defaultRegion: defaultRegion ?? undefined });

describe('resolveJobTarget', () => {
  it('takes the AWS name from the spec and region/account from status', () => {
    const t = resolve(args('trainingjob/xgb'), cr());
    expect(t).toMatchObject({ awsName: 'xgb-aws', logOwner: 'xgb-aws', region: 'eu-west-1', account: '111122223333' });
    expect(t.source).toEqual({ logGroup: '/aws/sagemaker/TrainingJobs', streamPrefix: 'xgb-aws/' });
  });

  it('region: recorded status sticks over the annotation (the controller rule); else annotation > namespace > AWS_REGION', () => {
    const annotated = { 'services.k8s.aws/region': 'ap-south-1' };
    expect(resolve(args('trainingjob/xgb'), cr({ annotations: annotated })).region).toBe('eu-west-1');
    const noRegion = { ackResourceMetadata: { arn: 'arn:x' } };
    expect(resolve(args('trainingjob/xgb'), cr({ annotations: annotated, status: noRegion }), { 'services.k8s.aws/default-region': 'us-west-2' }).region).toBe('ap-south-1');
    expect(resolve(args('trainingjob/xgb'), cr({ status: noRegion }), { 'services.k8s.aws/default-region': 'us-west-2' }).region).toBe('us-west-2');
    expect(resolve(args('trainingjob/xgb'), cr({ status: noRegion })).region).toBe('us-east-1');
    expect(() => resolve(args('trainingjob/xgb'), cr({ status: noRegion }), {}, null)).toThrow(/no AWS region/);
  });

  it('account falls back to the namespace owner-account-id', () => {
    const t = resolve(args('trainingjob/xgb'), cr({ status: { ackResourceMetadata: { arn: 'arn:x', region: 'eu-west-1' } } }), { 'services.k8s.aws/owner-account-id': '444455556666' });
    expect(t.account).toBe('444455556666');
  });

  it('not created in AWS yet: says so, with the controller condition when there is one', () => {
    expect(() => resolve(args('trainingjob/xgb'), cr({ status: {} }))).toThrow(
      new PluginError('trainingjob/xgb in namespace ml has not been created in AWS yet (no status.ackResourceMetadata.arn; is the controller running?)'),
    );
    const terminal = { conditions: [{ type: 'ACK.Terminal', status: 'True', message: 'ValidationException: bad role' }] };
    expect(() => resolve(args('trainingjob/xgb'), cr({ status: terminal }))).toThrow('has not been created in AWS yet: ValidationException: bad role');
  });

  it('tuning jobs: the best training job, or the one named', () => {
    const status = { ackResourceMetadata: { arn: 'arn:x', region: 'eu-west-1' }, bestTrainingJob: { trainingJobName: 'h-003-abc' } };
    const spec = { hyperParameterTuningJobName: 'h' };
    expect(resolve(args('hyperparametertuningjob/h'), cr({ spec, status })).source.streamPrefix).toBe('h-003-abc/');
    expect(resolve(args('hyperparametertuningjob/h', '--training-job', 'h-001-x'), cr({ spec, status })).logOwner).toBe('h-001-x');
    expect(() => resolve(args('hyperparametertuningjob/h'), cr({ spec, status: { ackResourceMetadata: { arn: 'arn:x', region: 'r' } } }))).toThrow(
      'has no best training job yet; name one with --training-job NAME',
    );
  });

  it('endpoints read every stream of their own group', () => {
    const t = resolve(args('endpoint/ep'), cr({ spec: { endpointName: 'ep-aws' } }));
    expect(t.source).toEqual({ logGroup: '/aws/sagemaker/Endpoints/ep-aws' });
  });
});
