/**
 * Correction: string timestamps → epoch seconds in awsJson1.1 responses.
 * The awsJson protocols send timestamps as epoch seconds (Smithy `epoch-seconds` default for awsJson1_1,
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html), and AWS SDK v3 rejects strings
 * ("Expected real number, got implicit NaN"). moto's SageMaker sent strings such as "2025-06-01 12:00:00"
 * or ISO-8601 before its handlers moved to the core serializer: https://github.com/getmoto/moto/issues/9763.
 * Pure. Only keys that name a time are touched, so free-text fields that happen to look like dates stay.
 */

const TIME_KEY = /(Time|Timestamp|Date|At|TimeStamp)$/;
const DATE_STRING = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch seconds for a date string moto might send; naive strings are read as UTC (moto runs with TZ=UTC here). */
export function epochSecondsOf(value: string): number | undefined {
  if (!DATE_STRING.test(value)) return undefined;
  const iso = value.replace(" ", "T");
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
  const millis = Date.parse(hasZone ? iso : `${iso}Z`);
  return Number.isNaN(millis) ? undefined : millis / 1000;
}

export interface RewriteResult<T> {
  value: T;
  /** JSON paths rewritten, e.g. "SecondaryStatusTransitions[0].StartTime". */
  rewritten: string[];
}

export function rewriteStringTimestamps<T>(value: T): RewriteResult<T> {
  const rewritten: string[] = [];
  const walk = (node: unknown, path: string, key: string): unknown => {
    if (typeof node === "string" && TIME_KEY.test(key)) {
      const seconds = epochSecondsOf(node);
      if (seconds !== undefined) {
        rewritten.push(path);
        return seconds;
      }
      return node;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`, key));
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k, k)]),
      );
    }
    return node;
  };
  return { value: walk(value, "", "") as T, rewritten };
}
