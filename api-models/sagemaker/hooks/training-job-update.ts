import type { DeltaEntry, RequeueRequest, ResourceView, SdkObject, TerminalRequest } from '../../../runtime/descriptor';
import { isUnder } from '../../../runtime/convert/paths';
import { isTerminal, requeue, terminal } from './common/requeue';
import { has, listAt, stringAt } from './common/view';

/**
 * UpdateTrainingJob changes only the warm pool (resourceConfig.keepAlivePeriodInSeconds) or the
 * profiler, never both, each only in some job states (ACK's sdk_update_post_build_request).
 */
export type TrainingJobUpdatePlan =
  | { readonly path: 'warmPool' }
  | { readonly path: 'profiler'; readonly sendConfig: boolean; readonly rules: RulesToSend }
  | RequeueRequest
  | TerminalRequest;

/** Profiler rules in the input: none, the desired list as is, or only the named (new) ones. */
export type RulesToSend = 'omit' | 'all' | { readonly only: readonly string[] };

const REASON = 'TrainingJobUpdateNotAllowed';
const refuse = (message: string) => terminal(REASON, message);
const WARM_POOL = 'resourceConfig.keepAlivePeriodInSeconds';
const PROFILER_CONFIG = 'profilerConfig';
const PROFILER_RULES = 'profilerRuleConfigurations';
const WARM_POOL_WAIT = 'warm pool cannot be updated while TrainingJob status is InProgress, requeuing until TrainingJob completes.';

const differentAt = (delta: readonly DeltaEntry[], path: string) => delta.some((e) => isUnder(e.path, path));

export function planTrainingJobUpdate(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): TrainingJobUpdatePlan {
  const warmPool = differentAt(delta, WARM_POOL);
  const configChanged = differentAt(delta, PROFILER_CONFIG);
  const rulesChanged = differentAt(delta, PROFILER_RULES);
  const profiler = configChanged || rulesChanged;
  if (warmPool && profiler) return refuse('cannot update Warm pool and Profiler at the same time');
  if (!warmPool && !profiler) return refuse('only Warm Pool or Profiler can be updated');
  if (stringAt(latest, 'status.secondaryStatus') === 'Starting') {
    return requeue('training job cannot be updated while secondary status is in Starting state.');
  }
  if (warmPool) return warmPoolUpdatable(latest) ?? { path: 'warmPool' };

  const status = stringAt(latest, 'status.trainingJobStatus');
  if (status !== undefined && ['Completed', 'Failed', 'Stopping', 'Stopped'].includes(status)) {
    return refuse('profiler can only be updated when Training Job is in InProgress state');
  }
  if (!rulesChanged) return { path: 'profiler', sendConfig: true, rules: 'omit' };
  const rules = newProfilerRules(desired, latest);
  return isTerminal(rules) ? rules : { path: 'profiler', sendConfig: configChanged, rules };
}

function warmPoolUpdatable(latest: ResourceView): RequeueRequest | TerminalRequest | undefined {
  if (!has(latest, `spec.${WARM_POOL}`)) return refuse('warm pool does not exist and can only be configured at creation time');
  const status = stringAt(latest, 'status.trainingJobStatus');
  if (status === undefined) return undefined;
  if (status === 'InProgress') return requeue(WARM_POOL_WAIT);
  if (status !== 'Completed') {
    return refuse('warm pool can only be updated if TrainingJob status is Completed. Warm pool will be terminated automatically if trainingjob has not completed successfully');
  }
  const pool = stringAt(latest, 'status.warmPoolStatus.status');
  // Right after completion SageMaker briefly reports no warm-pool status.
  if (pool === undefined) return requeue(WARM_POOL_WAIT);
  return pool === 'Available' || pool === 'InUse' ? undefined : refuse('warm pool cannot be updated if has been terminated or reused');
}

/** UpdateTrainingJob only adds profiler rules: existing ones can be neither changed nor removed. */
function newProfilerRules(desired: ResourceView, latest: ResourceView): RulesToSend | TerminalRequest {
  const names = (v: ResourceView) => listAt(v, `spec.${PROFILER_RULES}`).map((r) => String(r.ruleConfigurationName));
  if (!has(latest, `spec.${PROFILER_RULES}`)) return 'all';
  const want = names(desired);
  const have = names(latest);
  if (want.length <= have.length) return refuse('cannot remove/modify existing profiler rules.');
  if (have.some((n) => !want.includes(n))) return refuse('cannot remove an existing profiler rule');
  const added = want.filter((n) => !have.includes(n));
  return added.length ? { only: added } : refuse('cannot modify an existing profiler rule.');
}

/** The UpdateTrainingJob input for an accepted plan, from the input the runtime built from the spec. */
export function trainingJobUpdateInput(input: SdkObject, plan: Extract<TrainingJobUpdatePlan, { path: string }>): SdkObject {
  const { ProfilerConfig, ProfilerRuleConfigurations, ResourceConfig, ...rest } = input;
  if (plan.path === 'warmPool') {
    const keepAlive = (ResourceConfig as SdkObject | undefined)?.KeepAlivePeriodInSeconds;
    return { ...rest, ResourceConfig: { KeepAlivePeriodInSeconds: keepAlive } };
  }
  const rules = Array.isArray(ProfilerRuleConfigurations) ? (ProfilerRuleConfigurations as SdkObject[]) : [];
  const sent =
    plan.rules === 'omit'
      ? undefined
      : plan.rules === 'all'
        ? rules
        : rules.filter((r) => (plan.rules as { only: readonly string[] }).only.includes(String(r.RuleConfigurationName)));
  return {
    ...rest,
    ...(plan.sendConfig && ProfilerConfig !== undefined ? { ProfilerConfig } : {}),
    ...(sent ? { ProfilerRuleConfigurations: sent } : {}),
  };
}
