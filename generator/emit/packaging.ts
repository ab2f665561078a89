import type { ServiceDescriptor } from '../../runtime/descriptor';
import type { ServiceModel } from '../model/types';
import { imageRepository } from './helm';
import { iamActions } from './iam';
import { renderTree, templateTree, type TemplateTree } from './templates';

// The same heap limits `npm run controller` uses, from their one definition.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MEMORY_FLAGS } = require('../../runtime/bin/controller.cjs') as { MEMORY_FLAGS: readonly string[] };

/**
 * ServiceModel + descriptor → what ships the controller besides the chart:
 *   Dockerfile                   the image (built from the repository root)
 *   iam/recommended-policy.json  exactly the AWS actions the descriptor binds
 */

/** Node 22 LTS, the newest patch release when this was written; bump deliberately. */
export const BASE_IMAGE = 'node:22.23.3-alpine';

export interface PackagingInput {
  readonly model: ServiceModel;
  readonly descriptor: ServiceDescriptor;
  readonly version: string;
}

export function packagingFiles(input: PackagingInput, tree: TemplateTree = templateTree('package')): Map<string, string> {
  const { model } = input;
  return renderTree(tree, {
    service: model.service,
    version: input.version,
    baseImage: BASE_IMAGE,
    nodeFlags: MEMORY_FLAGS,
    imageName: imageRepository(model),
    sid: `Ack${model.service.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase())}Controller`,
    actions: iamActions(input.descriptor, model.iamPrefix, model.iamActions),
  });
}
