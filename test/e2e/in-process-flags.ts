// The flags a controller run in this process by a test starts with: the test's AWS (moto behind the
// scenario proxy), ports of its own, the namespace(s) it watches, debug logs for timeout errors.
import type { TestAws } from '../env/aws/testing';

/** `namespace` may be a comma-separated list, as --watch-namespace takes it. */
export const inProcessFlags = (aws: TestAws, namespace: string, extra: readonly string[] = []): string[] => [
  '--aws-endpoint-url', aws.endpoint,
  '--allow-unsafe-aws-endpoint-urls',
  '--aws-region', aws.region,
  '--metrics-addr', '127.0.0.1:0',
  '--healthz-addr', '127.0.0.1:0',
  '--watch-namespace', namespace,
  '--log-level', 'debug',
  ...extra,
];

/**
 * inProcessFlags for a generated service controller. Tags are read on every resync (ACK's way), so a
 * test sees tag drift corrected on the next resync; the schedule that spares those reads is tested in
 * test/integration/tags.test.ts (a later flag in `extra` wins).
 */
export const serviceControllerFlags = (aws: TestAws, namespace: string, extra: readonly string[] = []): string[] =>
  inProcessFlags(aws, namespace, ['--reconcile-tag-resync-seconds', '0', ...extra]);
