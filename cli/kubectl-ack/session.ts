import { formatEvent, labelsFor, lastN, mergeByTime, type LogEvent } from './merge';
import type { LogReader } from './reader';

export interface SessionOptions {
  readonly timestamps: boolean;
  readonly tail?: number;
  /** Epoch ms: nothing older. */
  readonly startTime?: number;
  readonly streamPrefix?: string;
  readonly write: (text: string) => void;
}

/**
 * What has been printed of a log source: each stream's cursor. Every read prints the new events of
 * all streams merged by time; a stream that appears later is read from its start.
 */
export class LogSession {
  private readonly cursors = new Map<string, string>();
  private streams: string[] = [];
  private first = true;

  constructor(
    private readonly reader: LogReader,
    private readonly o: SessionOptions,
  ) {}

  get streamCount(): number {
    return this.streams.length;
  }

  /** Reads and prints what is new; returns how many events were printed. */
  async pump(): Promise<number> {
    this.streams = await this.reader.streams();
    const batches: LogEvent[][] = [];
    for (const stream of this.streams) {
      const cursor = this.cursors.get(stream);
      const page = await this.reader.read(stream, {
        ...(cursor !== undefined ? { cursor } : {}),
        ...(this.o.startTime !== undefined ? { startTime: this.o.startTime } : {}),
        ...(this.first && this.o.tail !== undefined ? { last: this.o.tail } : {}),
      });
      this.cursors.set(stream, page.cursor);
      batches.push(page.events);
    }
    let merged: readonly LogEvent[] = mergeByTime(batches);
    if (this.first) merged = lastN(merged, this.o.tail);
    if (this.streams.length) this.first = false;
    const labels = labelsFor(this.streams, this.o.streamPrefix);
    if (merged.length) this.o.write(merged.map((e) => `${formatEvent(e, { timestamps: this.o.timestamps, ...(labels ? { labels } : {}) })}\n`).join(''));
    return merged.length;
  }
}
