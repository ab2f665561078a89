import type { CallRecord } from '../env/aws/call-log';

/**
 * What an idle resync costs, per kind, from the scenario proxy's recording of a window of idle
 * resyncs. Each resync of a resource makes exactly one call of its kind's read operation
 * (DescribeTrainingJob), so those calls count the resyncs; every other call on the kind's
 * resources (a tag list keyed by ARN included) is charged to them. Counting this way does not
 * depend on how many resyncs a loaded machine fits in the window.
 */
export interface BenchKind {
  readonly kind: string;
  /** The read operation, one call per resync. */
  readonly readOp: string;
  /** Every bench resource of the kind has a name starting with this; the recorded resource (name or ARN) contains it. */
  readonly namePrefix: string;
}

export interface IdleCost {
  readonly kind: string;
  /** Calls of the read operation in the window: the number of resyncs seen. */
  readonly resyncs: number;
  readonly readsPerResync: number;
  readonly writesPerResync: number;
  /** Calls per resync by operation, e.g. { DescribeTrainingJob: 1 }. */
  readonly perOperation: Readonly<Record<string, number>>;
}

const isRead = (operation: string) => /^(Describe|List|Get|Head)/.test(operation);

export function idleCost(calls: readonly CallRecord[], kinds: readonly BenchKind[]): IdleCost[] {
  return kinds.map((k) => {
    const mine = calls.filter((c) => c.resource?.includes(k.namePrefix));
    const resyncs = mine.filter((c) => c.operation === k.readOp).length;
    const per = (n: number) => (resyncs ? n / resyncs : n === 0 ? 0 : Infinity);
    const byOp: Record<string, number> = {};
    for (const c of mine) byOp[c.operation] = (byOp[c.operation] ?? 0) + 1;
    return {
      kind: k.kind,
      resyncs,
      readsPerResync: per(mine.filter((c) => isRead(c.operation)).length),
      writesPerResync: per(mine.filter((c) => !isRead(c.operation)).length),
      perOperation: Object.fromEntries(Object.entries(byOp).map(([op, n]) => [op, per(n)])),
    };
  });
}

export function formatIdleCost(c: IdleCost): string {
  const ops = Object.entries(c.perOperation).map(([op, n]) => `${op} ${n.toFixed(2)}`).join(', ') || 'none';
  return `${c.kind}: ${c.resyncs} resyncs seen; per resync ${c.readsPerResync.toFixed(2)} reads (${ops}), ${c.writesPerResync.toFixed(2)} writes`;
}
