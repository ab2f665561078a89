import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Every call listens to the one shutdown signal while it runs; with more than 10 in flight Node
// reported a listener leak (MaxListenersExceededWarning) in every busy controller's log.
it('20 AWS calls in flight at once print no listener-leak warning', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'testdata/concurrent-calls.ts')], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    timeout: 60_000,
  });
  expect(r.stdout).toContain('20 calls done');
  expect(r.stderr).not.toContain('MaxListenersExceededWarning');
  expect(r.status).toBe(0);
}, 70_000);
