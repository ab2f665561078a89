import type { AwsCall } from './aws';
import { describeAwsFailure, isMissingLogResource, PluginError } from './errors';
import type { LogSource } from './kinds';
import type { LogEvent } from './merge';
import { retryThrottled, type Sleep } from './retry';

export interface ReaderContext {
  readonly call: AwsCall;
  readonly source: LogSource;
  readonly region: string;
  readonly account?: string;
  readonly sleep: Sleep;
}

export interface StreamPage {
  readonly events: LogEvent[];
  /** Where the next read of this stream continues. */
  readonly cursor: string;
}

/** CloudWatch Logs reads for one log source: paging with the API's tokens, backing off when throttled. */
export class LogReader {
  constructor(private readonly c: ReaderContext) {}

  /** The source's streams by name; none when the log group does not exist yet. */
  async streams(): Promise<string[]> {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await this.call('DescribeLogStreams', `log group ${this.c.source.logGroup}`, {
        logGroupName: this.c.source.logGroup,
        ...(this.c.source.streamPrefix ? { logStreamNamePrefix: this.c.source.streamPrefix } : {}),
        ...(nextToken ? { nextToken } : {}),
      });
      if (!out) return [];
      for (const s of (out.logStreams as { logStreamName?: string }[] | undefined) ?? []) if (s.logStreamName) names.push(s.logStreamName);
      nextToken = typeof out.nextToken === 'string' && out.nextToken ? out.nextToken : undefined;
    } while (nextToken);
    return names;
  }

  /**
   * Events of one stream after `cursor` (or from `startTime`), following forward tokens until the
   * API hands back the token it was given: that is how CloudWatch says "no more for now".
   * `last` reads only the stream's last N events first.
   */
  async read(stream: string, from: { cursor?: string; startTime?: number; last?: number }): Promise<StreamPage> {
    const events: LogEvent[] = [];
    let token = from.cursor;
    let first = true;
    for (;;) {
      const backwardsFirst = first && token === undefined && from.last !== undefined;
      const out = await this.call('GetLogEvents', `log stream ${this.c.source.logGroup}:${stream}`, {
        logGroupName: this.c.source.logGroup,
        logStreamName: stream,
        startFromHead: !backwardsFirst,
        ...(backwardsFirst ? { limit: Math.max(1, from.last as number) } : {}),
        ...(from.startTime !== undefined ? { startTime: from.startTime } : {}),
        ...(token ? { nextToken: token } : {}),
      });
      if (!out) return { events, cursor: token ?? '' };
      const page = (out.events as { timestamp?: number; message?: string }[] | undefined) ?? [];
      for (const e of page) events.push({ stream, timestamp: e.timestamp ?? 0, message: e.message ?? '' });
      const next = typeof out.nextForwardToken === 'string' ? out.nextForwardToken : undefined;
      if (!next || next === token || (backwardsFirst && page.length === 0)) return { events, cursor: next ?? token ?? '' };
      token = next;
      first = false;
    }
  }

  /** A missing group or stream is "nothing yet" (undefined); everything else becomes one line. */
  private async call(operation: string, resource: string, input: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    try {
      return await retryThrottled(() => this.c.call('logs', operation, input), { sleep: this.c.sleep });
    } catch (err) {
      if (isMissingLogResource(err)) return undefined;
      throw new PluginError(
        describeAwsFailure(err, { service: 'logs', operation, resource, region: this.c.region, ...(this.c.account ? { account: this.c.account } : {}) }),
      );
    }
  }
}
