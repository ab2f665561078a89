import type { ResourceDescriptor, ShapeTable } from '../../descriptor';
import type { Observed } from '../../convert/operations';
import { getPath, type JsonObject } from '../../convert/paths';
import type { AwsPort, LogPort } from '../ports';
import type { RunState } from '../run-state';
import {
  applyTagChanges,
  createCarriesTags,
  desiredTags,
  hasTagging,
  managesTags,
  noTagChanges,
  observedTags,
  tagChanges,
  type TagMap,
} from '../tag-sync';
import { tagDigest, type TagReadClock } from '../tag-schedule';

/** What the tag phase of one reconcile works on. */
export interface TagPhase {
  readonly d: ResourceDescriptor;
  readonly shapes: ShapeTable;
  readonly aws: AwsPort;
  readonly log: LogPort;
  /** The desired spec (references resolved). */
  readonly spec: JsonObject;
  /** Status with this read's observations: AWS-made identifiers for the tag calls. */
  readonly status: JsonObject;
  readonly arn?: string | undefined;
  readonly defaults?: TagMap;
  /** When the tags must be read again; without one, every sync reads them (ACK's behaviour). */
  readonly clock?: TagReadClock;
}

/** The tag phase's view of a reconcile: identifiers from this read over the stored status. */
export function tagPhaseOf(s: RunState, desired: JsonObject, latest?: Observed): TagPhase {
  return {
    d: s.d,
    shapes: s.shapes,
    aws: s.env.aws,
    log: s.env.log,
    spec: desired,
    status: { ...s.status, ...(latest?.status ?? {}) },
    arn: latest?.arn ?? s.arn,
    ...(s.env.defaultTags ? { defaults: s.env.defaultTags } : {}),
    ...(s.env.tagReads ? { clock: s.env.tagReads } : {}),
  };
}

/**
 * The tag phase of a sync of an existing resource: looks at the tags only when the spec or the
 * defaults manage them, and corrects any difference, drift made out of band included. Where the
 * kind's read reported them this costs nothing; otherwise it is one list call, made only when the
 * clock says so (see tag-schedule.ts). True when something was written.
 */
export async function syncTags(p: TagPhase, observedSpec: JsonObject): Promise<boolean> {
  const { d } = p;
  if (!hasTagging(d)) return false;
  const desired = desiredTags(d, p.shapes, p.spec, p.defaults);
  if (!managesTags(d, p.spec, desired)) return false;
  const digest = tagDigest(desired);
  const listed = d.tagging.list !== undefined;
  if (listed && p.clock && !p.clock.due(digest)) {
    p.log.debug('tags unchanged in the spec and read recently; not read this sync');
    return false;
  }
  const env = { d, shapes: p.shapes, aws: p.aws };
  const source = { spec: p.spec, status: p.status, arn: p.arn };
  const observed = await observedTags(env, source, getPath(observedSpec, d.tags!.path));
  const changes = tagChanges(desired, observed);
  const changed = !noTagChanges(changes);
  if (changed) {
    p.log.info('tags differ from the desired ones; updating', { set: Object.keys(changes.set), remove: changes.remove });
    await applyTagChanges(env, source, changes);
  }
  if (listed) p.clock?.done(digest);
  return changed;
}

/** Tags for a create operation that cannot carry them (S3-style): put right after the create. */
export async function tagsAfterCreate(p: TagPhase): Promise<void> {
  const { d } = p;
  if (!hasTagging(d)) return;
  const desired = desiredTags(d, p.shapes, p.spec, p.defaults);
  if (!createCarriesTags(d, p.shapes) && Object.keys(desired).length > 0) {
    await applyTagChanges({ d, shapes: p.shapes, aws: p.aws }, { spec: p.spec, status: p.status, arn: p.arn }, { set: desired, remove: [] });
  }
  // AWS holds exactly the desired tags now: the next read is due after the period, not next sync.
  if (d.tagging.list && managesTags(d, p.spec, desired)) p.clock?.done(tagDigest(desired));
}
