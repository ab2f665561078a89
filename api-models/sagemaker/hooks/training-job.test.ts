import { delta, fakeContext, view } from './common/testing';
import { trainingJob, trainingJobSynced, dropDisabledProfilerDelta } from './training-job';
import { checkTrainingJobUpdate, trainingJobUpdateInput } from './training-job-update';

const completed = { trainingJobStatus: 'Completed', secondaryStatus: 'Completed' };

describe('TrainingJob synced (ACK customSetOutput, readOne fixtures)', () => {
  it.each([
    ['InProgress', false],
    ['Stopping', false],
    ['Completed', true],
    ['Failed', true],
    ['Stopped', true],
  ])('%s → synced %s, "TrainingJob is in <S> status."', (s, synced) => {
    expect(trainingJobSynced(view({}, { trainingJobStatus: s }))).toEqual({ synced, message: `TrainingJob is in ${s} status.` });
  });

  it.each(['Available', 'InUse', 'Terminated', 'Reused', undefined])('warm pool %s does not affect Synced', (pool) => {
    const status = { ...completed, ...(pool ? { warmPoolStatus: { status: pool } } : {}) };
    expect(trainingJobSynced(view({}, status))).toEqual({ synced: true, message: 'TrainingJob is in Completed status.' });
  });

  it('InProgress wins over rule statuses', () => {
    const v = view({}, { trainingJobStatus: 'InProgress', debugRuleEvaluationStatuses: [{ ruleEvaluationStatus: 'Stopping' }] });
    expect(trainingJobSynced(v).message).toBe('TrainingJob is in InProgress status.');
  });

  it('a running debug rule keeps a finished job unsynced', () => {
    const v = view({}, { ...completed, debugRuleEvaluationStatuses: [{ ruleEvaluationStatus: 'NoIssuesFound' }, { ruleEvaluationStatus: 'InProgress' }] });
    expect(trainingJobSynced(v)).toEqual({ synced: false, message: 'DebugRule is in InProgress status.' });
  });

  it('profiler rules count only while profiling is not Disabled', () => {
    const rules = { profilerRuleEvaluationStatuses: [{ ruleEvaluationStatus: 'Stopping' }] };
    expect(trainingJobSynced(view({}, { ...completed, ...rules, profilingStatus: 'Enabled' }))).toEqual({
      synced: false,
      message: 'ProfilerRule is in Stopping status.',
    });
    expect(trainingJobSynced(view({}, { ...completed, ...rules, profilingStatus: 'Disabled' })).synced).toBe(true);
  });
});

describe('TrainingJob delta (ACK customPostCompare)', () => {
  const d = delta('profilerConfig.profilingIntervalInMilliseconds', 'profilerRuleConfigurations', 'resourceConfig.keepAlivePeriodInSeconds');
  it('drops profiler drift while profiling is Disabled and the user does not manage both fields', () => {
    const out = dropDisabledProfilerDelta(d, view({ profilerConfig: {} }), view({}, { profilingStatus: 'Disabled' }));
    expect(out.map((e) => e.path)).toEqual(['resourceConfig.keepAlivePeriodInSeconds']);
  });
  it('keeps it when the user manages both, or profiling is on', () => {
    expect(dropDisabledProfilerDelta(d, view({ profilerConfig: {}, profilerRuleConfigurations: [] }), view({}, { profilingStatus: 'Disabled' }))).toHaveLength(3);
    expect(dropDisabledProfilerDelta(d, view({ profilerConfig: {} }), view({}, { profilingStatus: 'Enabled' }))).toHaveLength(3);
  });
});

describe('TrainingJob update gatekeeping (ACK §2.1, in order)', () => {
  const wp = delta('resourceConfig.keepAlivePeriodInSeconds');
  const withPool = (status: Record<string, unknown>) => view({ resourceConfig: { keepAlivePeriodInSeconds: 60 } }, status);
  const refused = (message: string) => ({ terminal: true, reason: 'TrainingJobUpdateNotAllowed', message });
  const waiting = (reason: string) => ({ requeueAfterMs: 30_000, reason });

  it('warm pool and profiler at once: terminal', () => {
    const p = checkTrainingJobUpdate(delta('resourceConfig.keepAlivePeriodInSeconds', 'profilerConfig.s3OutputPath'), view(), withPool(completed));
    expect(p).toEqual(refused('cannot update Warm pool and Profiler at the same time'));
  });
  it('any other field: terminal', () => {
    expect(checkTrainingJobUpdate(delta('hyperParameters'), view(), view())).toEqual(refused('only Warm Pool or Profiler can be updated'));
  });
  it('secondary status Starting: requeue', () => {
    expect(checkTrainingJobUpdate(wp, view(), withPool({ trainingJobStatus: 'InProgress', secondaryStatus: 'Starting' }))).toEqual(
      waiting('training job cannot be updated while secondary status is in Starting state.'),
    );
  });

  describe('warm pool path', () => {
    it('no warm pool at creation: terminal', () => {
      expect(checkTrainingJobUpdate(wp, view(), view({ resourceConfig: {} }, completed))).toEqual(
        refused('warm pool does not exist and can only be configured at creation time'),
      );
    });
    it('InProgress: requeue until the job completes', () => {
      expect(checkTrainingJobUpdate(wp, view(), withPool({ trainingJobStatus: 'InProgress', secondaryStatus: 'Training' }))).toEqual(
        waiting('warm pool cannot be updated while TrainingJob status is InProgress, requeuing until TrainingJob completes.'),
      );
    });
    it.each(['Available', 'InUse'])('Completed with pool %s: allowed', (pool) => {
      expect(checkTrainingJobUpdate(wp, view(), withPool({ ...completed, warmPoolStatus: { status: pool } }))).toBeUndefined();
    });
    it.each(['Terminated', 'Reused'])('Completed with pool %s: terminal', (pool) => {
      expect(checkTrainingJobUpdate(wp, view(), withPool({ ...completed, warmPoolStatus: { status: pool } }))).toEqual(
        refused('warm pool cannot be updated if has been terminated or reused'),
      );
    });
    it('Completed, pool status not reported yet: requeue', () => {
      expect(checkTrainingJobUpdate(wp, view(), withPool(completed))).toMatchObject({ requeueAfterMs: 30_000 });
    });
    it.each(['Failed', 'Stopping', 'Stopped'])('%s: terminal', (s) => {
      expect(checkTrainingJobUpdate(wp, view(), withPool({ trainingJobStatus: s }))).toEqual(
        refused('warm pool can only be updated if TrainingJob status is Completed. Warm pool will be terminated automatically if trainingjob has not completed successfully'),
      );
    });
    it('sends only the keep-alive period, no profiler', () => {
      const input = {
        TrainingJobName: 'tj',
        ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, KeepAlivePeriodInSeconds: 120 },
        ProfilerConfig: { S3OutputPath: 's3://x' },
        ProfilerRuleConfigurations: [{ RuleConfigurationName: 'a' }],
      };
      expect(trainingJobUpdateInput(input, wp, view())).toEqual({ TrainingJobName: 'tj', ResourceConfig: { KeepAlivePeriodInSeconds: 120 } });
    });
  });

  describe('profiler path', () => {
    const running = { trainingJobStatus: 'InProgress', secondaryStatus: 'Training' };
    const rules = (...names: string[]) => names.map((ruleConfigurationName) => ({ ruleConfigurationName, ruleEvaluatorImage: 'img' }));

    it.each(['Completed', 'Failed', 'Stopping', 'Stopped'])('job %s: terminal', (s) => {
      expect(checkTrainingJobUpdate(delta('profilerConfig.profilingIntervalInMilliseconds'), view(), view({}, { trainingJobStatus: s }))).toEqual(
        refused('profiler can only be updated when Training Job is in InProgress state'),
      );
    });
    it('config only: send the config, no rules (e2e: interval 500 → 200)', () => {
      const d = delta('profilerConfig.profilingIntervalInMilliseconds');
      expect(checkTrainingJobUpdate(d, view(), view({}, running))).toBeUndefined();
      const input = { TrainingJobName: 'tj', ProfilerConfig: { ProfilingIntervalInMilliseconds: 200 }, ProfilerRuleConfigurations: [{}], ResourceConfig: {} };
      expect(trainingJobUpdateInput(input, d, view({}, running))).toEqual({ TrainingJobName: 'tj', ProfilerConfig: { ProfilingIntervalInMilliseconds: 200 } });
    });
    it('rules where the job had none: all desired rules', () => {
      const d = delta('profilerRuleConfigurations');
      expect(checkTrainingJobUpdate(d, view({ profilerRuleConfigurations: rules('a') }), view({}, running))).toBeUndefined();
      const input = { TrainingJobName: 'tj', ProfilerConfig: { S3OutputPath: 's3://x' }, ProfilerRuleConfigurations: [{ RuleConfigurationName: 'a' }] };
      expect(trainingJobUpdateInput(input, d, view({}, running))).toEqual({ TrainingJobName: 'tj', ProfilerRuleConfigurations: [{ RuleConfigurationName: 'a' }] });
    });
    it('fewer or as many rules: terminal', () => {
      expect(checkTrainingJobUpdate(delta('profilerRuleConfigurations'), view({ profilerRuleConfigurations: rules('a') }), view({ profilerRuleConfigurations: rules('a', 'b') }, running))).toEqual(
        refused('cannot remove/modify existing profiler rules.'),
      );
    });
    it('a rule removed while another is added: terminal', () => {
      expect(
        checkTrainingJobUpdate(delta('profilerRuleConfigurations'), view({ profilerRuleConfigurations: rules('a', 'c', 'd') }), view({ profilerRuleConfigurations: rules('a', 'b') }, running)),
      ).toEqual(refused('cannot remove an existing profiler rule'));
    });
    it('added rules: only the new ones are sent, with the config when it changed too', () => {
      const d = delta('profilerConfig.s3OutputPath', 'profilerRuleConfigurations');
      const latest = view({ profilerRuleConfigurations: rules('a') }, running);
      expect(checkTrainingJobUpdate(d, view({ profilerRuleConfigurations: rules('a', 'b') }), latest)).toBeUndefined();
      const input = { TrainingJobName: 'tj', ProfilerConfig: { S3OutputPath: 's3://y' }, ProfilerRuleConfigurations: [{ RuleConfigurationName: 'a' }, { RuleConfigurationName: 'b' }] };
      expect(trainingJobUpdateInput(input, d, latest)).toEqual({
        TrainingJobName: 'tj',
        ProfilerConfig: { S3OutputPath: 's3://y' },
        ProfilerRuleConfigurations: [{ RuleConfigurationName: 'b' }],
      });
    });
    it('a changed rule goes only alongside an added one (ACK case 5); alone it is terminal', () => {
      const changed = [{ ruleConfigurationName: 'a', ruleEvaluatorImage: 'other' }, { ruleConfigurationName: 'a2', ruleEvaluatorImage: 'i' }];
      expect(checkTrainingJobUpdate(delta('profilerRuleConfigurations'), view({ profilerRuleConfigurations: changed }), view({ profilerRuleConfigurations: rules('a') }, running))).toEqual(
        undefined,
      );
      expect(
        checkTrainingJobUpdate(delta('profilerRuleConfigurations'), view({ profilerRuleConfigurations: [...rules('a'), ...rules('a')] }), view({ profilerRuleConfigurations: rules('a') }, running)),
      ).toEqual(refused('cannot modify an existing profiler rule.'));
    });
  });
});

describe('TrainingJob hooks wiring', () => {
  const ctx = fakeContext();
  it('checkUpdate passes an allowed plan and returns refusals', () => {
    const latest = view({ resourceConfig: { keepAlivePeriodInSeconds: 60 } }, { ...completed, warmPoolStatus: { status: 'Available' } });
    expect(trainingJob.checkUpdate!(delta('resourceConfig.keepAlivePeriodInSeconds'), view(), latest)).toBeUndefined();
    expect(trainingJob.checkUpdate!(delta('hyperParameters'), view(), latest)).toMatchObject({ terminal: true });
  });
  it('beforeUpdate shapes the input of an allowed update', async () => {
    const latest = view({ resourceConfig: { keepAlivePeriodInSeconds: 60 } }, { ...completed, warmPoolStatus: { status: 'InUse' } });
    const input = { TrainingJobName: 'tj', ResourceConfig: { InstanceCount: 1, KeepAlivePeriodInSeconds: 300 } };
    expect(await trainingJob.beforeUpdate!(input, delta('resourceConfig.keepAlivePeriodInSeconds'), view(), latest, ctx)).toEqual({
      TrainingJobName: 'tj',
      ResourceConfig: { KeepAlivePeriodInSeconds: 300 },
    });
  });
  it('after an update: requeue "training job is updating"', () => {
    expect(trainingJob.afterUpdate!(view(), view(), ctx)).toEqual({ requeue: { requeueAfterMs: 30_000, reason: 'training job is updating' } });
  });
  it('delete stops only an InProgress job', async () => {
    expect(await trainingJob.beforeDelete!(view({}, { trainingJobStatus: 'InProgress' }), ctx)).toBeUndefined();
    expect(await trainingJob.beforeDelete!(view({}, completed), ctx)).toMatchObject({ skipDelete: true });
  });
});
