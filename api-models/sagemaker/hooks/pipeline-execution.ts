import type { ResourceHooks } from '../../../runtime/descriptor';
import { jobDelete } from './common/delete';
import { syncedByStatus, type StatusRule } from './common/status';

const RULE: StatusRule = { kind: 'PipelineExecution', path: 'status.pipelineExecutionStatus', modifying: ['Executing', 'Stopping'] };

export const pipelineExecution: ResourceHooks = {
  isSynced: syncedByStatus(RULE),
  ...jobDelete({ kind: 'PipelineExecution', path: RULE.path, running: 'Executing' }),
};
