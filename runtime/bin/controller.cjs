#!/usr/bin/env node
// npm run controller -- <service> [ACK flags]
// Runs generated/<service>'s controller in the foreground: the built dist/main.js when present,
// else src/main.ts through tsx. The child gets the heap limits a 128 Mi container needs.
// Stopping: SIGTERM/SIGINT/SIGHUP are forwarded, so the controller shuts down gracefully (releases
// its Lease, closes its ports); if our parent goes away without telling us (npm's `sh -c` killed
// under it), the child is sent SIGTERM as well. We exit with the child's status.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

// Measured at 1,000 resources: default flags ~130 MiB RSS; these 76 MiB idle, 88 MiB peak.
const MEMORY_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=96'];
const FORWARDED = ['SIGTERM', 'SIGINT', 'SIGHUP'];
const PARENT_POLL_MS = 500;

const HELP_FLAGS = ['-h', '--help'];

function servicesIn(generatedDir) {
  return fs.existsSync(generatedDir) ? fs.readdirSync(generatedDir).filter((d) => fs.existsSync(path.join(generatedDir, d, 'src', 'main.ts'))) : [];
}

function usage(generatedDir) {
  return `usage: npm run controller -- <service> [flags]; services: ${servicesIn(generatedDir).join(', ') || '(none generated)'}`;
}

/**
 * The node arguments that start `service`'s controller, or an error line. `--help` in place of the
 * service runs the first service's controller with --help: every controller takes the same flags.
 */
function commandFor(root, service) {
  const generatedDir = path.join(root, 'generated');
  if (HELP_FLAGS.includes(service)) {
    const first = servicesIn(generatedDir)[0];
    const intro = `${usage(generatedDir)}\nRuns generated/<service>/dist/main.js when built, else its src/main.ts through tsx, with ${MEMORY_FLAGS.join(' ')}.\nEvery controller takes the same flags (shown for ${first ?? 'none'}):\n\n`;
    if (!first) return { error: usage(generatedDir) };
    return { ...commandFor(root, first), intro, flags: ['--help'] };
  }
  if (!service || service.startsWith('-')) return { error: usage(generatedDir) };
  const dir = path.join(generatedDir, service);
  const built = path.join(dir, 'dist', 'main.js');
  if (fs.existsSync(built)) return { args: [...MEMORY_FLAGS, built] };
  const source = path.join(dir, 'src', 'main.ts');
  if (!fs.existsSync(source)) return { error: `no controller for "${service}" (${path.relative(root, source)} is missing). ${usage(generatedDir)}` };
  // tsx by absolute URL, and the repository's tsconfig by variable: the child keeps the caller's
  // directory, so relative paths it is given (KUBECONFIG) mean what the caller meant.
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  return { args: [...MEMORY_FLAGS, '--import', tsx, source], env: { TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') } };
}

/** The exit status a shell reports for a child that ended with `code` or by `signal`. */
function exitStatus(code, signal) {
  if (code !== null) return code;
  return signal ? 128 + (os.constants.signals[signal] ?? 0) : 1;
}

function run() {
  const root = path.resolve(__dirname, '..', '..');
  const [service, ...flags] = process.argv.slice(2);
  const cmd = commandFor(root, service);
  if (cmd.error) {
    process.stderr.write(`${cmd.error}\n`);
    process.exit(2);
  }
  if (cmd.intro) process.stdout.write(cmd.intro);
  const child = spawn(process.execPath, [...cmd.args, ...(cmd.flags ?? flags)], { stdio: 'inherit', env: { ...process.env, ...cmd.env } });
  for (const sig of FORWARDED) process.on(sig, () => child.kill(sig));
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphanWatch);
    child.kill('SIGTERM');
  }, PARENT_POLL_MS);
  orphanWatch.unref();
  child.on('exit', (code, signal) => process.exit(exitStatus(code, signal)));
}

if (require.main === module) run();
module.exports = { commandFor, exitStatus, MEMORY_FLAGS };
