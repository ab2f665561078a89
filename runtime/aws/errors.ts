import type { ErrorMatcher } from '../descriptor';

/** AWS errors, classified once; every other module asks this, never the raw error. */
export type AwsErrorClass = 'notFound' | 'throttled' | 'terminal' | 'accessDenied' | 'validation' | 'transient';

export interface ClassifiedError {
  readonly class: AwsErrorClass;
  readonly code: string;
  readonly message: string;
  readonly httpStatus?: number;
  /** `smithy.ErrorFault`-like: client, server or unknown (non-API) errors. */
  readonly fault: 'client' | 'server' | 'unknown';
}

export interface ErrorRules {
  readonly notFound: readonly ErrorMatcher[];
  readonly terminalCodes: readonly string[];
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'NotAuthorized',
  'SignatureDoesNotMatch',
]);

const VALIDATION = new Set([
  'ValidationException',
  'ValidationError',
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidParameterException',
  'InvalidParameterCombination',
  'MissingParameter',
  'SerializationException',
]);

/**
 * Validation errors that name another resource which does not exist yet (SageMaker: "Could not
 * find model …"; Application Auto Scaling: "No scalable target registered …"). Manifests applied
 * together create in any order, so these are retried, unlike other invalid input.
 */
const MISSING_DEPENDENCY = /could not find|does not exist|not found|no scalable target/i;

interface RawAwsError {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

export function errorCode(err: unknown): string {
  const e = (err ?? {}) as RawAwsError;
  for (const c of [e.Code, e.name, e.code]) if (typeof c === 'string' && c && c !== 'Error') return c;
  return 'UnknownError';
}

export function matchesError(code: string, message: string, m: ErrorMatcher): boolean {
  return (
    code === m.code &&
    (m.messagePrefix === undefined || message.startsWith(m.messagePrefix)) &&
    (m.messageSuffix === undefined || message.endsWith(m.messageSuffix))
  );
}

export function classifyAwsError(err: unknown, rules: ErrorRules): ClassifiedError {
  const e = (err ?? {}) as RawAwsError;
  const code = errorCode(err);
  const message = typeof e.message === 'string' ? e.message : String(err);
  const httpStatus = e.$metadata?.httpStatusCode;
  const fault = e.$fault === 'client' || e.$fault === 'server' ? e.$fault : 'unknown';
  const base = { code, message, fault, ...(httpStatus !== undefined ? { httpStatus } : {}) } as const;
  // Order matters: a not-found matcher may name ValidationException (SageMaker), and throttling is
  // never terminal even if a descriptor lists its code.
  if (rules.notFound.some((m) => matchesError(code, message, m))) return { ...base, class: 'notFound' };
  if (THROTTLING.has(code) || httpStatus === 429 || e.$retryable?.throttling) return { ...base, class: 'throttled' };
  if (rules.terminalCodes.includes(code)) return { ...base, class: 'terminal' };
  if (ACCESS_DENIED.has(code)) return { ...base, class: 'accessDenied' };
  if (VALIDATION.has(code)) return { ...base, class: MISSING_DEPENDENCY.test(message) ? 'transient' : 'validation' };
  // Server faults, network errors and unlisted client errors: worth retrying with backoff.
  return { ...base, class: 'transient' };
}

/** "Code: message", the text conditions and events carry. */
export function describeError(e: Pick<ClassifiedError, 'code' | 'message'>): string {
  return e.message && e.message !== e.code ? `${e.code}: ${e.message}` : e.code;
}
