import type { ResourceHooks, ResourceView } from '../../../../runtime/descriptor';
import { requeueUntilCanModify } from './modify';
import { requeue } from './requeue';
import type { StatusRule } from './status';
import { stringAt } from './view';

export interface JobRule {
  readonly kind: string;
  /** JSON path of the job status, e.g. "status.trainingJobStatus". */
  readonly path: string;
  /** The one status in which Stop applies: InProgress (Executing for PipelineExecution). */
  readonly running: string;
}

/**
 * Jobs cannot be deleted, only stopped: a running job is stopped (the descriptor's delete operation
 * is Stop*) and watched until it settles; a settled job needs no call and keeps its AWS record.
 */
export function jobDelete(rule: JobRule): Pick<ResourceHooks, 'beforeDelete' | 'afterDelete'> {
  const stopping = requeue(`${rule.kind} is Stopping.`);
  return {
    beforeDelete(latest: ResourceView) {
      const status = stringAt(latest, rule.path);
      if (status === 'Stopping') return stopping;
      if (status === rule.running) return undefined;
      return { skipDelete: true, reason: `${rule.kind} is ${status ?? 'without status'}; only a ${rule.running} job is stopped` };
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
