/** Pure: merging CloudWatch streams in time order and formatting lines. */

export interface LogEvent {
  readonly stream: string;
  /** ms since the epoch, as CloudWatch stores it. */
  readonly timestamp: number;
  readonly message: string;
}

/**
 * Merges per-stream batches (each already in time order, as GetLogEvents returns them) into one list
 * in time order. Stable: equal timestamps keep the batches' order, so reruns print identically.
 */
export function mergeByTime(batches: readonly (readonly LogEvent[])[]): LogEvent[] {
  const out: LogEvent[] = [];
  const next = batches.map(() => 0);
  for (;;) {
    let pick = -1;
    for (let b = 0; b < batches.length; b++) {
      const e = (batches[b] as readonly LogEvent[])[next[b] as number];
      if (e && (pick < 0 || e.timestamp < ((batches[pick] as readonly LogEvent[])[next[pick] as number] as LogEvent).timestamp)) pick = b;
    }
    if (pick < 0) return out;
    out.push((batches[pick] as readonly LogEvent[])[next[pick] as number] as LogEvent);
    next[pick] = (next[pick] as number) + 1;
  }
}

export function lastN<T>(items: readonly T[], n: number | undefined): readonly T[] {
  if (n === undefined) return items;
  return n === 0 ? [] : items.slice(-n);
}

/**
 * Short instance names for a job's streams: `job/algo-1-1700000000` → `algo-1`. The launch-time
 * suffix is dropped only while names stay distinct (a restarted spot instance gets a second stream).
 */
export function streamLabels(streams: readonly string[], prefix: string | undefined): Map<string, string> {
  const rest = streams.map((s) => (prefix && s.startsWith(prefix) ? s.slice(prefix.length) : s));
  const short = rest.map((r) => r.replace(/-\d{9,}$/, ''));
  const distinct = new Set(short).size === short.length;
  return new Map(streams.map((s, i) => [s, (distinct ? short[i] : rest[i]) as string]));
}

export interface FormatOptions {
  readonly timestamps: boolean;
  /** Instance label per stream; no entry (one stream) means no prefix. */
  readonly labels?: ReadonlyMap<string, string>;
}

export function formatEvent(e: LogEvent, o: FormatOptions): string {
  const label = o.labels?.get(e.stream);
  const message = e.message.replace(/\r?\n$/, '');
  return `${o.timestamps ? `${new Date(e.timestamp).toISOString()} ` : ''}${label !== undefined ? `[${label}] ` : ''}${message}`;
}

/** Labels only when more than one stream is shown. */
export function labelsFor(streams: readonly string[], prefix: string | undefined): ReadonlyMap<string, string> | undefined {
  return streams.length > 1 ? streamLabels(streams, prefix) : undefined;
}
