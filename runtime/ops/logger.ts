import type { LogLevel } from './flags';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  with(fields: Record<string, unknown>): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** One JSON object per line (or a readable line in development mode). */
export function createLogger(
  level: LogLevel,
  opts: { development?: boolean; write?: (line: string) => void; base?: Record<string, unknown> } = {},
): Logger {
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const base = opts.base ?? {};
  const log = (l: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[l] < RANK[level]) return;
    const ts = new Date().toISOString();
    if (opts.development) {
      const extra = { ...base, ...fields };
      write(`${ts} ${l.toUpperCase().padEnd(5)} ${msg}${Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : ''}`);
    } else {
      write(JSON.stringify({ level: l, ts, msg, ...base, ...fields }, errorReplacer));
    }
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    with: (fields) => createLogger(level, { ...opts, base: { ...base, ...fields } }),
  };
}

function errorReplacer(_k: string, v: unknown): unknown {
  return v instanceof Error ? { name: v.name, message: v.message } : v;
}
