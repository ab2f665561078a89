import type { TarEntry } from './tar';

/**
 * What the base layers hold, decided from paths alone: the shared libraries Node's official
 * linux-x64 build links against (glibc, libgcc_s, libstdc++) with their copyright files, a
 * non-root user, and nothing to run but Node: no shell, no package manager.
 */

/** The user the controller runs as; the chart's securityContext says the same numbers. */
export const CONTROLLER_UID = 1000;
export const CONTROLLER_GID = 1000;

/** Where things live in the image. */
export const NODE_PATH = '/usr/local/bin/node';
export const APP_DIR = '/app';
export const ENTRY_PATH = `${APP_DIR}/main.js`;

/**
 * Keeps a path (relative, as in a .deb) when the loader or Node needs it, or when it is the
 * package's copyright. gconv (iconv modules, 8 MB) is left out: Node converts text with ICU.
 */
export function keepDebPath(path: string): boolean {
  if (/^usr\/share\/doc\/[^/]+\/copyright$/.test(path)) return true;
  if (/^usr\/share\/doc\/[^/]+$/.test(path)) return true; // symlinked doc dirs (libstdc++6 -> gcc-12-base)
  if (path.startsWith('usr/lib/x86_64-linux-gnu/gconv')) return false;
  return /^(lib|lib64|usr\/lib\/x86_64-linux-gnu|etc\/ld\.so\.conf\.d)\//.test(path);
}

/** /etc files and the directories a process expects; owned by root, read-only to the controller. */
export function systemEntries(): TarEntry[] {
  const text = (path: string, body: string): TarEntry => ({ type: 'file', path, mode: 0o644, data: Buffer.from(body) });
  return [
    text('etc/passwd', `root:x:0:0:root:/root:/sbin/nologin\ncontroller:x:${CONTROLLER_UID}:${CONTROLLER_GID}:ack-ts controller:/home/controller:/sbin/nologin\n`),
    text('etc/group', `root:x:0:\ncontroller:x:${CONTROLLER_GID}:\n`),
    // glibc's default without this file tries DNS before /etc/hosts.
    text('etc/nsswitch.conf', 'passwd: files\ngroup: files\nhosts: files dns\n'),
    { type: 'dir', path: 'root', mode: 0o700 },
    { type: 'dir', path: 'home/controller', mode: 0o755, uid: CONTROLLER_UID, gid: CONTROLLER_GID },
    { type: 'dir', path: 'tmp', mode: 0o1777 },
  ];
}
