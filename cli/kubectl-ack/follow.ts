import type { Outcome } from './kinds';
import type { LogSession } from './session';
import type { Sleep } from './retry';

export interface JobState {
  readonly status: string | undefined;
  readonly outcome?: Outcome;
}

export interface FollowDeps {
  readonly session: LogSession;
  /** The AWS state of the job now. */
  readonly state: () => Promise<JobState>;
  readonly sleep: Sleep;
  readonly pollMs: number;
  /** One line to stderr. */
  readonly note: (line: string) => void;
  /** "training job xgb (log group /aws/sagemaker/TrainingJobs, region us-west-2)". */
  readonly describe: string;
}

/**
 * Streams until the job reaches a final state, then reads once more (the last lines land after the
 * state changes) and returns the outcome. Waits, saying so once, while no stream exists.
 */
export async function follow(d: FollowDeps): Promise<{ status: string | undefined; outcome: Outcome }> {
  let waitingSaid = false;
  for (;;) {
    const state = await d.state();
    await d.session.pump();
    if (state.outcome) {
      await d.session.pump();
      return { status: state.status, outcome: state.outcome };
    }
    if (d.session.streamCount === 0 && !waitingSaid) {
      d.note(`waiting for the ${d.describe} to write logs (status ${state.status ?? 'unknown'})…`);
      waitingSaid = true;
    }
    await d.sleep(d.pollMs);
  }
}
