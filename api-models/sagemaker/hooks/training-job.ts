import type { DeltaEntry, ResourceHooks, ResourceView, SyncedVerdict } from '../../../runtime/descriptor';
import { isUnder } from '../../../runtime/convert/paths';
import { jobDelete } from './common/delete';
import { requeue } from './common/requeue';
import { statusVerdict, syncedMessage, type StatusRule } from './common/status';
import { listAt, stringAt } from './common/view';
import { secondaryStatusEvents } from './training-job-progress';
import { checkTrainingJobUpdate, trainingJobUpdateInput } from './training-job-update';

const RULE: StatusRule = { kind: 'TrainingJob', path: 'status.trainingJobStatus', modifying: ['InProgress', 'Stopping'] };
const RULE_MODIFYING = ['InProgress', 'Stopping'];

/** ACK's customSetOutput: a finished job is not settled while its debugger/profiler rules still run. */
export function trainingJobSynced(latest: ResourceView): SyncedVerdict {
  const status = stringAt(latest, RULE.path);
  if (status === 'InProgress') return statusVerdict(RULE, status);
  const running = (path: string) =>
    listAt(latest, path)
      .map((r) => r.ruleEvaluationStatus)
      .find((s): s is string => typeof s === 'string' && RULE_MODIFYING.includes(s));
  const debug = running('status.debugRuleEvaluationStatuses');
  if (debug) return { synced: false, message: syncedMessage('DebugRule', debug) };
  const profiling = stringAt(latest, 'status.profilingStatus');
  if (profiling !== undefined && profiling !== 'Disabled') {
    const profiler = running('status.profilerRuleEvaluationStatuses');
    if (profiler) return { synced: false, message: syncedMessage('ProfilerRule', profiler) };
  }
  return statusVerdict(RULE, status);
}

/**
 * ACK's customPostCompare: with profiling disabled SageMaker still echoes profiler settings, which
 * are drift only when the user manages both profiler fields.
 */
export function dropDisabledProfilerDelta(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): readonly DeltaEntry[] {
  const managesBoth = desired.spec.profilerConfig !== undefined && desired.spec.profilerRuleConfigurations !== undefined;
  if (stringAt(latest, 'status.profilingStatus') !== 'Disabled' || managesBoth) return delta;
  return delta.filter((e) => !isUnder(e.path, 'profilerConfig') && !isUnder(e.path, 'profilerRuleConfigurations'));
}

export const trainingJob: ResourceHooks = {
  isSynced: trainingJobSynced,
  customizeDelta: dropDisabledProfilerDelta,
  checkUpdate: checkTrainingJobUpdate,
  beforeUpdate: (input, delta, _desired, latest) => trainingJobUpdateInput(input, delta, latest),
  afterUpdate: () => ({ requeue: requeue('training job is updating') }),
  events: secondaryStatusEvents,
  ...jobDelete({ kind: 'TrainingJob', path: RULE.path, running: 'InProgress' }),
};
