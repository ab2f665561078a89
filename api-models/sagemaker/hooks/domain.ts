import type { ResourceHooks, SdkObject } from '../../../runtime/descriptor';
import { studioResource } from './studio';

/** CreateDomain returns only the ARN; the domain ID (the primary key) is its last segment. */
export function withDomainId(output: SdkObject): SdkObject {
  const arn = output.DomainArn;
  if (output.DomainId !== undefined || typeof arn !== 'string') return output;
  const id = arn.split('/')[1];
  return id ? { ...output, DomainId: id } : output;
}

export const domain: ResourceHooks = {
  ...studioResource('Domain'),
  afterCreate: (output) => withDomainId(output),
};
