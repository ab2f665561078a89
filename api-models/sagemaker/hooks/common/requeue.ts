import type { RequeueRequest, TerminalRequest } from '../../../../runtime/descriptor';

/** ACK's requeue.DefaultRequeueAfterDuration. */
export const DEFAULT_REQUEUE_MS = 30_000;

export function requeue(reason: string, requeueAfterMs = DEFAULT_REQUEUE_MS): RequeueRequest {
  return { requeueAfterMs, reason };
}

export function terminal(reason: string, message: string): TerminalRequest {
  return { terminal: true, reason, message };
}

