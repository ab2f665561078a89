import type { UpdateEffects } from '../../descriptor';
import { latestSpec, type Observed } from '../../convert/operations';
import { isObject, type JsonObject } from '../../convert/paths';
import type { Outcome } from '../outcome';
import { terminalFor } from '../conditions';
import { isAdopted, isReadOnly, parseAdoption } from '../policy';
import { applyResolved } from '../references';
import type { RunState } from '../run-state';
import { adopt, applyAdoptionFields } from './adoption';
import { create } from './create';
import { failure, recoverable, terminal } from './failures';
import { afterObserve, read } from './read';
import { resolveReferences } from './references';
import { syncSubResources } from './sub-resources';
import { syncCollections } from './collections';
import { resolveSecrets } from './secrets';
import { emitHookEvents, settle } from './settle';
import { syncTags, tagPhaseOf } from './tags';
import { applyEffects, specDelta, update } from './update';

export const READ_AFTER_CREATE_REQUEUE_MS = 2_000;

const NOT_MANAGED =
  'This resource already exists but is not managed by ACK. To bring the resource under ACK management, you should explicitly adopt the resource by populating the services.k8s.aws/adoption-policy and services.k8s.aws/adoption-fields annotations.';

/**
 * The object is not being deleted: guard rails, references, read, then create, adopt or update,
 * then settle. Each step is a phase module; this is only the order between them.
 */
export async function sync(s: RunState): Promise<Outcome> {
  const ann = s.annotations;
  const readOnly = isReadOnly(ann);
  const adoption = parseAdoption(ann);
  if (adoption.kind === 'invalid') return terminal(s, 'InvalidAdoptionPolicy', adoption.message, { byAnnotation: true });
  const drift = placementDrift(s);
  if (drift) return terminal(s, drift.reason, drift.message, { byAnnotation: true });

  const needAdoption = adoption.kind === 'adopt' && !isAdopted(ann) && !s.managed;
  // Terminal for this spec: asking AWS again would get the same answer. Only a spec change (or
  // adoption annotations, which name another resource) reopens it; labels and annotations do not.
  const stuck = needAdoption ? undefined : terminalFor(s.previousConditions, s.cur.metadata.generation ?? 0);
  if (stuck) {
    s.env.log.debug('terminal for this generation; no AWS call until the spec changes', { reason: stuck.reason });
    return { kind: 'terminal', error: { code: stuck.reason ?? 'Terminal', message: stuck.message ?? '' } };
  }
  // As in ACK, adopting (policy adopt) or read-only resources proceed with unresolved references.
  const unresolved = await resolveReferences(s, readOnly || (needAdoption && adoption.policy === 'adopt'));
  if (unresolved) return unresolved;
  let desired: JsonObject = applyResolved({ ...(s.cur.spec ?? {}) }, s.resolved);
  const secrets = await resolveSecrets(s, desired);
  if (secrets.kind === 'outcome') return secrets.outcome;
  desired = secrets.spec;
  if (needAdoption) desired = applyAdoptionFields(s, desired, adoption.fields);

  let latest: Observed | undefined;
  try {
    latest = await read(s, desired);
  } catch (err) {
    return failure(s, err);
  }

  let updatedFields: string[] = [];
  let effects: UpdateEffects | undefined;
  /** Sub-resources follow the spec where this controller writes: after a create or an update. */
  let writes = false;
  if (!latest) {
    if ((needAdoption && adoption.policy === 'adopt') || isAdopted(ann)) {
      return recoverable(s, 'AdoptedResourceNotFound', 'adopted resource not found in AWS; it will not be created');
    }
    if (readOnly) return recoverable(s, 'ReadOnlyResourceNotFound', 'read-only resource not found in AWS');
    const created = await create(s, desired);
    if (created.kind !== 'created') return created.outcome;
    latest = created.latest;
    if (!latest) {
      return s.finish({ synced: { status: 'False', reason: 'Created', message: 'Resource created; waiting for AWS to report it' } }, {
        kind: 'requeueAfter',
        ms: READ_AFTER_CREATE_REQUEUE_MS,
        reason: 'read after create',
      });
    }
    writes = true;
  } else if (needAdoption) {
    const adopted = await adopt(s, desired, latest, adoption.policy);
    if (adopted.kind === 'outcome') return adopted.outcome;
    desired = adopted.desired;
  } else if (readOnly) {
    const delta = specDelta(s, desired, latest);
    if (delta.length) s.env.log.info('desired resource state has changed, but resource is read-only - skipping update', { skipped: true, diff: delta.map((e) => e.path) });
  } else {
    if (!s.managed) return terminal(s, 'ResourceAlreadyExists', NOT_MANAGED, { byAnnotation: true });
    try {
      latest = await afterObserve(s, desired, latest);
    } catch (err) {
      return failure(s, err);
    }
    const updated = await update(s, desired, latest);
    if (updated.kind === 'outcome') return updated.outcome;
    updatedFields = updated.fields;
    if (updated.latest) latest = updated.latest;
    effects = updated.effects;
    try {
      if (await syncTags(tagPhaseOf(s, desired, latest), latestSpec(desired, latest))) updatedFields = [...updatedFields, `spec.${s.d.tags?.path ?? 'tags'}`];
    } catch (err) {
      return failure(s, err, 'write');
    }
    writes = true;
  }
  if (writes) {
    const parts = await syncSubResources(s, desired, latest);
    if (parts.kind === 'outcome') return parts.outcome;
    updatedFields = [...updatedFields, ...parts.fields];
    try {
      updatedFields = [...updatedFields, ...(await syncCollections(s, desired))];
    } catch (err) {
      return failure(s, err, 'write');
    }
  }

  s.setObserved(latest);
  if (effects) await applyEffects(s, effects);
  emitHookEvents(s);
  return settle(s, desired, latest, { readOnly, updatedFields, ...(effects ? { effects } : {}) });
}

/** The resource exists in another region or account than the one this reconcile would use. */
function placementDrift(s: RunState): { reason: string; message: string } | undefined {
  const meta = isObject(s.status.ackResourceMetadata) ? s.status.ackResourceMetadata : {};
  const { accountId } = s.env.target;
  const region = s.env.target.desiredRegion ?? s.env.target.region;
  if (typeof meta.region === 'string' && meta.region !== region) {
    return { reason: 'RegionDrift', message: `Resource already exists in region ${meta.region}, but the desired state specifies region ${region}.` };
  }
  if (typeof meta.ownerAccountID === 'string' && meta.ownerAccountID !== accountId) {
    return { reason: 'AccountDrift', message: `Resource already exists in account ${meta.ownerAccountID}, but the role used for reconciliation is in account ${accountId}.` };
  }
  return undefined;
}
