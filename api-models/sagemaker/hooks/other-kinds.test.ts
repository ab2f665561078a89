import { app } from './app';
import { delta, fakeContext, view } from './common/testing';
import { domain, withDomainId } from './domain';
import { featureGroup } from './feature-group';
import { hyperParameterTuningJob } from './hyper-parameter-tuning-job';
import { withoutInjectedHyperParameters } from './hyper-parameter-tuning-job-defaults';
import { LAST_SPEC_ANNOTATION, checkInferenceComponentUpdate, inferenceComponent, lastSpecForUpdate, withSpecCopyCount } from './inference-component';
import { labelingJob } from './labeling-job';
import { modelPackage } from './model-package';
import { monitoringSchedule, requeueUntilScheduleCanModify } from './monitoring-schedule';
import { dropReformattedDefinition } from './pipeline';
import { pipelineExecution } from './pipeline-execution';
import { processingJob } from './processing-job';
import { project } from './project';
import { transformJob } from './transform-job';
import { userProfile } from './user-profile';

const ctx = fakeContext();

describe('HyperParameterTuningJob', () => {
  it('drops SageMaker-injected "_" static hyperparameters from both definition forms', () => {
    const output = {
      HyperParameterTuningJobName: 'hpo',
      TrainingJobDefinition: { StaticHyperParameters: { _tuning_objective_metric: 'validation:error', eta: '0.2' } },
      TrainingJobDefinitions: [{ StaticHyperParameters: { _kfold: '5', num_round: '50' } }, { RoleArn: 'r' }],
    };
    expect(withoutInjectedHyperParameters(output)).toEqual({
      HyperParameterTuningJobName: 'hpo',
      TrainingJobDefinition: { StaticHyperParameters: { eta: '0.2' } },
      TrainingJobDefinitions: [{ StaticHyperParameters: { num_round: '50' } }, { RoleArn: 'r' }],
    });
  });
  it('is wired as afterReadOne', async () => {
    const out = await hyperParameterTuningJob.afterReadOne!({ TrainingJobDefinition: { StaticHyperParameters: { _x: '1' } } }, view(), ctx);
    expect(out).toEqual({ TrainingJobDefinition: { StaticHyperParameters: {} } });
  });
  it.each([
    ['InProgress', false],
    ['Stopping', false],
    ['Completed', true],
    ['Failed', true],
  ])('%s → synced %s; Failed is not terminal', (s, synced) => {
    expect(hyperParameterTuningJob.isSynced!(view({}, { hyperParameterTuningJobStatus: s }))).toEqual({
      synced,
      message: `HyperParameterTuningJob is in ${s} status.`,
    });
  });
  it('stop on delete (ACK §2.5)', async () => {
    const at = (s: string) => view({}, { hyperParameterTuningJobStatus: s });
    expect(await hyperParameterTuningJob.beforeDelete!(at('Stopping'), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'HyperParameterTuningJob is Stopping.' });
    expect(await hyperParameterTuningJob.beforeDelete!(at('InProgress'), ctx)).toBeUndefined();
    expect(await hyperParameterTuningJob.afterDelete!(at('InProgress'), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'HyperParameterTuningJob is Stopping.' });
    expect(await hyperParameterTuningJob.beforeDelete!(at('Completed'), ctx)).toMatchObject({ skipDelete: true });
  });
});

describe.each([
  ['ProcessingJob', processingJob, 'processingJobStatus', 'InProgress'],
  ['TransformJob', transformJob, 'transformJobStatus', 'InProgress'],
  ['LabelingJob', labelingJob, 'labelingJobStatus', 'InProgress'],
  ['PipelineExecution', pipelineExecution, 'pipelineExecutionStatus', 'Executing'],
] as const)('%s', (kind, hooks, field, running) => {
  it('is unsynced while running, with ACK message', () => {
    expect(hooks.isSynced!(view({}, { [field]: running }))).toEqual({ synced: false, message: `${kind} is in ${running} status.` });
  });
  it('stops only a running job', async () => {
    expect(await hooks.beforeDelete!(view({}, { [field]: running }), ctx)).toBeUndefined();
    expect(await hooks.beforeDelete!(view({}, { [field]: 'Stopped' }), ctx)).toMatchObject({ skipDelete: true });
    expect(await hooks.afterDelete!(view(), ctx)).toEqual({ requeueAfterMs: 30_000, reason: `${kind} is Stopping.` });
  });
});

describe('InferenceComponent', () => {
  const spec = { inferenceComponentName: 'ic', endpointName: 'ep', specification: { modelName: 'm' }, runtimeConfig: { copyCount: 2 }, tags: [{ key: 'a', value: 'b' }] };
  const tried = lastSpecForUpdate(spec);
  it('reads the desired copy count into spec.runtimeConfig.copyCount', () => {
    expect(withSpecCopyCount({ RuntimeConfig: { DesiredCopyCount: 3, CurrentCopyCount: 1 } })).toEqual({
      RuntimeConfig: { DesiredCopyCount: 3, CurrentCopyCount: 1, CopyCount: 3 },
    });
  });
  it('last spec for update leaves tags out and ignores key order', () => {
    expect(tried).not.toContain('tags');
    expect(lastSpecForUpdate({ runtimeConfig: { copyCount: 2 }, specification: { modelName: 'm' }, endpointName: 'ep', inferenceComponentName: 'ic' })).toBe(tried);
  });
  it('Updating → requeue; Failed → InferenceComponentUpdateError', () => {
    expect(checkInferenceComponentUpdate(delta('runtimeConfig'), view(spec), view({}, { inferenceComponentStatus: 'Updating' }))).toMatchObject({ requeueAfterMs: 30_000 });
    expect(checkInferenceComponentUpdate(delta('runtimeConfig'), view(spec), view({}, { inferenceComponentStatus: 'Failed' }))).toMatchObject({
      terminal: true,
      reason: 'InferenceComponentUpdateError',
    });
  });
  it('the same spec again after a rolled-back update → terminal; a different one goes through', () => {
    const rolledBack = view({}, { inferenceComponentStatus: 'InService', failureReason: 'x' });
    expect(checkInferenceComponentUpdate(delta('runtimeConfig'), view(spec, {}, { [LAST_SPEC_ANNOTATION]: tried }), rolledBack)).toMatchObject({ terminal: true });
    const changed = { ...spec, runtimeConfig: { copyCount: 1 } };
    expect(checkInferenceComponentUpdate(delta('runtimeConfig'), view(changed, {}, { [LAST_SPEC_ANNOTATION]: tried }), rolledBack)).toBeUndefined();
  });
  it('records the spec it tried, and Failed is terminal at read', () => {
    expect(inferenceComponent.afterUpdate!(view(spec), view(), ctx)).toEqual({ annotations: { [LAST_SPEC_ANNOTATION]: tried } });
    expect(inferenceComponent.isSynced!(view({}, { inferenceComponentStatus: 'Failed' }))).toMatchObject({ synced: true, terminal: expect.stringContaining('terminal state: Failed') });
  });
});

describe('MonitoringSchedule', () => {
  const at = (monitoringScheduleStatus: string, execution?: string) =>
    view({}, { monitoringScheduleStatus, ...(execution ? { lastMonitoringExecutionSummary: { monitoringExecutionStatus: execution } } : {}) });
  it('no change while Pending or while its last job runs', () => {
    expect(requeueUntilScheduleCanModify(at('Pending'))).toEqual({ requeueAfterMs: 30_000, reason: 'MonitoringSchedule in Pending state cannot be modified or deleted.' });
    expect(requeueUntilScheduleCanModify(at('Scheduled', 'InProgress'))).toEqual({
      requeueAfterMs: 30_000,
      reason: 'Monitoring Job in InProgress state, MonitoringSchedule cannot be modified or deleted.',
    });
    expect(requeueUntilScheduleCanModify(at('Scheduled', 'Completed'))).toBeUndefined();
  });
  it('after an update it is Pending, so not synced', () => {
    const effects = monitoringSchedule.afterUpdate!(view(), view(), ctx);
    expect(monitoringSchedule.isSynced!(view({}, effects.status))).toEqual({ synced: false, message: 'MonitoringSchedule is in Pending status.' });
  });
  it('Failed is terminal', () => {
    expect(monitoringSchedule.isSynced!(at('Failed')).terminal).toBe('MonitoringSchedule status reached terminal state: Failed. Check the FailureReason.');
  });
});

describe('Domain, UserProfile, Space, App, Project', () => {
  it('Domain: the ID comes from the ARN after Create', () => {
    expect(withDomainId({ DomainArn: 'arn:aws:sagemaker:us-west-2:111122223333:domain/d-abc123', Url: 'u' })).toEqual({
      DomainArn: 'arn:aws:sagemaker:us-west-2:111122223333:domain/d-abc123',
      Url: 'u',
      DomainId: 'd-abc123',
    });
    expect(domain.afterCreate!({ DomainArn: 'arn:aws:sagemaker:r:a:domain/d-1' }, view())).toMatchObject({ DomainId: 'd-1' });
  });
  it('UserProfile: no update while Updating; synced message', () => {
    expect(userProfile.checkUpdate!(delta('userSettings'), view(), view({}, { status: 'Updating' }))).toEqual({
      requeueAfterMs: 30_000,
      reason: 'UserProfile in Updating state cannot be modified or deleted.',
    });
    expect(userProfile.isSynced!(view({}, { status: 'InService' }))).toEqual({ synced: true, message: 'UserProfile is in InService status.' });
  });
  it('App: a Deleted app needs no delete call', async () => {
    expect(await app.beforeDelete!(view({}, { status: 'Deleted' }), ctx)).toMatchObject({ skipDelete: true });
    expect(await app.beforeDelete!(view({}, { status: 'Pending' }), ctx)).toMatchObject({ requeueAfterMs: 30_000 });
    expect(await app.beforeDelete!(view({}, { status: 'InService' }), ctx)).toBeUndefined();
  });
  it('Project: DeleteCompleted needs no delete call; CreateFailed is settled, not terminal', async () => {
    expect(await project.beforeDelete!(view({}, { projectStatus: 'DeleteCompleted' }), ctx)).toMatchObject({ skipDelete: true });
    expect(project.isSynced!(view({}, { projectStatus: 'CreateFailed' }))).toEqual({ synced: true, message: 'Project is in CreateFailed status.' });
  });
});

describe('FeatureGroup, ModelPackage', () => {
  it('FeatureGroup: CreateFailed is terminal; delete waits ("deleting.")', async () => {
    expect(featureGroup.isSynced!(view({}, { featureGroupStatus: 'CreateFailed' })).terminal).toMatch(/^FeatureGroup status reached terminal state: CreateFailed/);
    expect(await featureGroup.afterDelete!(view(), ctx)).toEqual({ requeueAfterMs: 30_000, reason: 'FeatureGroup is deleting.' });
  });
  it('ModelPackage: no update while Pending', () => {
    expect(modelPackage.checkUpdate!(delta('modelApprovalStatus'), view(), view({}, { modelPackageStatus: 'Pending' }))).toMatchObject({ requeueAfterMs: 30_000 });
    expect(modelPackage.checkUpdate!(delta('modelApprovalStatus'), view(), view({}, { modelPackageStatus: 'Completed' }))).toBeUndefined();
  });
});

describe('Pipeline', () => {
  it('a reformatted definition is not drift; a changed one is', () => {
    const d = [
      { path: 'pipelineDefinition', desired: '{"Version":"2020-12-01","Steps":[]}', latest: '{ "Steps": [], "Version": "2020-12-01" }' },
      { path: 'roleARN', desired: 'a', latest: 'b' },
    ];
    expect(dropReformattedDefinition(d).map((e) => e.path)).toEqual(['roleARN']);
    expect(dropReformattedDefinition([{ path: 'pipelineDefinition', desired: '{"Steps":[1]}', latest: '{"Steps":[]}' }])).toHaveLength(1);
  });
});
