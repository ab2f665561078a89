import type { ResourceHooks } from '../../../runtime/descriptor';
import { jobDelete, stopThenDelete } from './common/delete';
import { immutableKind } from './common/immutable';
import { statusChangeEvents } from './common/progress';
import { syncedByStatus } from './common/status';

/** The jobs that compile, optimise, package or benchmark a model. Their statuses are upper case. */
interface ModelJob {
  readonly kind: string;
  readonly statusField: string;
  readonly nameField: string;
  readonly running: readonly string[];
}

function modelJob(job: ModelJob, deletion: Pick<ResourceHooks, 'beforeDelete' | 'afterDelete'>): ResourceHooks {
  const path = `status.${job.statusField}`;
  return {
    isSynced: syncedByStatus({ kind: job.kind, path, modifying: [...job.running, 'STOPPING'] }),
    events: statusChangeEvents(job.kind, [path]),
    ...immutableKind(job.kind, `create a new ${job.kind} with a new ${job.nameField}`),
    ...deletion,
  };
}

/** Deleted with Delete* once settled; stopped first while running. */
function deletableJob(job: ModelJob & { readonly nameMember: string }): ResourceHooks {
  const path = `status.${job.statusField}`;
  return modelJob(job, stopThenDelete({ kind: job.kind, path, running: job.running, stopping: 'STOPPING', stop: `Stop${job.kind}`, nameMember: job.nameMember, nameField: job.nameField }));
}

/** Only stopped (the descriptor's delete is Stop*); a settled job keeps its AWS record. */
function stoppableJob(job: ModelJob): ResourceHooks {
  return modelJob(job, jobDelete({ kind: job.kind, path: `status.${job.statusField}`, running: job.running, stopping: 'STOPPING' }));
}

export const compilationJob = deletableJob({
  kind: 'CompilationJob', statusField: 'compilationJobStatus', nameField: 'compilationJobName', nameMember: 'CompilationJobName', running: ['STARTING', 'INPROGRESS'],
});
export const optimizationJob = deletableJob({
  kind: 'OptimizationJob', statusField: 'optimizationJobStatus', nameField: 'optimizationJobName', nameMember: 'OptimizationJobName', running: ['STARTING', 'INPROGRESS'],
});
export const edgePackagingJob = stoppableJob({
  kind: 'EdgePackagingJob', statusField: 'edgePackagingJobStatus', nameField: 'edgePackagingJobName', running: ['STARTING', 'INPROGRESS'],
});
export const inferenceRecommendationsJob = stoppableJob({
  kind: 'InferenceRecommendationsJob', statusField: 'status', nameField: 'jobName', running: ['PENDING', 'IN_PROGRESS'],
});
