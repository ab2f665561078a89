import type { CollectionBinding, OperationBinding, SdkObject } from '../../descriptor';
import { buildInput } from '../../convert/operations';
import type { JsonObject } from '../../convert/paths';
import { APPLIED_SPEC_ANNOTATION, parseAppliedSpec } from '../applied-spec';
import { toSdkStruct } from '../../convert/shapes';
import { classifyAwsError } from '../../aws/errors';
import { collectionTarget, elementShape, listedElements, nextPage, planCollection, readValue } from '../collections';
import type { RunState } from '../run-state';
import { recordApplied } from './update';

/** At most this many list pages per collection and reconcile (IAM pages 100 by default). */
const MAX_PAGES = 50;

/** The operation's input with the resource's identifiers (a role's name, an ARN, …) filled in. */
function identity(s: RunState, op: OperationBinding, spec: JsonObject, c: CollectionBinding): SdkObject {
  const input = buildInput(op, s.d, s.shapes, { spec, status: s.status, arn: s.arn });
  for (const m of c.omit ?? []) delete input[m];
  return input;
}

/**
 * Elements AWS holds, every page: names, with what a compared document entry holds (listedElements).
 * A list operation that is the kind's read (unpaged) is not called again.
 */
async function listAll(s: RunState, c: CollectionBinding, spec: JsonObject): Promise<Array<[string, string | undefined]>> {
  if (!c.list.pageToken && s.lastRead?.operation === c.list.name) return listedElements(c, s.lastRead.output);
  if (c.list.document) {
    // No document (Lambda's GetPolicy answers 404 while nothing was added) holds no elements; the
    // resource itself was just read, so this 404 is not the resource's.
    try {
      return listedElements(c, await s.env.aws.call('READ_ONE', c.list.name, identity(s, c.list, spec, c)));
    } catch (err) {
      if (classifyAwsError(err, { notFound: [], terminalCodes: [] }).httpStatus === 404) return [];
      throw err;
    }
  }
  const elements: Array<[string, string | undefined]> = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const input = { ...identity(s, c.list, spec, c), ...(token && c.list.pageToken ? { [c.list.pageToken.input]: token } : {}) };
    const output = await s.env.aws.call('READ_ONE', c.list.name, input);
    elements.push(...listedElements(c, output));
    token = nextPage(c, output);
    if (!token) break;
  }
  return elements;
}

async function observe(s: RunState, c: CollectionBinding, spec: JsonObject, wanted: ReadonlyMap<string, string>): Promise<Map<string, string | undefined>> {
  const observed = new Map<string, string | undefined>();
  for (const [name, listed] of await listAll(s, c, spec)) {
    // A map's value is read only where the spec names the element: the rest are removed unread.
    const value = c.get && wanted.has(name)
      ? readValue(c, await s.env.aws.call('READ_ONE', c.get.name, { ...identity(s, c.get, spec, c), [c.add.member]: name }))
      : undefined;
    observed.set(name, c.shape === 'map' ? value : listed ?? name);
  }
  return observed;
}

/**
 * Brings each collection the spec sets to the spec: adds (or puts) what is missing or differs,
 * removes what the spec does not name. A field dropped from the spec since it was applied is
 * emptied; one never set is not looked at. A change is recorded as applied, so a dropped field is
 * emptied once. Returns the spec paths changed.
 */
export async function syncCollections(s: RunState, desired: JsonObject): Promise<string[]> {
  const changed: string[] = [];
  const applied = parseAppliedSpec(s.annotations[APPLIED_SPEC_ANNOTATION]);
  for (const c of s.d.collections ?? []) {
    const element = c.shape === 'objects' ? elementShape(c, s.d.specShape, s.shapes) : undefined;
    const wanted = collectionTarget(c, desired[c.field], applied, element?.key);
    if (!wanted) continue;
    const plan = planCollection(c, wanted, await observe(s, c, desired, wanted));
    // Removals first: a collection with a limit (an instance profile's one role) has room for the new element.
    for (const name of plan.remove) await s.env.aws.call('UPDATE', c.remove.name, { ...identity(s, c.remove, desired, c), [c.remove.member]: name });
    for (const [name, v] of plan.add) {
      const input: SdkObject = {
        // An object's own members first: the resource's identifiers (FunctionName, Qualifier) win.
        ...(element ? toSdkStruct(JSON.parse(v) as JsonObject, element.shape, s.shapes) : {}),
        ...identity(s, c.add, desired, c),
        [c.add.member]: name,
        ...(c.add.valueMember ? { [c.add.valueMember]: v } : {}),
      };
      for (const m of c.omit ?? []) delete input[m];
      await s.env.aws.call('UPDATE', c.add.name, input);
    }
    if (plan.add.length + plan.remove.length > 0) changed.push(`spec.${c.field}`);
  }
  if (changed.length > 0 || (applied && (s.d.collections ?? []).some((c) => applied[c.field] !== undefined && desired[c.field] == null))) await recordApplied(s, desired);
  return changed;
}

/** Removes every element of every collection: AWS refuses to delete a role that still has policies. */
export async function emptyCollections(s: RunState, spec: JsonObject): Promise<void> {
  for (const c of s.d.collections ?? []) {
    for (const [name] of await listAll(s, c, spec)) {
      await s.env.aws.call('UPDATE', c.remove.name, { ...identity(s, c.remove, spec, c), [c.remove.member]: name });
    }
  }
}
