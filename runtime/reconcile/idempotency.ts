import { createHash } from 'node:crypto';

/**
 * Idempotency tokens for creates. AWS treats calls with the same token as one request, so a create
 * retried after a timeout (the first call may have succeeded) cannot make a second resource. The
 * token is derived from the object's uid and its create attempt: the same on every retry of one
 * attempt, across reconciles and restarts, with nothing stored on the happy path. An attempt ends
 * when AWS rejects the create or a created resource is later found gone; the next attempt number is
 * stored (annotation) before the call that uses it.
 */
export const CREATE_ATTEMPT_ANNOTATION = 'ack-ts.services.k8s.aws/create-attempt';

/** The current attempt: 1 until an attempt has ended; a malformed value counts as 1. */
export function createAttempt(annotations: Readonly<Record<string, string>>): number {
  const v = Number(annotations[CREATE_ATTEMPT_ANNOTATION]);
  return Number.isSafeInteger(v) && v >= 1 ? v : 1;
}

/**
 * The token for one attempt, UUID-shaped (8-4-4-4-12 hex, version 8: derived): the form the SDKs
 * generate, so it fits every AWS token member's length (1–128, min 32 for SageMaker) and pattern.
 */
export function createToken(uid: string, attempt: number): string {
  const h = createHash('sha256').update(`${uid}\0create\0${attempt}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
