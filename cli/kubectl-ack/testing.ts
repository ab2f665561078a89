/** Test helpers: an in-memory CloudWatch Logs behind the plugin's AwsCall, with AWS's paging rules. */
import type { AwsCall } from './aws';

export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

export interface FakeLogs {
  readonly call: AwsCall;
  readonly calls: { operation: string; input: Record<string, unknown> }[];
  put(group: string, stream: string, ...events: [number, string][]): void;
  /** The next calls of `operation` fail with this error. */
  fail(operation: string, err: Error, times?: number): void;
  state: string;
}

/** Pages of `pageSize` events; a forward token is the index after the last event returned. */
export function fakeLogs(pageSize = 2): FakeLogs {
  const groups = new Map<string, Map<string, { timestamp: number; message: string }[]>>();
  const failures: { operation: string; err: Error; times: number }[] = [];
  const calls: FakeLogs['calls'] = [];
  const fake: FakeLogs = {
    calls,
    state: 'InProgress',
    put(group, stream, ...events) {
      const g = groups.get(group) ?? new Map();
      groups.set(group, g);
      g.set(stream, [...(g.get(stream) ?? []), ...events.map(([timestamp, message]) => ({ timestamp, message }))]);
    },
    fail(operation, err, times = 1) {
      failures.push({ operation, err, times });
    },
    call: async (_service, operation, input) => {
      calls.push({ operation, input });
      const f = failures.find((x) => x.operation === operation && x.times > 0);
      if (f) {
        f.times--;
        throw f.err;
      }
      if (operation === 'DescribeTrainingJob') return { TrainingJobStatus: fake.state };
      const group = groups.get(String(input.logGroupName));
      if (!group) throw awsError('ResourceNotFoundException', 'The specified log group does not exist.');
      if (operation === 'DescribeLogStreams') {
        const names = [...group.keys()].filter((n) => n.startsWith(String(input.logStreamNamePrefix ?? ''))).sort();
        const start = Number(input.nextToken ?? 0);
        const page = names.slice(start, start + pageSize);
        return { logStreams: page.map((logStreamName) => ({ logStreamName })), ...(start + pageSize < names.length ? { nextToken: String(start + pageSize) } : {}) };
      }
      if (operation === 'GetLogEvents') {
        const events = (group.get(String(input.logStreamName)) ?? []).filter((e) => input.startTime === undefined || e.timestamp >= Number(input.startTime));
        const token = input.nextToken as string | undefined;
        let start = token ? Number(token.slice(2)) : 0;
        let end = Math.min(events.length, start + pageSize);
        if (!token && input.startFromHead === false) {
          end = events.length;
          start = Math.max(0, end - Number(input.limit ?? pageSize));
        }
        return { events: events.slice(start, end), nextForwardToken: `f/${end}` };
      }
      throw new Error(`fake logs: ${operation} not served`);
    },
  };
  return fake;
}
