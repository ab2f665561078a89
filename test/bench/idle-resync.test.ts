import type { CallRecord } from '../env/aws/call-log';
import { formatIdleCost, idleCost } from './idle-resync';

let seq = 0;
const call = (operation: string, resource: string): CallRecord => ({ seq: ++seq, time: 0, service: 'sagemaker', operation, resource, status: 200, durationMs: 1, input: {} });
const kinds = [
  { kind: 'TrainingJob', readOp: 'DescribeTrainingJob', namePrefix: 'bench-tj-' },
  { kind: 'Model', readOp: 'DescribeModel', namePrefix: 'bench-model-' },
];

describe('idle resync cost per kind', () => {
  it('counts resyncs by the read operation and charges ARN-keyed calls to the kind', () => {
    const calls = [
      call('DescribeTrainingJob', 'bench-tj-1'),
      call('DescribeTrainingJob', 'bench-tj-2'),
      call('ListTags', 'arn:aws:sagemaker:us-east-1:123456789012:training-job/bench-tj-2'),
      call('DescribeModel', 'bench-model-1'),
      call('DescribeModel', 'bench-model-1'),
      call('AddTags', 'arn:aws:sagemaker:us-east-1:123456789012:model/bench-model-1'),
      call('DescribeEndpoint', 'someone-else'),
    ];
    const [tj, model] = idleCost(calls, kinds);
    expect(tj).toEqual({ kind: 'TrainingJob', resyncs: 2, readsPerResync: 1.5, writesPerResync: 0, perOperation: { DescribeTrainingJob: 1, ListTags: 0.5 } });
    expect(model).toMatchObject({ resyncs: 2, readsPerResync: 1, writesPerResync: 0.5 });
    expect(formatIdleCost(model!)).toBe('Model: 2 resyncs seen; per resync 1.00 reads (DescribeModel 1.00, AddTags 0.50), 0.50 writes');
  });

  it('a kind with calls but no resync seen is not reported as free', () => {
    const [tj] = idleCost([call('ListTags', 'arn:…:training-job/bench-tj-1')], kinds);
    expect(tj!.readsPerResync).toBe(Infinity);
    expect(idleCost([], kinds)[0]!.readsPerResync).toBe(0);
  });
});
