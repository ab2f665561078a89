import type { ResourceHooks, SdkObject } from '../../../runtime/descriptor';

/**
 * GetRole reports the permissions boundary as `{PermissionsBoundaryType, PermissionsBoundaryArn}`,
 * while CreateRole, PutRolePermissionsBoundary and ACK's CRD take the ARN alone: read it as the ARN.
 */
export function boundaryAsArn(output: SdkObject, wrapper: string): SdkObject {
  const entity = output[wrapper];
  if (typeof entity !== 'object' || entity === null) return output;
  const e = entity as SdkObject;
  const b = e.PermissionsBoundary;
  if (typeof b !== 'object' || b === null) return output;
  const arn = (b as SdkObject).PermissionsBoundaryArn;
  return { ...output, [wrapper]: { ...e, PermissionsBoundary: typeof arn === 'string' ? arn : undefined } };
}

export const role: ResourceHooks = {
  afterReadOne: (output) => boundaryAsArn(output, 'Role'),
};

export const user: ResourceHooks = {
  afterReadOne: (output) => boundaryAsArn(output, 'User'),
};
