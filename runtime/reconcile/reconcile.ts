import type { KubeObject } from '../k8s/types';
import type { Outcome } from './outcome';
import { deleteResource } from './phases/delete';
import { sync } from './phases/sync';
import type { ReconcileEnv } from './ports';
import { ObjectGone, RunState } from './run-state';

/**
 * The reconcile contract (kube-rs's `reconcile`, controller-runtime's `Reconciler`): given the object
 * as stored and its environment, bring AWS and the object's status toward the spec and say when to
 * look again. Level-triggered: it looks only at the object and AWS, never at what woke it; all I/O
 * goes through `env`. Idempotent: running it again on the result changes nothing. An AWS failure is
 * an Outcome (recoverable or terminal); a thrown error is a bug or a Kubernetes failure, and
 * `errorPolicy` (error-policy.ts) backs it off. ACK's algorithm: reference §6.
 */
export type Reconciler = (obj: KubeObject, env: ReconcileEnv) => Promise<Outcome>;

export const reconcile: Reconciler = async (obj, env) => {
  const s = new RunState(obj, env);
  try {
    return obj.metadata.deletionTimestamp ? await deleteResource(s) : await sync(s);
  } catch (err) {
    if (err instanceof ObjectGone) return { kind: 'done' };
    throw err;
  }
};
