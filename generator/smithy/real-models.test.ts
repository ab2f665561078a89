import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { loadSmithyModel } from './load';
import type { ListShape, MapShape, OperationShape, StructureShape } from './types';
import { modelsDirForTests } from '../../test/support/models-dir';

// The official models live beside the repo (never copied into it).
const MODELS = modelsDirForTests();

function modelFiles(): string[] {
  const files: string[] = [];
  for (const svc of readdirSync(MODELS).sort()) {
    const dir = join(MODELS, svc, 'service');
    if (!existsSync(dir)) continue;
    for (const version of readdirSync(dir).sort()) {
      for (const f of readdirSync(join(dir, version))) if (f.endsWith('.json')) files.push(join(dir, version, f));
    }
  }
  return files;
}

const load = (rel: string) => {
  const file = join(MODELS, rel);
  return loadSmithyModel(readFileSync(file, 'utf8'), file);
};

describe('real AWS models', () => {
  it('sagemaker', () => {
    const idx = load('sagemaker/service/2017-07-24/sagemaker-2017-07-24.json');
    expect(idx.namespace).toBe('com.amazonaws.sagemaker');
    expect(idx.service.name).toBe('SageMaker');
    expect(idx.service.version).toBe('2017-07-24');
    expect(idx.service.traits.sdkId).toBe('SageMaker');
    expect(idx.shapes().length).toBe(2870);
    expect(idx.operations().length).toBeGreaterThan(300);
    expect(idx.operations().length).toBe(idx.service.operations.length);

    const create = idx.require('com.amazonaws.sagemaker#CreateTrainingJob') as OperationShape;
    expect(create.input).toBe('com.amazonaws.sagemaker#CreateTrainingJobRequest');
    expect(create.output).toBe('com.amazonaws.sagemaker#CreateTrainingJobResponse');
    expect(create.errors).toContain('com.amazonaws.sagemaker#ResourceLimitExceeded');

    const req = idx.require(create.input!) as StructureShape;
    const byName = new Map(req.members.map((m) => [m.name, m]));
    expect(byName.get('TrainingJobName')?.traits.required).toBe(true);
    expect(byName.get('RoleArn')?.target).toBe('com.amazonaws.sagemaker#RoleArn');
    expect(idx.require('com.amazonaws.sagemaker#RoleArn').traits.length).toEqual({ min: 20, max: 2048 });
    expect(idx.enumValues('com.amazonaws.sagemaker#TrainingJobStatus')).toEqual([
      'InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped',
    ]);
    const notFound = idx.require('com.amazonaws.sagemaker#ResourceNotFound');
    expect(notFound.traits.error).toBe('client');

    // Every list/map member and structure member target resolves (validated at load).
    for (const s of idx.shapes()) {
      if (s.type === 'structure' || s.type === 'union') for (const m of s.members) expect(idx.get(m.target)).toBeDefined();
      if (s.type === 'list') expect(idx.get((s as ListShape).member.target)).toBeDefined();
      if (s.type === 'map') expect(idx.get((s as MapShape).value.target)).toBeDefined();
    }
  });

  it('application-auto-scaling', () => {
    const idx = load('application-auto-scaling/service/2016-02-06/application-auto-scaling-2016-02-06.json');
    expect(idx.namespace).toBe('com.amazonaws.applicationautoscaling');
    expect(idx.service.name).toBe('AnyScaleFrontendService');
    expect(idx.service.traits.sdkId).toBe('Application Auto Scaling');
    expect(idx.operations().map((o) => o.name)).toEqual(
      expect.arrayContaining(['RegisterScalableTarget', 'DescribeScalableTargets', 'DeregisterScalableTarget', 'PutScalingPolicy']),
    );
    const describe = idx.require('com.amazonaws.applicationautoscaling#DescribeScalableTargets');
    expect(describe.traits.paginated).toMatchObject({ inputToken: 'NextToken', outputToken: 'NextToken' });
    const dimension = idx.enumValues('com.amazonaws.applicationautoscaling#ScalableDimension');
    expect(dimension).toContain('ecs:service:DesiredCount');
    expect(dimension).toContain('sagemaker:variant:DesiredInstanceCount');
  });

  it('all models load without error', () => {
    const files = modelFiles();
    expect(files.length).toBeGreaterThanOrEqual(400);
    const failures: string[] = [];
    for (const file of files) {
      try {
        const idx = loadSmithyModel(readFileSync(file, 'utf8'), file);
        if (idx.shapes().length === 0) failures.push(`${file}: no shapes`);
      } catch (e) {
        failures.push(e instanceof Error && 'format' in e ? (e as { format(): string }).format() : String(e));
      }
    }
    expect(failures).toEqual([]);
  });
});
