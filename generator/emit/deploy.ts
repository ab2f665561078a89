import type { ServiceDescriptor } from '../../runtime/descriptor';
import type { ServiceModel } from '../model/types';
import { version as packageVersion } from '../../package.json';
import { helmFiles } from './helm';
import { packagingFiles } from './packaging';

/** Everything that deploys one controller: its Helm chart, image and IAM policy, versioned with ack-ts itself. */
export function deployFiles(input: {
  readonly model: ServiceModel;
  readonly descriptor: ServiceDescriptor;
  readonly crds: ReadonlyMap<string, string>;
  /** Human name of the service (its sdkId), e.g. "Application Auto Scaling". */
  readonly title: string;
  readonly version?: string;
}): Map<string, string> {
  const version = input.version ?? packageVersion;
  return new Map([
    ...helmFiles({ model: input.model, crds: input.crds, version, title: input.title }),
    ...packagingFiles({ model: input.model, descriptor: input.descriptor, version }),
  ]);
}
