import type { ResourceHooks, ResourceView, SdkObject } from '../../../runtime/descriptor';

/** ACK's annotation: the waiting period, in days, before AWS deletes a Key whose CR was deleted. */
export const PENDING_WINDOW_ANNOTATION = 'kms.services.k8s.aws/pending-window-in-days';
/** ACK's default (kms-controller DefaultDeletePendingWindowInDays). */
export const DEFAULT_PENDING_WINDOW_DAYS = 7;

/** The pending window the annotation asks for, or ACK's default when it is absent or not a number. */
export function pendingWindowInDays(annotations: Readonly<Record<string, string>>): number {
  const raw = annotations[PENDING_WINDOW_ANNOTATION];
  const n = raw === undefined ? NaN : Number.parseInt(raw, 10);
  return Number.isInteger(n) ? n : DEFAULT_PENDING_WINDOW_DAYS;
}

export const key: ResourceHooks = {
  /** Deleting a Key schedules its deletion (ScheduleKeyDeletion) after the annotated window. */
  deleteInput(input: SdkObject, latest: ResourceView): SdkObject {
    return { ...input, PendingWindowInDays: pendingWindowInDays(latest.annotations) };
  },
};
