// The SDK client as the controller builds it, against a local HTTP server that answers slowly:
// the timeout is enforced (not just logged), and shutdown refuses new calls and cuts off the rest.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sdk from '@aws-sdk/client-sagemaker';
import { CallRefused } from '../reconcile/ports';
import { AwsClientCache } from './sdk-clients';

let server: Server;
let endpoint: string;
/** Requests the server has seen, and how each ended. */
const seen: { answered: boolean; closedEarly: boolean }[] = [];
let delayMs = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const entry = { answered: false, closedEarly: false };
    seen.push(entry);
    req.resume();
    const t = setTimeout(() => {
      entry.answered = true;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end('{"Models":[]}');
    }, delayMs);
    res.on('close', () => {
      if (!entry.answered) entry.closedEarly = true;
      clearTimeout(t);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  seen.length = 0;
});

function cache(httpTimeoutMs: number): AwsClientCache {
  return new AwsClientCache({
    service: 'sagemaker',
    binding: { package: '@aws-sdk/client-sagemaker', client: 'SageMakerClient' },
    sdk,
    endpoint,
    httpTimeoutMs,
    credentialsFor: () => async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
  });
}

/** Polls (a loaded machine may take a while to deliver the request); jest's timeout bounds it. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
}

describe('AWS clients', () => {
  it('--http-client-timeout cuts off a slow answer: TimeoutError, and the connection is closed before the answer', async () => {
    delayMs = 3_000;
    const aws = cache(200);
    await expect(aws.call('us-west-2', 'arn:role', 'READ_MANY', 'ListModels', {})).rejects.toMatchObject({ name: 'TimeoutError' });
    aws.destroy();
    await new Promise((r) => setTimeout(r, 100)); // the server sees the last close a moment later
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.closedEarly && !s.answered)).toBe(true);
  });

  it('an answer within the timeout goes through', async () => {
    delayMs = 0;
    const aws = cache(2_000);
    await expect(aws.call('us-west-2', 'arn:role', 'READ_MANY', 'ListModels', {})).resolves.toEqual({ Models: [] });
    aws.destroy();
  });

  it('after refuseNewCalls nothing is sent; abortInFlight cuts off a call already sent', async () => {
    delayMs = 5_000;
    const aws = cache(60_000);
    const inFlight = aws.call('us-west-2', 'arn:role', 'READ_MANY', 'ListModels', {});
    await until(() => seen.length === 1);
    aws.refuseNewCalls();
    await expect(aws.call('us-west-2', 'arn:role', 'READ_MANY', 'ListModels', {})).rejects.toBeInstanceOf(CallRefused);
    expect(seen).toHaveLength(1);
    aws.abortInFlight();
    await expect(inFlight).rejects.toBeInstanceOf(CallRefused);
    aws.destroy();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.answered).toBe(false);
  });
});
