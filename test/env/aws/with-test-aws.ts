// The beforeAll/afterAll of a test file that drives the AWS half without a controller: start it and
// the test's SDK client(s); after each test undo what it set (holds, faults); afterwards
// destroy the client and stop.
import { startTestAws, type TestAws } from "./testing";

export interface TestAwsFixture<C> {
  readonly aws: TestAws;
  readonly client: C;
}

export function withTestAws<C = undefined>(o: {
  readonly client?: (aws: TestAws) => C;
  /** AWS state every test of the file reads (e.g. a model the faults are injected on). */
  readonly before?: (aws: TestAws, client: C) => Promise<void>;
  readonly afterEach?: (aws: TestAws) => Promise<void>;
} = {}): TestAwsFixture<C> {
  const f = {} as { aws: TestAws; client: C };
  beforeAll(async () => {
    f.aws = await startTestAws();
    f.client = o.client ? o.client(f.aws) : (undefined as C);
    await o.before?.(f.aws, f.client);
  });
  if (o.afterEach) afterEach(() => o.afterEach!(f.aws));
  afterAll(async () => {
    for (const c of [f.client].flat() as ({ destroy?: () => void } | undefined)[]) c?.destroy?.();
    await f.aws?.stop();
  });
  return f;
}
