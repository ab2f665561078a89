import { APP_DIR, CONTROLLER_GID, CONTROLLER_UID, ENTRY_PATH, NODE_PATH } from './rootfs';

// The heap limits `npm run controller` uses, from their one definition.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MEMORY_FLAGS } = require('../../runtime/bin/controller.cjs') as { MEMORY_FLAGS: readonly string[] };

/**
 * How every controller image runs, in one place: the OCI config `npm run image` writes and the
 * generated Dockerfile both come from here.
 */
export interface ImageRuntime {
  readonly user: string;
  readonly env: readonly string[];
  readonly entrypoint: readonly string[];
  readonly workingDir: string;
  readonly exposedPorts: readonly string[];
}

export const IMAGE_RUNTIME: ImageRuntime = {
  user: `${CONTROLLER_UID}:${CONTROLLER_GID}`,
  env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'NODE_ENV=production'],
  entrypoint: [NODE_PATH, ...MEMORY_FLAGS, ENTRY_PATH],
  workingDir: APP_DIR,
  // metrics, health probes
  exposedPorts: ['8080/tcp', '8081/tcp'],
};

/** The layers in order, by the file names they have in a Docker build context. */
export const LAYER_FILES = { debian: 'debian.tar.gz', node: 'node.tar.gz', app: 'app.tar.gz' } as const;

export const imageRepository = (service: string): string => `ack-ts/${service}-controller`;
export const imageName = (service: string, version: string): string => `${imageRepository(service)}:${version}`;
export const archiveBase = (service: string, version: string): string => `${service}-controller-${version}`;
