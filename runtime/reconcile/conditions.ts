/** ACK's condition types, and the pure derivation of a resource's condition list from one reconcile. */

export const CONDITION = {
  synced: 'ACK.ResourceSynced',
  terminal: 'ACK.Terminal',
  recoverable: 'ACK.Recoverable',
  referencesResolved: 'ACK.ReferencesResolved',
  lateInitialized: 'ACK.LateInitialized',
  advisory: 'ACK.Advisory',
  iamRoleSelected: 'ACK.IAMRoleSelected',
  ready: 'Ready',
} as const;

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly lastTransitionTime?: string;
  readonly reason?: string;
  readonly message?: string;
  /** On ACK.Terminal: the generation judged terminal (no AWS call until the spec changes). */
  readonly observedGeneration?: number;
}

export interface ConditionValue {
  readonly status: ConditionStatus;
  readonly reason?: string;
  readonly message?: string;
}

/** What one reconcile learned; every sync rebuilds the list from this, as ACK resets conditions. */
export interface ConditionInput {
  readonly synced: ConditionValue;
  /** `keepsSynced`: the AWS resource failed (ACK's SetTerminalState); ResourceSynced stays as `synced` says. */
  /**
   * `keepsSynced`: the AWS resource failed (ACK's SetTerminalState); ResourceSynced stays as `synced` says.
   * `observedGeneration`: the spec generation judged; absent when an annotation, not the spec, is at fault.
   */
  readonly terminal?: { readonly reason: string; readonly message: string; readonly keepsSynced?: boolean; readonly observedGeneration?: number };
  readonly recoverable?: { readonly reason: string; readonly message: string };
  readonly lateInitialized?: ConditionValue;
  readonly referencesResolved?: ConditionValue;
  readonly advisories?: readonly { readonly reason: string; readonly message: string }[];
  /** An IAMRoleSelector chose the role (ACK sets it True, reason Selected, on every sync). */
  readonly iamRoleSelected?: ConditionValue;
}

export const SYNCED_TRUE: ConditionValue = { status: 'True', reason: 'Synced', message: 'Resource synced successfully' };
export const SYNCED_FALSE: ConditionValue = { status: 'False', reason: 'NotSynced', message: 'Resource not synced' };

export function deriveConditions(input: ConditionInput, previous: readonly Condition[], now: string): Condition[] {
  const list: Omit<Condition, 'lastTransitionTime'>[] = [];
  if (input.terminal) {
    const { reason, message, observedGeneration } = input.terminal;
    list.push({ type: CONDITION.terminal, status: 'True', reason, message, ...(observedGeneration !== undefined ? { observedGeneration } : {}) });
  }
  if (input.recoverable) list.push({ type: CONDITION.recoverable, status: 'True', ...input.recoverable });
  if (input.referencesResolved) list.push({ type: CONDITION.referencesResolved, ...input.referencesResolved });
  if (input.lateInitialized) list.push({ type: CONDITION.lateInitialized, ...input.lateInitialized });
  for (const a of input.advisories ?? []) list.push({ type: CONDITION.advisory, status: 'True', ...a });
  if (input.iamRoleSelected) list.push({ type: CONDITION.iamRoleSelected, ...input.iamRoleSelected });
  const synced = input.terminal && !input.terminal.keepsSynced
    ? { status: 'False' as const, reason: 'Terminal', message: 'Resource not synced: resource is in terminal condition' }
    : input.synced;
  list.push({ type: CONDITION.synced, ...synced });
  // Ready, as ACK derives it (#210): terminal, then recoverable, then a copy of ResourceSynced.
  const ready = input.terminal
    ? { status: 'False' as const, reason: CONDITION.terminal, message: input.terminal.message }
    : input.recoverable
      ? { status: 'False' as const, reason: CONDITION.recoverable, message: input.recoverable.message }
      : synced;
  list.push({ type: CONDITION.ready, ...ready });
  return list.map((c) => {
    const prev = previous.find((p) => p.type === c.type && (c.type !== CONDITION.advisory || p.reason === c.reason));
    const lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    return stripUndefined({ ...c, lastTransitionTime });
  });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** Conditions whose status, reason or message changed: the transitions worth an Event. */
export function changedConditions(before: readonly Condition[], after: readonly Condition[]): Condition[] {
  return after.filter((c) => {
    const b = before.find((p) => p.type === c.type && p.reason === c.reason);
    return !b || b.status !== c.status || b.message !== c.message;
  });
}

/**
 * The stored ACK.Terminal, when it judged this very generation: the spec has not changed since, so
 * the verdict stands and AWS need not be asked again (label and annotation edits do not count).
 */
export function terminalFor(conditions: readonly Condition[], generation: number): Condition | undefined {
  const t = findCondition(conditions, CONDITION.terminal);
  return t?.status === 'True' && t.observedGeneration === generation ? t : undefined;
}
