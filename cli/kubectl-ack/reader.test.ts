import { PluginError } from './errors';
import { LogReader } from './reader';
import { LogSession } from './session';
import { awsError, fakeLogs } from './testing';

const G = '/aws/sagemaker/TrainingJobs';
const source = { logGroup: G, streamPrefix: 'xgb/' };
const noSleep = async () => {};

function setup(pageSize = 2) {
  const fake = fakeLogs(pageSize);
  const reader = new LogReader({ call: fake.call, source, region: 'eu-west-1', account: '111122223333', sleep: noSleep });
  const out: string[] = [];
  const session = (o: { tail?: number; startTime?: number; timestamps?: boolean } = {}) =>
    new LogSession(reader, { timestamps: o.timestamps ?? false, streamPrefix: 'xgb/', write: (t) => out.push(...t.split('\n').filter(Boolean)), ...o });
  return { fake, reader, out, session };
}

describe('LogReader', () => {
  it('pages through streams and events with the API tokens, only the job prefix', async () => {
    const { fake, reader } = setup(2);
    fake.put(G, 'xgb/algo-1-1', [1, 'a'], [2, 'b'], [3, 'c'], [4, 'd'], [5, 'e']);
    fake.put(G, 'xgb/algo-2-1', [1, 'x']);
    fake.put(G, 'xgb/algo-3-1');
    fake.put(G, 'other/algo-1-1', [1, 'not ours']);
    expect(await reader.streams()).toEqual(['xgb/algo-1-1', 'xgb/algo-2-1', 'xgb/algo-3-1']);
    const page = await reader.read('xgb/algo-1-1', {});
    expect(page.events.map((e) => e.message)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Stops when the API hands back the same token.
    const again = await reader.read('xgb/algo-1-1', { cursor: page.cursor });
    expect(again.events).toEqual([]);
    expect(again.cursor).toBe(page.cursor);
  });

  it('a missing log group is no streams yet', async () => {
    const { reader } = setup();
    expect(await reader.streams()).toEqual([]);
  });

  it('backs off on throttling and carries on', async () => {
    const { fake, reader } = setup();
    fake.put(G, 'xgb/algo-1-1', [1, 'a']);
    fake.fail('GetLogEvents', awsError('ThrottlingException', 'Rate exceeded'), 3);
    expect((await reader.read('xgb/algo-1-1', {})).events).toHaveLength(1);
    expect(fake.calls.filter((c) => c.operation === 'GetLogEvents').length).toBe(5);
  });

  it.each(['DescribeLogStreams', 'GetLogEvents'])('access denied on %s names the permission, account and region', async (operation) => {
    const { fake, session } = setup();
    fake.put(G, 'xgb/algo-1-1', [1, 'a']);
    fake.fail(operation, awsError('AccessDeniedException', 'User: arn:aws:iam::111122223333:user/me is not authorized'));
    const err = await session().pump().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginError);
    expect((err as Error).message).toMatch(new RegExp(`^access denied: logs:${operation} is not allowed on log (group|stream) ${G}.* in account 111122223333, region eu-west-1; grant logs:${operation} to your AWS identity`));
  });
});

describe('LogSession', () => {
  it('prints every stream merged in time order, labelled by instance', async () => {
    const { fake, out, session } = setup();
    fake.put(G, 'xgb/algo-1-1700000000', [10, 'one-a'], [30, 'one-b'], [50, 'one-c']);
    fake.put(G, 'xgb/algo-2-1700000000', [20, 'two-a'], [40, 'two-b']);
    await session().pump();
    expect(out).toEqual(['[algo-1] one-a', '[algo-2] two-a', '[algo-1] one-b', '[algo-2] two-b', '[algo-1] one-c']);
  });

  it('one stream: no label; --tail keeps the last lines overall; --timestamps', async () => {
    const { fake, out, session } = setup();
    fake.put(G, 'xgb/algo-1-1', [1000, 'a'], [2000, 'b'], [3000, 'c']);
    await session({ tail: 2, timestamps: true }).pump();
    expect(out).toEqual(['1970-01-01T00:00:02.000Z b', '1970-01-01T00:00:03.000Z c']);
  });

  it('--tail over several streams, then follows from the end', async () => {
    const { fake, out, session } = setup();
    fake.put(G, 'xgb/algo-1-1700000000', [1, 'a1'], [3, 'a3'], [5, 'a5']);
    fake.put(G, 'xgb/algo-2-1700000000', [2, 'b2'], [4, 'b4'], [6, 'b6']);
    const s = session({ tail: 3 });
    await s.pump();
    expect(out).toEqual(['[algo-2] b4', '[algo-1] a5', '[algo-2] b6']);
    fake.put(G, 'xgb/algo-1-1700000000', [7, 'a7']);
    await s.pump();
    expect(out.slice(3)).toEqual(['[algo-1] a7']);
  });

  it('--since passes startTime; later pumps print only what is new, including new streams', async () => {
    const { fake, out, session } = setup();
    fake.put(G, 'xgb/algo-1-1700000000', [100, 'old'], [200, 'new']);
    const s = session({ startTime: 150 });
    await s.pump();
    expect(out).toEqual(['new']);
    fake.put(G, 'xgb/algo-1-1700000000', [300, 'newer']);
    fake.put(G, 'xgb/algo-2-1700000000', [250, 'second instance']);
    expect(await s.pump()).toBe(2);
    expect(out.slice(1)).toEqual(['[algo-2] second instance', '[algo-1] newer']);
    expect(await s.pump()).toBe(0);
  });
});
