import { createHash } from 'node:crypto';
import type { DeltaEntry } from '../descriptor';
import { isObject, type JsonObject } from '../convert/paths';

/**
 * The spec as last applied to AWS (created or updated), one short digest per top-level field, in an
 * annotation. AWS omits write-only and defaulted fields from some reads (moto omits more), so a
 * field the read does not return cannot be compared with AWS: it is compared with what was applied.
 * Unchanged since then, it is not drift; changed by the user, it is.
 */
export const APPLIED_SPEC_ANNOTATION = 'ack-ts.services.k8s.aws/applied-spec';

export type AppliedSpec = Readonly<Record<string, string>>;

/** Digest per set top-level field; unset fields are absent (so setting one later is a change). */
export function appliedSpec(spec: JsonObject): AppliedSpec {
  const out: Record<string, string> = {};
  for (const k of Object.keys(spec).sort()) {
    const v = spec[k];
    if (v !== undefined && v !== null) out[k] = digest(v);
  }
  return out;
}

/**
 * `next`, except that the fields in `notApplied` keep the digest `previous` recorded (or stay absent):
 * an update that did not write them (a part put by its own operation later) must not mark them applied.
 */
export function keepRecorded(next: AppliedSpec, previous: AppliedSpec | undefined, notApplied: readonly string[]): AppliedSpec {
  if (!notApplied.length) return next;
  const out: Record<string, string> = { ...next };
  for (const f of notApplied) {
    const before = previous?.[f];
    if (before === undefined) delete out[f];
    else out[f] = before;
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}

export function formatAppliedSpec(a: AppliedSpec): string {
  return JSON.stringify(a);
}

/** The annotation's record; undefined when absent or not ours (then no field can be judged by it). */
export function parseAppliedSpec(annotation: string | undefined): AppliedSpec | undefined {
  if (!annotation) return undefined;
  try {
    const v: unknown = JSON.parse(annotation);
    if (!isObject(v) || !Object.values(v).every((d) => typeof d === 'string')) return undefined;
    return v as AppliedSpec;
  } catch {
    return undefined;
  }
}

/**
 * Drops the delta entries for fields the read did not return, unless the user changed them since
 * they were applied. Without a record (a resource adopted, or created before the record existed)
 * such a field is not drift: nothing says it changed.
 */
export function withoutUnreportedUnchanged(delta: readonly DeltaEntry[], desired: JsonObject, applied: AppliedSpec | undefined): DeltaEntry[] {
  return delta.filter((e) => {
    if (e.latest !== undefined && e.latest !== null) return true;
    if (!applied) return false;
    const top = e.path.split('.')[0]!;
    const now = desired[top];
    return (now === undefined || now === null ? undefined : digest(now)) !== applied[top];
  });
}

/**
 * Whether the user changed a top-level field since it was applied. Without a record (an adopted
 * resource) nothing says it changed.
 */
export function changedSinceApplied(desired: JsonObject, field: string, applied: AppliedSpec | undefined): boolean {
  if (!applied) return false;
  const now = desired[field];
  return (now === undefined || now === null ? undefined : digest(now)) !== applied[field];
}

function digest(v: unknown): string {
  return createHash('sha256').update(canonical(v)).digest('base64url').slice(0, 12);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => (isObject(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val));
}
