import type { ResourceEvent, ResourceView } from '../../../runtime/descriptor';
import { listAt } from './common/view';

/** Secondary statuses that mean the job did not run to the end. */
const WARNING = new Set(['Failed', 'Stopped', 'MaxRuntimeExceeded', 'MaxWaitTimeExceeded', 'Interrupted']);

interface Transition {
  readonly status: string;
  readonly startTime: string;
  readonly statusMessage?: string;
}

function transitions(view: ResourceView): Transition[] {
  return listAt(view, 'status.secondaryStatusTransitions').flatMap((t) =>
    typeof t.status === 'string' && typeof t.startTime === 'string'
      ? [{ status: t.status, startTime: t.startTime, ...(typeof t.statusMessage === 'string' ? { statusMessage: t.statusMessage } : {}) }]
      : [],
  );
}

/** A transition is its status and when it began: a spot job can go back to Training, at a new time. */
const keyOf = (t: Transition) => `${t.status}@${t.startTime}`;

/**
 * One Event per secondary-status transition not yet in the stored status: the stored list is the
 * record of what was reported, so resyncs and restarts report nothing twice (keys cover a crash
 * between the Event and the status write).
 */
export function secondaryStatusEvents(latest: ResourceView, previous: ResourceView): readonly ResourceEvent[] {
  const reported = new Set(transitions(previous).map(keyOf));
  return transitions(latest)
    .filter((t) => !reported.has(keyOf(t)))
    .map((t) => ({
      type: WARNING.has(t.status) ? 'Warning' : 'Normal',
      reason: t.status,
      message: t.statusMessage ?? `Training job is now ${t.status}`,
      key: `secondary-status/${keyOf(t)}`,
    }));
}
