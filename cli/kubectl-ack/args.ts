import { findLogKind, kindNames, type LogKind } from './kinds';

/** Pure parsing of the plugin's command line. */

export interface LogsArgs {
  readonly command: 'logs';
  readonly kind: LogKind;
  readonly name: string;
  readonly namespace?: string;
  readonly follow: boolean;
  /** Only events newer than this many ms before now. */
  readonly sinceMs?: number;
  /** Only the last N events (per the merged output). */
  readonly tail?: number;
  readonly timestamps: boolean;
  /** Tuning jobs: whose logs, instead of the best training job's. */
  readonly trainingJob?: string;
}

export type ParsedArgs = LogsArgs | { readonly command: 'help' };

/** A command-line mistake: exit 2 with this one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: kubectl ack logs KIND/NAME [-n NAMESPACE] [--follow] [--since 10m] [--tail N] [--timestamps]

KIND is trainingjob, processingjob, transformjob, hyperparametertuningjob or endpoint.
  -n, --namespace NS    namespace of the resource (default: the kubeconfig context's, else default)
  -f, --follow          keep streaming until the job ends; exit 0 if it Completed, 1 if it Failed or Stopped (default: false)
      --since DURATION  only logs newer than this, e.g. 30s, 10m, 2h, 1h30m (default: all)
      --tail N          only the last N lines (default: all)
      --timestamps      prefix each line with its CloudWatch timestamp (default: false)
      --training-job N  tuning jobs: the logs of training job N (default: the best training job)
  -h, --help            this text

Environment: KUBECONFIG (relative to the current directory), AWS_REGION or AWS_DEFAULT_REGION (the region when
neither the resource nor its namespace names one), AWS credentials from the SDK's default chain, ACK_SYSTEM_NAMESPACE (where the
CARM ConfigMap lives; default: ack-system).`;

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "10m", "1h30m", "45s", "2d" → milliseconds. */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
    matched = re.lastIndex;
  }
  if (!text || matched !== text.length) throw new UsageError(`invalid duration "${text}": use e.g. 30s, 10m, 2h or 1h30m`);
  return total;
}

const VALUE_FLAGS = new Set(['-n', '--namespace', '--since', '--tail', '--training-job']);
const BOOL_FLAGS = new Set(['-f', '--follow', '--timestamps']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') return { command: 'help' };
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      values.set(canonicalFlag(flag), value);
    } else if (BOOL_FLAGS.has(flag)) {
      if (eq > 0) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new UsageError(`${flag} takes true or false, not "${v}"`);
        if (v === 'true') bools.add(canonicalFlag(flag));
      } else bools.add(canonicalFlag(flag));
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown flag ${flag}; see kubectl ack --help`);
    } else positional.push(arg);
  }

  const [command, target, maybeName, ...rest] = positional;
  if (command === undefined || command === 'help') return { command: 'help' };
  if (command !== 'logs') throw new UsageError(`unknown command "${command}": the plugin has one command, logs`);
  if (target === undefined) throw new UsageError('logs needs a resource, e.g. trainingjob/my-job');
  const slash = target.indexOf('/');
  const typed = slash >= 0 ? target.slice(0, slash) : target;
  const name = slash >= 0 ? target.slice(slash + 1) : maybeName;
  const extra = slash >= 0 ? [maybeName, ...rest].filter((x) => x !== undefined) : rest;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const kind = findLogKind(typed);
  if (!kind) throw new UsageError(`unknown kind "${typed}": expected ${kindNames()}`);
  if (!name) throw new UsageError(`logs needs a name: ${kind.singular}/NAME`);

  const tailText = values.get('--tail');
  let tail: number | undefined;
  if (tailText !== undefined) {
    if (!/^-?\d+$/.test(tailText)) throw new UsageError(`--tail must be a whole number, not "${tailText}"`);
    // kubectl's convention: -1 means everything.
    tail = Number(tailText) < 0 ? undefined : Number(tailText);
  }
  const sinceText = values.get('--since');
  const trainingJob = values.get('--training-job');
  if (trainingJob !== undefined && kind.kind !== 'HyperParameterTuningJob') {
    throw new UsageError('--training-job applies to hyperparametertuningjob only');
  }
  const namespace = values.get('--namespace');
  return {
    command: 'logs',
    kind,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    follow: bools.has('--follow'),
    ...(sinceText !== undefined ? { sinceMs: parseDuration(sinceText) } : {}),
    ...(tail !== undefined ? { tail } : {}),
    timestamps: bools.has('--timestamps'),
    ...(trainingJob !== undefined ? { trainingJob } : {}),
  };
}

function canonicalFlag(flag: string): string {
  return flag === '-n' ? '--namespace' : flag === '-f' ? '--follow' : flag;
}
