import type { OperationShape } from '../smithy/types';
import { buildOperationMap, classifyOperation } from './operations';

const none = () => false;
const op = (name: string): OperationShape => ({
  type: 'operation', id: `x#${name}`, name, errors: [], traits: { raw: {} },
});

describe('classifyOperation (ACK verb rules)', () => {
  it.each([
    ['CreateTrainingJob', 'create', 'TrainingJob'],
    ['CreateDhcpOptions', 'createBatch', 'DhcpOption'],
    ['BatchCreateWidgets', 'createBatch', 'Widget'],
    ['CreateOrUpdateThing', 'replace', 'Thing'],
    ['DescribeTrainingJob', 'readOne', 'TrainingJob'],
    ['DescribeScalableTargets', 'readMany', 'ScalableTarget'],
    ['DescribeScalingPolicies', 'readMany', 'ScalingPolicy'],
    ['ListModels', 'readMany', 'Model'],
    ['GetQueueAttributes', 'getAttributes', 'Queue'],
    ['SetQueueAttributes', 'setAttributes', 'Queue'],
    ['GetBucket', 'readOne', 'Bucket'],
    ['ModifyDBInstance', 'update', 'DBInstance'],
    ['UpdateEndpoint', 'update', 'Endpoint'],
    ['DeleteModel', 'delete', 'Model'],
    ['StopTrainingJob', 'unknown', 'StopTrainingJob'],
    ['RegisterScalableTarget', 'unknown', 'RegisterScalableTarget'],
  ])('%s → %s %s', (name, type, resource) => {
    expect(classifyOperation(name, none)).toEqual({ type, resource });
  });

  it('keeps a plural resource name that the config declares', () => {
    expect(classifyOperation('CreateDhcpOptions', (r) => r === 'DhcpOptions')).toEqual({ type: 'create', resource: 'DhcpOptions' });
    expect(classifyOperation('DescribeDhcpOptions', (r) => r === 'DhcpOptions')).toEqual({ type: 'readOne', resource: 'DhcpOptions' });
  });
});

describe('buildOperationMap', () => {
  it('lets later names win and config overrides win over verb rules', () => {
    const map = buildOperationMap(
      [op('DescribeModels'), op('ListModels'), op('StopTrainingJob'), op('DeleteTrainingJob'), op('CreateModel')],
      none,
      new Map([['StopTrainingJob', { types: ['delete'], resources: ['TrainingJob'] }]]),
    );
    expect(map.get('readMany')?.get('Model')?.name).toBe('ListModels');
    expect(map.get('delete')?.get('TrainingJob')?.name).toBe('StopTrainingJob');
    expect(map.get('create')?.get('Model')?.name).toBe('CreateModel');
  });

  it('maps one operation to several types', () => {
    const map = buildOperationMap([op('PutScalingPolicy')], none, new Map([['PutScalingPolicy', { types: ['create', 'update'], resources: ['ScalingPolicy'] }]]));
    expect(map.get('create')?.get('ScalingPolicy')?.name).toBe('PutScalingPolicy');
    expect(map.get('update')?.get('ScalingPolicy')?.name).toBe('PutScalingPolicy');
  });
});
