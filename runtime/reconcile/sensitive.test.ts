// A @sensitive spec value that AWS echoes back in an error never reaches a log line, an Event or a condition.
import { FakeAwsError } from '../testing/fakes';
import { model } from '../testing/fixtures';
import { setup } from '../testing/harness';

const SECRET = 's3cr3t-token';
const modelObject = () => ({ apiVersion: 'x', kind: 'Model', metadata: { name: 'm', namespace: 'ns' }, spec: { modelName: 'm', executionRoleARN: 'r', apiToken: SECRET } });

function everythingVisible(t: ReturnType<typeof setup>): string {
  return JSON.stringify({ logs: t.logs, events: t.events.events, status: t.store.obj?.status });
}

describe('sensitive members', () => {
  it('are scrubbed from recoverable and terminal errors in logs, events and conditions', async () => {
    const t = setup(modelObject(), { descriptor: { ...model, terminalCodes: ['InvalidParameterValue'] } });
    t.aws.fail('CreateModel', new FakeAwsError('InternalFailure', `bad token ${SECRET}`));
    await t.run();
    t.aws.fail('CreateModel', new FakeAwsError('InvalidParameterValue', `token ${SECRET} is not valid`));
    await t.run();
    expect(t.events.reasons()).toEqual(['Recoverable', 'Terminal']);
    expect(t.logs.some((l) => l.includes('bad token ***'))).toBe(true);
    expect(everythingVisible(t)).not.toContain(SECRET);
  });

  it('are scrubbed from delete failures and hook refusals', async () => {
    const t = setup(modelObject(), { descriptor: model, hooks: { checkUpdate: (_d, desired) => ({ terminal: true, reason: 'No', message: `cannot use ${String(desired.spec.apiToken)}` }) } });
    await t.run();
    t.store.obj = { ...t.store.obj!, spec: { ...t.store.obj!.spec, executionRoleARN: 'r2' } };
    await t.run();
    expect(t.events.reasons()).toContain('Terminal');
    t.aws.fail('DeleteModel', new FakeAwsError('InternalFailure', `in use by ${SECRET}`));
    t.store.markDeleted();
    await t.run();
    expect(t.events.reasons()).toContain('DeleteFailed');
    expect(everythingVisible(t)).not.toContain(SECRET);
  });

  it('are never sent to the log with the spec: logs carry field paths only', async () => {
    const t = setup(modelObject(), { descriptor: model });
    await t.run();
    t.store.obj = { ...t.store.obj!, spec: { ...t.store.obj!.spec, apiToken: 'an0ther-secret' } };
    await t.run();
    expect(t.logs.join('\n')).not.toMatch(/s3cr3t-token|an0ther-secret/);
  });
});
