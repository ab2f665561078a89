import type { ResourceHooks } from '../../../runtime/descriptor';
import { requeue } from './common/requeue';

// onCreate/onStart compare by content: the runtime's list-of-struct delta already does that.
export const notebookInstanceLifecycleConfig: ResourceHooks = {
  afterUpdate: () => ({ requeue: requeue('NotebookInstanceLifecycleConfig is updating.') }),
};
