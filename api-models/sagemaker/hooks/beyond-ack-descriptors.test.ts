import { service } from '../../../generated/sagemaker/src/service';
import { hooks } from './index';

/**
 * The 34 kinds beyond ACK's 26 (issue 13), checked as descriptors: each reads, deletes (or says why
 * it cannot), recognises not-found, keys on an identifier, shows its status, and has the hooks its
 * shape calls for. Behaviour of the hooks themselves is in beyond-ack.test.ts.
 */
const BEYOND_ACK = [
  'Action', 'Algorithm', 'AppImageConfig', 'Artifact', 'AutoMLJob', 'AutoMLJobV2', 'Cluster', 'ClusterSchedulerConfig',
  'CodeRepository', 'CompilationJob', 'ComputeQuota', 'Context', 'DeviceFleet', 'EdgeDeploymentPlan', 'EdgePackagingJob',
  'Experiment', 'FlowDefinition', 'Hub', 'HubContentReference', 'HumanTaskUI', 'Image', 'ImageVersion', 'InferenceExperiment',
  'InferenceRecommendationsJob', 'MlflowTrackingServer', 'ModelCard', 'OptimizationJob', 'PartnerApp', 'StudioLifecycleConfig',
  'TrainingPlan', 'Trial', 'TrialComponent', 'Workforce', 'Workteam',
];
const JOBS: Record<string, string> = {
  AutoMLJob: 'StopAutoMLJob',
  AutoMLJobV2: 'StopAutoMLJob',
  CompilationJob: 'DeleteCompilationJob',
  EdgePackagingJob: 'StopEdgePackagingJob',
  InferenceRecommendationsJob: 'StopInferenceRecommendationsJob',
  OptimizationJob: 'DeleteOptimizationJob',
};
const kind = (k: string) => {
  const d = service.resources.find((r) => r.kind === k);
  if (!d) throw new Error(`no ${k} in generated/sagemaker`);
  return d;
};
const statusFields = (k: string) => (service.shapes[kind(k).statusShape] ?? []).map((f) => f.json);

describe.each(BEYOND_ACK)('%s', (k) => {
  const d = kind(k);

  it('is read by its own Describe and knows AWS not-found', () => {
    expect(d.operations.readOne?.name).toMatch(/^Describe/);
    expect(d.notFound.length).toBeGreaterThan(0);
  });

  it('keys every call on an identifier the spec names or AWS returned', () => {
    expect(d.primaryKey.length).toBeGreaterThan(0);
    for (const p of d.primaryKey) expect(p).toMatch(/^(spec|status)\./);
  });

  it('deletes in AWS, except a training plan, which AWS cannot delete', () => {
    if (k === 'TrainingPlan') {
      expect(d.operations.delete).toBeUndefined();
      expect(hooks[k]?.beforeDelete).toBeDefined();
    } else expect(d.operations.delete?.name).toBe(JOBS[k] ?? `Delete${k === 'HumanTaskUI' ? 'HumanTaskUi' : k}`);
  });

  it('records its ARN', () => {
    expect(d.arnMember ?? (d.primaryKey.includes('status.ackResourceMetadata.arn') ? 'arn-keyed' : undefined)).toBeDefined();
  });

  it('a status field AWS changes by itself decides Synced, and shows as a column', () => {
    const changing = statusFields(k).filter((f) => /status$/i.test(f) && f !== 'modelCardProcessingStatus');
    if (changing.length === 0) return;
    expect(d.synced !== undefined || hooks[k]?.isSynced !== undefined).toBe(true);
  });
});

describe('jobs', () => {
  it.each(Object.keys(JOBS))('%s is stopped on delete and reports progress as Events', (k) => {
    expect(hooks[k]?.beforeDelete).toBeDefined();
    expect(hooks[k]?.events).toBeDefined();
    expect(kind(k).operations.update).toBeUndefined();
    expect(hooks[k]?.checkUpdate).toBeDefined();
  });
});

it('every kind beyond ACK is generated, and no other new kind slipped in unchecked', () => {
  expect(service.resources.length).toBe(26 + BEYOND_ACK.length);
  for (const k of BEYOND_ACK) expect(kind(k)).toBeDefined();
});
