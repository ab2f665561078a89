import type { SdkObject } from '../../descriptor';
import { buildInput, observeOutput, type Observed } from '../../convert/operations';
import type { JsonObject } from '../../convert/paths';
import type { Outcome } from '../outcome';
import { withItem, type RunState } from '../run-state';
import { tagLayout, withDefaultTags } from '../tags';
import { createAttempt, createToken, CREATE_ATTEMPT_ANNOTATION } from '../idempotency';
import { failure } from './failures';
import { readAfterCreate } from './read';
import { recordApplied } from './update';
import { tagPhaseOf, tagsAfterCreate } from './tags';

export type CreateResult =
  /** Created; `latest` is the read-back, undefined while AWS does not report it yet. */
  | { readonly kind: 'created'; readonly latest: Observed | undefined }
  | { readonly kind: 'failed'; readonly outcome: Outcome };

/**
 * Finalizer first, then Create, then the identifiers to status before anything else can fail,
 * then a read-back. A crash at any point cannot leave an AWS resource nobody cleans up or create twice.
 */
export async function create(s: RunState, desired: JsonObject): Promise<CreateResult> {
  const { d, shapes, env } = s;
  if (!s.managed) {
    // Before the first AWS write: a CR deleted from here on is cleaned up in AWS.
    await s.patchObject((c) =>
      (c.metadata.finalizers ?? []).includes(s.fin)
        ? undefined
        : { metadata: { resourceVersion: c.metadata.resourceVersion, finalizers: withItem(c.metadata.finalizers, s.fin) } },
    );
  }
  const op = d.operations.create;
  const token = op.idempotencyToken;
  let attempt = createAttempt(s.annotations);
  // A resource this object created (its ARN is recorded) is gone: that attempt is over.
  if (token && s.arn !== undefined) attempt = await nextAttempt(s, attempt);
  let input = buildInput(op, d, shapes, { spec: desired, status: s.status, arn: s.arn });
  input = withDefaultTags(input, tagLayout(d, shapes), env.defaultTags);
  if (token && input[token] === undefined) input = { ...input, [token]: createToken(uidOf(s), attempt) };
  let output: SdkObject;
  try {
    if (env.hooks?.beforeCreate) input = await env.hooks.beforeCreate(input, s.view(), s.hookContext());
    output = await env.aws.call('CREATE', op.name, input);
  } catch (err) {
    const outcome = await failure(s, err, 'write');
    // AWS refused this attempt: a corrected spec is a new request and needs a new token. A token
    // AWS says was used with other parameters did create something; keeping it finds that again.
    if (token && outcome.kind === 'terminal' && !/idempoten/i.test(outcome.error.code)) await nextAttempt(s, attempt);
    return { kind: 'failed', outcome };
  }
  if (env.hooks?.afterCreate) output = env.hooks.afterCreate(output, s.view(desired));
  const created = observeOutput(op, d, shapes, output);
  s.setObserved(created);
  // Identifiers reach Kubernetes before anything else can fail: a crash now cannot create twice.
  await s.writeStatus(s.status);
  await recordApplied(s, desired);
  try {
    await tagsAfterCreate(tagPhaseOf(s, desired));
  } catch (err) {
    return { kind: 'failed', outcome: await failure(s, err, 'write') };
  }
  env.events.emit(s.cur, 'Normal', 'Created', `created in AWS${created.arn ? `: ${created.arn}` : ''}`);
  env.log.info('created new resource', { arn: created.arn });
  return { kind: 'created', latest: await readAfterCreate(s, desired) };
}

/** Stores the next create attempt before any call uses its token. */
async function nextAttempt(s: RunState, attempt: number): Promise<number> {
  const next = attempt + 1;
  await s.patchObject(() => ({ metadata: { annotations: { [CREATE_ATTEMPT_ANNOTATION]: String(next) } } }));
  return next;
}

/** The object's uid (namespace/name only where a test object has none). */
function uidOf(s: RunState): string {
  return s.cur.metadata.uid ?? `${s.cur.metadata.namespace ?? ''}/${s.cur.metadata.name}`;
}
