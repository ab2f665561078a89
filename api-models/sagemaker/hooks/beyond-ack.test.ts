import { autoMLJobV2 } from './automl-job';
import { cluster, clusterSchedulerConfig, computeQuota, trainingPlan, withInstanceCounts } from './clusters';
import { statusChangeEvents } from './common/progress';
import { delta, fakeContext, view } from './common/testing';
import { compilationJob, edgePackagingJob, inferenceRecommendationsJob } from './model-jobs';
import { image } from './studio-resources';

describe('job progress as Events (kinds without a transition list)', () => {
  const events = statusChangeEvents('AutoMLJobV2', ['status.autoMLJobStatus', 'status.autoMLJobSecondaryStatus']);
  it('reports each status field once when its value changes', () => {
    const before = view({}, { autoMLJobStatus: 'InProgress', autoMLJobSecondaryStatus: 'AnalyzingData' });
    const after = view({}, { autoMLJobStatus: 'InProgress', autoMLJobSecondaryStatus: 'FeatureEngineering' });
    expect(events(after, before)).toEqual([
      { type: 'Normal', reason: 'FeatureEngineering', message: 'AutoMLJobV2 autoMLJobSecondaryStatus is now FeatureEngineering', key: 'autoMLJobSecondaryStatus/FeatureEngineering' },
    ]);
    expect(events(after, after)).toEqual([]);
  });
  it('a failure or stop is a Warning', () => {
    const out = events(view({}, { autoMLJobStatus: 'Failed' }), view({}, { autoMLJobStatus: 'InProgress' }));
    expect(out.map((e) => e.type)).toEqual(['Warning']);
  });
  it('is wired on the job kinds', () => {
    expect(autoMLJobV2.events!(view({}, { autoMLJobStatus: 'Completed' }), view())).toHaveLength(1);
    expect(compilationJob.events!(view({}, { compilationJobStatus: 'COMPLETED' }), view({}, { compilationJobStatus: 'INPROGRESS' }))).toHaveLength(1);
  });
});

describe('jobs stop on delete', () => {
  it('AutoMLJobV2: a running job is stopped by the descriptor delete (StopAutoMLJob); a finished one keeps its record', async () => {
    const ctx = fakeContext();
    expect(await autoMLJobV2.beforeDelete!(view({}, { autoMLJobStatus: 'InProgress' }), ctx)).toBeUndefined();
    expect(await autoMLJobV2.beforeDelete!(view({}, { autoMLJobStatus: 'Completed' }), ctx)).toMatchObject({ skipDelete: true });
    expect(await autoMLJobV2.beforeDelete!(view({}, { autoMLJobStatus: 'Stopping' }), ctx)).toMatchObject({ reason: 'AutoMLJobV2 is Stopping.' });
  });
  it('CompilationJob: a running job is stopped first, then deleted once settled', async () => {
    const ctx = fakeContext();
    const running = view({ compilationJobName: 'c1' }, { compilationJobStatus: 'INPROGRESS' });
    expect(await compilationJob.beforeDelete!(running, ctx)).toMatchObject({ reason: 'CompilationJob is Stopping.' });
    expect(ctx.calls).toEqual([{ op: 'StopCompilationJob', input: { CompilationJobName: 'c1' } }]);
    expect(await compilationJob.beforeDelete!(view({ compilationJobName: 'c1' }, { compilationJobStatus: 'STOPPING' }), ctx)).toMatchObject({ requeueAfterMs: 30_000 });
    expect(await compilationJob.beforeDelete!(view({ compilationJobName: 'c1' }, { compilationJobStatus: 'COMPLETED' }), ctx)).toBeUndefined();
    expect(ctx.calls).toHaveLength(1);
  });
  it.each([
    [edgePackagingJob, { edgePackagingJobStatus: 'STARTING' }],
    [inferenceRecommendationsJob, { status: 'PENDING' }],
  ])('upper-case running states are stopped too', async (hooks, status) => {
    expect(await hooks.beforeDelete!(view({}, status), fakeContext())).toBeUndefined();
  });
  it('jobs are not synced while running and cannot be changed', () => {
    expect(compilationJob.isSynced!(view({}, { compilationJobStatus: 'INPROGRESS' })).synced).toBe(false);
    expect(compilationJob.isSynced!(view({}, { compilationJobStatus: 'FAILED' })).synced).toBe(true);
    expect(compilationJob.checkUpdate!(delta('outputConfig.s3OutputLocation'), view(), view())).toMatchObject({ terminal: true, reason: 'UpdateNotSupported' });
  });
});

describe('clusters and quotas', () => {
  it('an update names the version it replaces', async () => {
    const latest = view({}, { clusterSchedulerConfigVersion: 3 });
    expect(await clusterSchedulerConfig.beforeUpdate!({ ClusterSchedulerConfigId: 'id' }, [], view(), latest, fakeContext())).toEqual({ ClusterSchedulerConfigId: 'id', TargetVersion: 3 });
    expect(await computeQuota.beforeUpdate!({}, [], view(), view({}, { computeQuotaVersion: 1 }), fakeContext())).toEqual({ TargetVersion: 1 });
  });
  it('a cluster is not updated or deleted while AWS changes it, and Failed is terminal', async () => {
    expect(cluster.checkUpdate!(delta('instanceGroups'), view(), view({}, { clusterStatus: 'Creating' }))).toMatchObject({ requeueAfterMs: 30_000 });
    expect(await cluster.beforeDelete!(view({}, { clusterStatus: 'Updating' }), fakeContext())).toMatchObject({ requeueAfterMs: 30_000 });
    expect(cluster.isSynced!(view({}, { clusterStatus: 'Failed' }))).toMatchObject({ terminal: expect.stringContaining('Failed') });
    expect(await cluster.afterDelete!(view(), fakeContext())).toMatchObject({ reason: 'Cluster is Deleting.' });
  });
  it('a cluster read compares instance counts with the target AWS reports', async () => {
    const output = { ClusterName: 'c', InstanceGroups: [{ InstanceGroupName: 'g', CurrentCount: 1, TargetCount: 2 }] };
    expect(withInstanceCounts(output)).toEqual({ ClusterName: 'c', InstanceGroups: [{ InstanceGroupName: 'g', CurrentCount: 1, TargetCount: 2, InstanceCount: 2 }] });
    expect(await cluster.afterReadOne!(output, view(), fakeContext())).toEqual(withInstanceCounts(output));
  });
  it('a training plan cannot be deleted in AWS: the finalizer goes, saying why', async () => {
    expect(await trainingPlan.beforeDelete!(view(), fakeContext())).toMatchObject({ skipDelete: true, reason: expect.stringContaining('no API to delete') });
  });
});

describe('Studio resources', () => {
  it('an Image is unsynced while CREATING and synced once CREATED', () => {
    expect(image.isSynced!(view({}, { imageStatus: 'CREATING' })).synced).toBe(false);
    expect(image.isSynced!(view({}, { imageStatus: 'CREATED' })).synced).toBe(true);
  });
});
