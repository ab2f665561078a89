import type { Observed } from '../../convert/operations';
import { setPath, type JsonObject } from '../../convert/paths';
import { ANNOTATION } from '../annotations';
import type { Outcome } from '../outcome';
import type { AdoptionPolicy } from '../policy';
import { withoutResolved } from '../references';
import { withItem, type RunState } from '../run-state';
import { observedParts } from './sub-resources';

/** The adoption-fields annotation laid over the spec (and `arn` over the status), to find the AWS resource. */
export function applyAdoptionFields(s: RunState, spec: JsonObject, fields: Readonly<Record<string, string>>): JsonObject {
  let out = spec;
  const specMembers = new Set((s.shapes[s.d.specShape] ?? []).map((f) => f.json));
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'arn') s.status = setPath(s.status, 'ackResourceMetadata.arn', v);
    else if (specMembers.has(k)) out = setPath(out, k, v);
  }
  return out;
}

export type AdoptResult =
  /** adopt: the CR took AWS's state; the sync goes on with it as the desired spec. */
  | { readonly kind: 'adopted'; readonly desired: JsonObject }
  /** adopt-or-create: the user's spec stays and is applied on the requeue. */
  | { readonly kind: 'outcome'; readonly outcome: Outcome };

/** Takes an existing AWS resource under management: finalizer, the adopted annotation, and (adopt) its spec. */
export async function adopt(s: RunState, desired: JsonObject, latest: Observed, policy: AdoptionPolicy): Promise<AdoptResult> {
  const takeAws = policy === 'adopt';
  // adopt: the parts with reads of their own (S3 versioning, policy, …) join the spec too.
  const parts = takeAws ? await observedParts(s, desired) : { kind: 'read' as const, spec: {} };
  if (parts.kind === 'outcome') return parts;
  const adoptedSpec = { ...desired, ...latest.spec, ...parts.spec };
  await s.patchObject((c) => ({
    metadata: {
      resourceVersion: c.metadata.resourceVersion,
      finalizers: withItem(c.metadata.finalizers, s.fin),
      annotations: { [ANNOTATION.adopted]: 'true' },
    },
    // adopt: the CR takes AWS's state; adopt-or-create keeps the user's spec and updates AWS next.
    ...(takeAws ? { spec: withoutResolved(adoptedSpec, s.d.references ?? []) } : {}),
  }));
  s.env.events.emit(s.cur, 'Normal', 'Adopted', `adopted existing AWS resource (${policy})`);
  s.setObserved(latest);
  if (!takeAws) {
    return {
      kind: 'outcome',
      outcome: await s.finish({ synced: { status: 'False', reason: 'Adopted', message: 'Adopted; requeuing to apply the spec' } }, { kind: 'requeueAfter', ms: 0, reason: 'adopted' }),
    };
  }
  return { kind: 'adopted', desired: adoptedSpec };
}
