import type { RequeueRequest, SkipDelete, TerminalRequest } from '../../descriptor';
import { isObject } from '../../convert/paths';

/** What a hook may answer instead of going on: recognised by shape, since hooks return plain objects. */

export function isRequeue(v: unknown): v is RequeueRequest {
  return isObject(v) && typeof v.requeueAfterMs === 'number' && typeof v.reason === 'string';
}

export function isTerminalRequest(v: unknown): v is TerminalRequest {
  return isObject(v) && v.terminal === true && typeof v.message === 'string';
}

export function isSkipDelete(v: unknown): v is SkipDelete {
  return isObject(v) && v.skipDelete === true;
}
