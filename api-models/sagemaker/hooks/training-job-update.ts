import type { DeltaEntry, RequeueRequest, ResourceView, SdkObject, TerminalRequest } from '../../../runtime/descriptor';
import { isUnder } from '../../../runtime/convert/paths';
import { requeue, terminal } from './common/requeue';
import { has, listAt, stringAt } from './common/view';

/**
 * UpdateTrainingJob changes only the warm pool (resourceConfig.keepAlivePeriodInSeconds) or the
 * profiler, never both, each only in some job states (ACK's sdk_update_post_build_request).
 */
const REASON = 'TrainingJobUpdateNotAllowed';
const refuse = (message: string) => terminal(REASON, message);
const WARM_POOL = 'resourceConfig.keepAlivePeriodInSeconds';
const PROFILER_CONFIG = 'profilerConfig';
const PROFILER_RULES = 'profilerRuleConfigurations';
const WARM_POOL_WAIT = 'warm pool cannot be updated while TrainingJob status is InProgress, requeuing until TrainingJob completes.';

const differentAt = (delta: readonly DeltaEntry[], path: string) => delta.some((e) => isUnder(e.path, path));
const ruleNames = (v: ResourceView) => listAt(v, `spec.${PROFILER_RULES}`).map((r) => String(r.ruleConfigurationName));

/** The gate, in ACK's order: nothing means the update may go. */
export function checkTrainingJobUpdate(delta: readonly DeltaEntry[], desired: ResourceView, latest: ResourceView): RequeueRequest | TerminalRequest | undefined {
  const warmPool = differentAt(delta, WARM_POOL);
  const profiler = differentAt(delta, PROFILER_CONFIG) || differentAt(delta, PROFILER_RULES);
  if (warmPool && profiler) return refuse('cannot update Warm pool and Profiler at the same time');
  if (!warmPool && !profiler) return refuse('only Warm Pool or Profiler can be updated');
  if (stringAt(latest, 'status.secondaryStatus') === 'Starting') {
    return requeue('training job cannot be updated while secondary status is in Starting state.');
  }
  if (warmPool) return warmPoolUpdatable(latest);
  const status = stringAt(latest, 'status.trainingJobStatus');
  if (status !== undefined && ['Completed', 'Failed', 'Stopping', 'Stopped'].includes(status)) {
    return refuse('profiler can only be updated when Training Job is in InProgress state');
  }
  return differentAt(delta, PROFILER_RULES) ? onlyAddsRules(desired, latest) : undefined;
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
function onlyAddsRules(desired: ResourceView, latest: ResourceView): TerminalRequest | undefined {
  if (!has(latest, `spec.${PROFILER_RULES}`)) return undefined;
  const want = ruleNames(desired);
  const have = ruleNames(latest);
  if (want.length <= have.length) return refuse('cannot remove/modify existing profiler rules.');
  if (have.some((n) => !want.includes(n))) return refuse('cannot remove an existing profiler rule');
  return want.some((n) => !have.includes(n)) ? undefined : refuse('cannot modify an existing profiler rule.');
}

/**
 * The UpdateTrainingJob input for a delta the gate let through, from the input the runtime built from
 * the spec: only the warm pool, or only the changed profiler parts with just the new rules.
 * Depends on the delta and the specs only.
 */
export function trainingJobUpdateInput(input: SdkObject, delta: readonly DeltaEntry[], latest: ResourceView): SdkObject {
  const { ProfilerConfig, ProfilerRuleConfigurations, ResourceConfig, ...rest } = input;
  if (differentAt(delta, WARM_POOL)) {
    const keepAlive = (ResourceConfig as SdkObject | undefined)?.KeepAlivePeriodInSeconds;
    return { ...rest, ResourceConfig: { KeepAlivePeriodInSeconds: keepAlive } };
  }
  const out: SdkObject = { ...rest };
  if (differentAt(delta, PROFILER_CONFIG) && ProfilerConfig !== undefined) out.ProfilerConfig = ProfilerConfig;
  if (differentAt(delta, PROFILER_RULES) && Array.isArray(ProfilerRuleConfigurations)) {
    const have = new Set(ruleNames(latest));
    out.ProfilerRuleConfigurations = (ProfilerRuleConfigurations as SdkObject[]).filter((r) => !have.has(String(r.RuleConfigurationName)));
  }
  return out;
}
