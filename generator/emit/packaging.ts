import type { ServiceDescriptor } from '../../runtime/descriptor';
import type { ServiceModel } from '../model/types';
import { readBaseLock, type BaseLock } from '../image/base-lock';
import { archiveBase, IMAGE_RUNTIME, LAYER_FILES } from '../image/spec';
import { imageRepository } from './helm';
import { iamActions } from './iam';
import { renderTree, templateTree, type TemplateTree } from './templates';

/**
 * ServiceModel + descriptor → what ships the controller besides the chart:
 *   Dockerfile                   the image `npm run image` builds, for Docker (same layers and settings)
 *   iam/recommended-policy.json  exactly the AWS actions the descriptor binds
 */

export interface PackagingInput {
  readonly model: ServiceModel;
  readonly descriptor: ServiceDescriptor;
  readonly version: string;
  /** The image's pinned base (generator/image/base.lock.json). */
  readonly baseLock?: BaseLock;
}

export function packagingFiles(input: PackagingInput, tree: TemplateTree = templateTree('package')): Map<string, string> {
  const { model } = input;
  return renderTree(tree, {
    service: model.service,
    version: input.version,
    imageName: imageRepository(model),
    archive: archiveBase(model.service, input.version),
    ...dockerfileValues(input.baseLock ?? readBaseLock(), input.descriptor.sdk.package),
    sid: `Ack${model.service.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase())}Controller`,
    actions: iamActions(input.descriptor, model.iamPrefix, model.iamActions, { hookOperations: model.hookOperations, alsoNeeds: model.alsoNeeds }),
  });
}

/** What the Dockerfile says, from the same definitions the image build uses. */
function dockerfileValues(lock: BaseLock, sdkPackage: string): Record<string, unknown> {
  return {
    debian: lock.debian,
    debs: lock.debs.map((d) => `${d.package} ${d.version}`).join(', '),
    nodePackage: lock.node.package,
    nodeVersion: lock.node.version,
    sdkPackage,
    layers: LAYER_FILES,
    env: IMAGE_RUNTIME.env,
    workingDir: IMAGE_RUNTIME.workingDir,
    user: IMAGE_RUNTIME.user,
    ports: IMAGE_RUNTIME.exposedPorts,
    entrypoint: JSON.stringify(IMAGE_RUNTIME.entrypoint).replace(/","/g, '", "'),
  };
}
