import { dirname, resolve } from 'node:path';

/**
 * The directory the user typed the command in. `npm run <script>` runs the script in the
 * package root and keeps the caller's directory in INIT_CWD; we trust INIT_CWD only while we
 * still run where npm put us, so a child started elsewhere (cwd set by a test or a tool)
 * resolves against its own cwd.
 */
export function userCwd(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const init = env.INIT_CWD;
  const pkg = env.npm_package_json;
  if (init && pkg && resolve(dirname(pkg)) === resolve(cwd)) return resolve(init);
  return cwd;
}

/** `path` (a CLI option or environment variable) made absolute against the user's directory. */
export function userPath(path: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return resolve(userCwd(env, cwd), path);
}
