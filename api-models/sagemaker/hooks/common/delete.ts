import type { HookContext, ResourceHooks, ResourceView } from '../../../../runtime/descriptor';
import { requeueUntilCanModify } from './modify';
import { requeue } from './requeue';
import type { StatusRule } from './status';
import { stringAt } from './view';

export interface JobRule {
  readonly kind: string;
  /** JSON path of the job status, e.g. "status.trainingJobStatus". */
  readonly path: string;
  /** The statuses in which Stop applies: InProgress (Executing for PipelineExecution). */
  readonly running: string | readonly string[];
  /** The status while a stop is under way, default "Stopping" (some APIs spell it STOPPING). */
  readonly stopping?: string;
}

const runningStates = (rule: JobRule): readonly string[] => (typeof rule.running === 'string' ? [rule.running] : rule.running);

/**
 * Jobs cannot be deleted, only stopped: a running job is stopped (the descriptor's delete operation
 * is Stop*) and watched until it settles; a settled job needs no call and keeps its AWS record.
 */
export function jobDelete(rule: JobRule): Pick<ResourceHooks, 'beforeDelete' | 'afterDelete'> {
  const stopping = requeue(`${rule.kind} is Stopping.`);
  const running = runningStates(rule);
  return {
    beforeDelete(latest: ResourceView) {
      const status = stringAt(latest, rule.path);
      if (status === (rule.stopping ?? 'Stopping')) return stopping;
      if (status !== undefined && running.includes(status)) return undefined;
      return { skipDelete: true, reason: `${rule.kind} is ${status ?? 'without status'}; only a ${running.join(' or ')} job is stopped` };
    },
    // Stop returns at once; the record always remains, so look again until it has settled.
    afterDelete: () => stopping,
  };
}

/**
 * Kinds whose Delete is asynchronous (ACK's common sdk_delete_pre/post templates): not while AWS is
 * modifying them, and after the call requeue until a read finds nothing. `word` is ACK's spelling
 * ("Deleting", "deleting").
 */
export function deleteThenWait(rule: StatusRule, word = 'Deleting'): Pick<ResourceHooks, 'beforeDelete' | 'afterDelete'> {
  return {
    beforeDelete: (latest: ResourceView) => requeueUntilCanModify(rule, latest),
    afterDelete: () => requeue(`${rule.kind} is ${word}.`),
  };
}

/**
 * Jobs that SageMaker can also delete once settled (CompilationJob, OptimizationJob): the
 * descriptor's delete is Delete*; a running job is stopped first and looked at again until it has
 * settled, so `kubectl delete` never leaves a job running in AWS.
 */
export function stopThenDelete(rule: JobRule & { readonly stop: string; readonly nameMember: string; readonly nameField: string }): Pick<ResourceHooks, 'beforeDelete'> {
  const stopping = requeue(`${rule.kind} is Stopping.`);
  const running = runningStates(rule);
  return {
    async beforeDelete(latest: ResourceView, ctx: HookContext) {
      const status = stringAt(latest, rule.path);
      if (status === (rule.stopping ?? 'Stopping')) return stopping;
      if (status === undefined || !running.includes(status)) return undefined;
      await ctx.call(rule.stop, { [rule.nameMember]: latest.spec[rule.nameField] });
      return stopping;
    },
  };
}
