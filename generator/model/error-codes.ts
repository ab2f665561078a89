import type { Shape, ShapeIndex } from '../smithy/types';

/** Service traits under which an error travels with its awsQueryError code, not its shape name. */
const QUERY_CODE_PROTOCOLS = ['aws.protocols#awsQuery', 'aws.protocols#ec2Query', 'aws.protocols#awsQueryCompatible'];

/**
 * The code the SDK reports for an error shape. Many JSON-protocol models (KMS, ACM, CloudTrail)
 * still carry awsQueryError traits from their query days; the wire, and so the SDK, uses the shape
 * name there (KMS's NotFoundException, never "NotFound").
 */
export function wireErrorCode(index: ShapeIndex, error: Shape): string {
  const serviceTraits = index.service.traits.raw;
  const queryCodes = QUERY_CODE_PROTOCOLS.some((t) => t in serviceTraits);
  return (queryCodes ? error.traits.awsQueryErrorCode : undefined) ?? error.name;
}
