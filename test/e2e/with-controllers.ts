// The setup and teardown every controller integration test file repeats, registered once: install
// the CRDs, create the namespace, start the AWS half (and SDK clients), start the controllers;
// afterwards stop them, destroy the clients, stop AWS and delete the namespace.
import type { ServiceDescriptor, ServiceHooks } from '../../runtime/descriptor';
import { startTestAws, type TestAws } from '../env/aws/testing';
import { kubectl } from '../env/context';
import { installServiceCrds, startServiceController, type ServiceRun } from './service-controller';

/** What a test file gets; the fields are set once its beforeAll has run. */
export interface ControllersFixture<R, C> {
  readonly ns: string;
  readonly aws: TestAws;
  /** The running controllers. */
  readonly c: R;
  /** The SDK client(s) the test reads AWS with (`client` option), else undefined. */
  readonly client: C;
}

export interface ControllersOptions<R extends { stop(): Promise<void> }, C> {
  /** The namespace the controllers watch; created before and deleted after. */
  readonly ns: string;
  /** More namespaces the file uses (a cross-namespace target, a second controller's), created and deleted with `ns`. */
  readonly namespaces?: readonly string[];
  /** Installs the CRDs (installServiceCrds, installCrds). */
  readonly crds: () => void;
  /** SDK clients for the test's own AWS reads (one, a tuple or a record of them); destroyed after. */
  readonly client?: (aws: TestAws) => C;
  /** AWS state the controllers should find when they start (e.g. managed policies to attach). */
  readonly before?: (aws: TestAws, client: C) => Promise<void>;
  readonly start: (aws: TestAws, ns: string) => Promise<R>;
  /** Runs first in afterAll, before the controllers stop (e.g. clearing faults and holds a test left). */
  readonly after?: (aws: TestAws) => Promise<void>;
  readonly timeoutMs?: number;
}

type Destroyable = { destroy(): void };
const isDestroyable = (x: unknown): x is Destroyable => typeof x === 'object' && x !== null && typeof (x as Partial<Destroyable>).destroy === 'function';
/** The SDK clients of the `client` option: one, a tuple, or a record of them. */
const clientsOf = (c: unknown): unknown[] =>
  Array.isArray(c) ? c : isDestroyable(c) || typeof c !== 'object' || c === null ? [c] : Object.values(c);

/** Registers the beforeAll/afterAll of a controller integration test file; returns what it set up. */
export function withControllers<R extends { stop(): Promise<void> }, C = undefined>(o: ControllersOptions<R, C>): ControllersFixture<R, C> {
  const f = { ns: o.ns } as { ns: string; aws: TestAws; c: R; client: C };
  const namespaces = [o.ns, ...(o.namespaces ?? [])];
  beforeAll(async () => {
    o.crds();
    for (const ns of namespaces) kubectl(['create', 'namespace', ns]);
    f.aws = await startTestAws();
    f.client = o.client ? o.client(f.aws) : (undefined as C);
    await o.before?.(f.aws, f.client);
    f.c = await o.start(f.aws, o.ns);
  }, o.timeoutMs ?? 120_000);
  afterAll(async () => {
    if (f.aws) await o.after?.(f.aws);
    await f.c?.stop();
    for (const x of clientsOf(f.client)) if (isDestroyable(x)) x.destroy();
    await f.aws?.stop();
    kubectl(['delete', 'namespace', ...namespaces, '--wait=false']);
  });
  return f;
}

/** withControllers for one generated service controller run in this process (generated/<service>). */
export function withServiceController<C = undefined>(o: {
  readonly service: string;
  readonly descriptor: ServiceDescriptor;
  readonly hooks?: ServiceHooks;
  readonly ns: string;
  readonly namespaces?: readonly string[];
  readonly flags?: readonly string[];
  readonly client?: (aws: TestAws) => C;
  readonly before?: (aws: TestAws, client: C) => Promise<void>;
}): ControllersFixture<ServiceRun, C> {
  return withControllers<ServiceRun, C>({
    ns: o.ns,
    ...(o.namespaces ? { namespaces: o.namespaces } : {}),
    crds: () => installServiceCrds(o.service),
    ...(o.client ? { client: o.client } : {}),
    ...(o.before ? { before: o.before } : {}),
    start: (aws, ns) => startServiceController(o.descriptor, o.hooks, aws, ns, o.flags ?? ['--reconcile-default-resync-seconds', '2']),
  });
}
