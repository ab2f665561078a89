import { parseArgs, parseDuration, UsageError, type LogsArgs } from './args';

const logs = (...argv: string[]) => parseArgs(argv) as LogsArgs;

describe('parseArgs', () => {
  it('reads KIND/NAME with every flag', () => {
    const a = logs('logs', 'trainingjob/xgb', '-n', 'ml', '--follow', '--since', '10m', '--tail', '20', '--timestamps');
    expect(a).toMatchObject({ command: 'logs', name: 'xgb', namespace: 'ml', follow: true, sinceMs: 600_000, tail: 20, timestamps: true });
    expect(a.kind.kind).toBe('TrainingJob');
  });

  it('accepts KIND NAME, --flag=value, -f, plurals, the full resource name and short names', () => {
    expect(logs('logs', 'processingjobs', 'p', '--namespace=x', '-f')).toMatchObject({ name: 'p', namespace: 'x', follow: true });
    expect(logs('logs', 'TransformJob.sagemaker.services.k8s.aws/t').kind.kind).toBe('TransformJob');
    expect(logs('logs', 'hpo/h', '--training-job', 'h-001').trainingJob).toBe('h-001');
    expect(logs('logs', 'endpoint/e', '--follow=false').follow).toBe(false);
  });

  it('defaults: no follow, no timestamps, everything', () => {
    const a = logs('logs', 'endpoint/e');
    expect(a).toMatchObject({ follow: false, timestamps: false });
    expect(a.tail).toBeUndefined();
    expect(a.sinceMs).toBeUndefined();
    expect(logs('logs', 'endpoint/e', '--tail', '-1').tail).toBeUndefined();
  });

  it('help', () => {
    expect(parseArgs([])).toEqual({ command: 'help' });
    expect(parseArgs(['logs', '--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [['logs', 'pod/x'], 'unknown kind "pod": expected trainingjob, processingjob, transformjob, hyperparametertuningjob or endpoint'],
    [['get', 'trainingjob/x'], 'unknown command "get": the plugin has one command, logs'],
    [['logs'], 'logs needs a resource, e.g. trainingjob/my-job'],
    [['logs', 'trainingjob'], 'logs needs a name: trainingjob/NAME'],
    [['logs', 'trainingjob/x', 'y'], 'unexpected argument "y"'],
    [['logs', 'trainingjob/x', '--tail', 'ten'], '--tail must be a whole number, not "ten"'],
    [['logs', 'trainingjob/x', '--since', '10 minutes'], 'invalid duration "10 minutes": use e.g. 30s, 10m, 2h or 1h30m'],
    [['logs', 'trainingjob/x', '-n'], '-n needs a value'],
    [['logs', 'trainingjob/x', '--bogus'], 'unknown flag --bogus; see kubectl ack --help'],
    [['logs', 'trainingjob/x', '--training-job', 'y'], '--training-job applies to hyperparametertuningjob only'],
  ])('%j → usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
});

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '10', 'm', '5x', '1h 30m'])('rejects %j', (text) => expect(() => parseDuration(text)).toThrow(UsageError));
});
