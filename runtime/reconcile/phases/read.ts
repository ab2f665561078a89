import type { OperationBinding, ReadManyBinding, SdkObject, ShapeTable } from '../../descriptor';
import { buildInput, latestSpec, observeOutput, pickFromMany, type Observed } from '../../convert/operations';
import { getPath, type JsonObject } from '../../convert/paths';
import { sleep as defaultSleep } from '../../sleep';
import { readAfterCreateDelays } from '../read-after-create';
import { overStatus, type RunState } from '../run-state';

/** ReadOne, or ReadMany and pick; undefined when AWS says it does not exist. */
export async function read(s: RunState, desired: JsonObject): Promise<Observed | undefined> {
  const { d, shapes, env } = s;
  const source = { spec: desired, status: s.status, arn: s.arn };
  if (!identifiersPresent(s, desired)) return undefined;
  const { readOne, readMany } = d.operations;
  try {
    if (readOne) {
      let output = await env.aws.call('READ_ONE', readOne.name, buildInput(readOne, d, shapes, source));
      s.lastRead = { operation: readOne.name, output };
      if (env.hooks?.afterReadOne) output = await env.hooks.afterReadOne(output, s.view(desired), s.hookContext());
      return observeOutput(readOne, d, shapes, output);
    }
    if (readMany) {
      const output = await env.aws.call('READ_MANY', readMany.name, buildInput(readMany, d, shapes, source));
      let item: SdkObject | undefined = pickFromMany(readMany, d, shapes, output, desired, { status: s.status, arn: s.arn });
      if (!item) return undefined;
      if (env.hooks?.afterReadOne) item = await env.hooks.afterReadOne(item, s.view(desired), s.hookContext());
      return observeOutput(itemBinding(readMany, shapes), d, shapes, item);
    }
    throw new Error(`${d.kind} declares neither readOne nor readMany`);
  } catch (err) {
    if (s.classify(err).class === 'notFound') return undefined;
    throw err;
  }
}

/** ACK skips ReadOne when an identifier is missing (never created): that is "not found". */
export function identifiersPresent(s: RunState, desired: JsonObject): boolean {
  return s.d.primaryKey.every((p) => {
    if (p === 'status.ackResourceMetadata.arn') return s.arn !== undefined;
    if (p.startsWith('spec.')) return getPath(desired, p.slice(5)) !== undefined;
    if (p.startsWith('status.')) return getPath(s.status, p.slice(7)) !== undefined;
    return true;
  });
}

/**
 * AWS is eventually consistent: a Describe right after Create may say "not found". Retry with
 * backoff for ~10 s, as ACK does; any other error, or still nothing, leaves it to a requeue.
 */
export async function readAfterCreate(s: RunState, desired: JsonObject): Promise<Observed | undefined> {
  if (!identifiersPresent(s, desired)) return undefined;
  const sleep = s.env.sleep ?? defaultSleep;
  for (const delay of [0, ...readAfterCreateDelays()]) {
    if (delay) {
      s.env.log.debug('created resource not readable yet; retrying', { afterMs: delay });
      await sleep(delay);
    }
    try {
      const latest = await read(s, desired);
      if (latest) return latest;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** afterObserve: what the hook did about this read, laid over it before anything compares it. */
export async function afterObserve(s: RunState, desired: JsonObject, latest: Observed): Promise<Observed> {
  const hook = s.env.hooks?.afterObserve;
  if (!hook) return latest;
  const r = await hook(s.view(latestSpec(desired, latest), { ...s.status, ...latest.status }), s.hookContext());
  if (!r?.status) return latest;
  // Both: setObserved lays the read over the status, and a removed field must stay removed.
  s.status = overStatus(s.status, r.status);
  return { ...latest, status: overStatus(latest.status, r.status) };
}

/** A ReadMany item read as if it were a ReadOne output of the list's item shape. */
export function itemBinding(op: ReadManyBinding, shapes: ShapeTable): OperationBinding {
  const member = op.output ? shapes[op.output]?.find((m) => m.sdk === op.itemsMember) : undefined;
  const t = member?.type;
  const item = typeof t === 'object' && 'list' in t && typeof t.list === 'object' && 'struct' in t.list ? t.list.struct : undefined;
  return { name: op.name, ...(item ? { output: item } : {}) };
}
