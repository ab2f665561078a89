// Windows for negative assertions on the AWS calls a controller makes ("no second create", "an idle
// resync writes nothing"). A fixed sleep proves nothing on a loaded machine: the controller may not
// have resynced at all in it, so "nothing happened" would hold for the wrong reason, and a count of
// reads in it is a guess. These wait for the controller to be seen acting (its reads arriving) and
// hand back the window's calls, so the negative assertion rests on a window that contains resyncs.
import type { CallRecord } from '../env/aws/call-log';
import type { ProxyControl } from '../env/aws/control-client';
import { waitFor } from './wait';

/** The calls after `since`, once `enough` holds for them (polled; the error names `what`). */
export function callsOnce(
  control: ProxyControl,
  since: number,
  enough: (calls: CallRecord[]) => boolean,
  what: string,
  o: { timeoutMs?: number; logs?: string[] } = {},
): Promise<CallRecord[]> {
  return waitFor(
    async () => {
      const calls = await control.calls({ since });
      return enough(calls) ? calls : undefined;
    },
    o.timeoutMs ?? 60_000,
    what,
    () => (o.logs ? `\n--- controller log (tail) ---\n${o.logs.slice(-20).join('\n')}` : ''),
  );
}

/** The calls after `since`, once at least `n` of them match `read` (e.g. n resyncs' Describe of one resource). */
export function callsAfterReads(
  control: ProxyControl,
  since: number,
  read: (c: CallRecord) => boolean,
  n: number,
  what: string,
  o: { timeoutMs?: number; logs?: string[] } = {},
): Promise<CallRecord[]> {
  return callsOnce(control, since, (calls) => calls.filter(read).length >= n, `${n} ${what} after call #${since}`, o);
}

/** A call of `operation` (status < 300) whose resource or input names `name`; the usual `read` for callsAfterReads. */
export const readOf = (operation: string, name: string) => (c: CallRecord): boolean =>
  c.operation === operation && c.status < 300 && ((c.resource ?? '').includes(name) || JSON.stringify(c.input).includes(name));

/**
 * The resyncs wholly inside a window of one resource's operations, each starting with `first` (the
 * read every resync begins with; a resync's reads are sequential). The window's start may cut one
 * (its later calls before the first `first`) and its end one still running: both are dropped.
 */
export function wholeResyncs(ops: readonly string[], first: string): string[][] {
  const starts = ops.flatMap((o, i) => (o === first ? [i] : []));
  return starts.slice(1).map((end, k) => ops.slice(starts[k], end));
}
