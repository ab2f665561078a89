// The per-process cache of assumed roles, on a fake STS and a fake clock; then with real SDK clients
// (two regions, as two kinds would sign) against a local HTTP server that shows who signed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sdk from '@aws-sdk/client-sagemaker';
import { RoleAssumptionError, RoleCredentials, type AssumeRole } from './role-credentials';
import { AwsClientCache } from './sdk-clients';

const ROLE_A = 'arn:aws:iam::111111111111:role/a';
const ROLE_B = 'arn:aws:iam::222222222222:role/b';
const HOUR = 3600_000;

function fakeSts(clock: { now: number }, lifetimeMs = HOUR) {
  const calls: string[] = [];
  let fail: Error | undefined;
  const assume: AssumeRole = async (roleArn) => {
    const n = calls.push(roleArn);
    await Promise.resolve();
    if (fail) throw fail;
    return { accessKeyId: `ASIA${n}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(clock.now + lifetimeMs) };
  };
  return { assume, calls, failWith: (e: Error | undefined) => (fail = e) };
}

describe('RoleCredentials', () => {
  it('assumes a role once and serves its keys until shortly before they expire', async () => {
    const clock = { now: 1_000_000 };
    const sts = fakeSts(clock);
    const roles = new RoleCredentials({ assume: sts.assume, now: () => clock.now, refreshBeforeMs: 5 * 60_000 });
    const first = await roles.get(ROLE_A);
    clock.now += HOUR - 5 * 60_000 - 1; // still more than 5 minutes left
    expect(await roles.get(ROLE_A)).toBe(first);
    expect(sts.calls).toEqual([ROLE_A]);
    clock.now += 1; // 5 minutes left: refresh
    const second = await roles.get(ROLE_A);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(sts.calls).toEqual([ROLE_A, ROLE_A]);
  });

  it('every provider of one role shares the entry; another role is assumed on its own', async () => {
    const clock = { now: 0 };
    const sts = fakeSts(clock);
    const roles = new RoleCredentials({ assume: sts.assume, now: () => clock.now });
    const p1 = roles.provider(ROLE_A);
    const p2 = roles.provider(ROLE_A);
    const [a1, a2, b] = await Promise.all([p1(), p2(), roles.provider(ROLE_B)()]);
    expect(a1).toBe(a2);
    expect(b.accessKeyId).not.toBe(a1.accessKeyId);
    expect(sts.calls.sort()).toEqual([ROLE_A, ROLE_B]);
  });

  it('concurrent callers of a stale role wait on one AssumeRole', async () => {
    const clock = { now: 0 };
    const sts = fakeSts(clock);
    const roles = new RoleCredentials({ assume: sts.assume, now: () => clock.now });
    const all = await Promise.all(Array.from({ length: 10 }, () => roles.get(ROLE_A)));
    expect(new Set(all.map((c) => c.accessKeyId)).size).toBe(1);
    expect(sts.calls).toHaveLength(1);
  });

  it('a failure names the role, is not cached, and the next call tries again', async () => {
    const clock = { now: 0 };
    const sts = fakeSts(clock);
    const roles = new RoleCredentials({ assume: sts.assume, now: () => clock.now });
    sts.failWith(Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }));
    const err = await roles.get(ROLE_A).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoleAssumptionError);
    expect((err as Error).message).toBe(`cannot assume role ${ROLE_A}: AccessDenied: User is not authorized to perform: sts:AssumeRole`);
    sts.failWith(undefined);
    expect((await roles.get(ROLE_A)).accessKeyId).toBe('ASIA2');
    expect(sts.calls).toEqual([ROLE_A, ROLE_A]);
  });

  it('keys without an expiry are kept 15 minutes', async () => {
    const clock = { now: 0 };
    let n = 0;
    const roles = new RoleCredentials({ assume: async () => ({ accessKeyId: `K${++n}`, secretAccessKey: 's' }), now: () => clock.now });
    await roles.get(ROLE_A);
    clock.now += 15 * 60_000 - 1;
    expect((await roles.get(ROLE_A)).accessKeyId).toBe('K1');
    clock.now += 1;
    expect((await roles.get(ROLE_A)).accessKeyId).toBe('K2');
  });
});

describe('RoleCredentials with real SDK clients', () => {
  let server: Server;
  let endpoint: string;
  const signers: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      signers.push(/Credential=([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '');
      req.resume();
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end('{"Models":[]}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('two SDK clients of one role (two regions) cause one AssumeRole and sign with its keys', async () => {
    const clock = { now: Date.now() };
    const sts = fakeSts(clock);
    const roles = new RoleCredentials({ assume: sts.assume, now: () => clock.now });
    const aws = new AwsClientCache({
      service: 'sagemaker',
      binding: { package: '@aws-sdk/client-sagemaker', client: 'SageMakerClient' },
      sdk,
      endpoint,
      credentialsFor: (role) => roles.provider(role),
    });
    try {
      await aws.call('us-east-1', ROLE_A, 'READ_MANY', 'ListModels', {});
      await aws.call('eu-west-1', ROLE_A, 'READ_MANY', 'ListModels', {});
      expect(aws.size).toBe(2);
      expect(sts.calls).toEqual([ROLE_A]);
      expect(signers).toEqual(['ASIA1', 'ASIA1']);
    } finally {
      aws.destroy();
    }
  });
});
