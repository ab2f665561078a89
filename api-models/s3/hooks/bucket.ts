import type { ResourceHooks, SdkObject } from '../../../runtime/descriptor';

/**
 * Outside us-east-1, S3 creates a bucket where CreateBucketConfiguration.LocationConstraint says,
 * and refuses a request without it; as ACK does, the controller's region fills it in. A directory
 * bucket (Location and Bucket set) is placed by its zone instead.
 */
export function withLocationConstraint(input: SdkObject, region: string): SdkObject {
  const config = (input.CreateBucketConfiguration ?? {}) as SdkObject;
  const directory = config.Location !== undefined && config.Bucket !== undefined;
  if (region === 'us-east-1' || directory || config.LocationConstraint) return input;
  return { ...input, CreateBucketConfiguration: { ...config, LocationConstraint: region } };
}

export const bucket: ResourceHooks = {
  beforeCreate: (input, _desired, ctx) => withLocationConstraint(input, ctx.region),
};
