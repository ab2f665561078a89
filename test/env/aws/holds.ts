/**
 * Holds: make a resource look in progress on its Describe calls for a while, then let moto's real (final) answer through.
 * A hold is a sequence of phases; each phase patches top-level fields of the Describe response
 * (null removes a field) for N Describe calls and/or N seconds. Pure: every function returns new state.
 */

export interface HoldPhase {
  /** Top-level fields to set in the Describe response; null removes the field. */
  set: Record<string, unknown>;
  /** This phase is served to this many Describe calls. */
  describes?: number;
  /** This phase lasts this many seconds from when it began. Neither describes nor seconds: until cleared. */
  seconds?: number;
  /** For SecondaryStatus phases: the StatusMessage of the synthesized transition. */
  statusMessage?: string;
}

export interface HoldSpec {
  /** The Describe operation whose responses are rewritten, e.g. DescribeTrainingJob. */
  operation: string;
  /** The resource name as the Describe request names it (see resourceNameOf). */
  resource: string;
  phases: HoldPhase[];
  /** Arm only once this operation succeeds for the resource (e.g. UpdateEndpoint, StopTrainingJob). */
  after?: string;
  service?: string;
  /** Set by the proxy for the transitional holds its corrections add (as opposed to a test's). */
  origin?: "correction";
}

export interface SecondaryEntry {
  status: string;
  startedAt: number;
  message?: string;
}

export interface Hold extends HoldSpec {
  id: string;
  createdSeq: number;
  armed: boolean;
  phaseIndex: number;
  /** ms epoch when the current phase began; unset until the hold is first served. */
  phaseStartedAt?: number;
  describesInPhase: number;
  released: boolean;
  releasedAt?: number;
  /** Describe calls this hold has rewritten. */
  served: number;
  secondary: SecondaryEntry[];
}

export type Body = Record<string, unknown>;

export function validateHold(spec: unknown): HoldSpec {
  const s = spec as Partial<HoldSpec>;
  if (!s || typeof s !== "object") throw new Error("hold: expected an object");
  if (typeof s.operation !== "string" || !s.operation.startsWith("Describe")) throw new Error("hold: operation must be a Describe* operation");
  if (typeof s.resource !== "string" || !s.resource) throw new Error("hold: resource is required");
  if (!Array.isArray(s.phases) || s.phases.length === 0) throw new Error("hold: phases must be a non-empty list");
  for (const p of s.phases) {
    if (!p || typeof p.set !== "object") throw new Error("hold: every phase needs a set object");
    if (p.describes !== undefined && !(Number.isInteger(p.describes) && p.describes > 0)) throw new Error("hold: describes must be a positive integer");
    if (p.seconds !== undefined && !(p.seconds > 0)) throw new Error("hold: seconds must be positive");
  }
  return s as HoldSpec;
}

export function newHold(spec: HoldSpec, id: string, createdSeq: number): Hold {
  return { ...spec, id, createdSeq, armed: !spec.after, phaseIndex: 0, describesInPhase: 0, released: false, served: 0, secondary: [] };
}

export function holdKey(operation: string, resource: string | undefined): string {
  return `${operation}:${resource ?? ""}`;
}

/** Top-level patch; null deletes. */
export function patchBody(body: Body, set: Record<string, unknown>): Body {
  const next: Body = { ...body };
  for (const [key, value] of Object.entries(set)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Moves past phases whose time or Describe budget is used up. */
export function advance(hold: Hold, now: number): Hold {
  let h = hold.phaseStartedAt === undefined ? enterPhase({ ...hold }, 0, now) : { ...hold };
  while (!h.released) {
    const phase = h.phases[h.phaseIndex]!;
    const started = h.phaseStartedAt!;
    const byTime = phase.seconds !== undefined && now - started >= phase.seconds * 1000;
    const byCount = phase.describes !== undefined && h.describesInPhase >= phase.describes;
    if (!byTime && !byCount) break;
    // A timed phase ends on schedule, so a sequence of timed phases keeps wall-clock time even when nobody asks.
    const endedAt = byTime ? started + phase.seconds! * 1000 : now;
    h = enterPhase(h, h.phaseIndex + 1, Math.min(endedAt, now));
  }
  return h;
}

function enterPhase(h: Hold, index: number, at: number): Hold {
  if (index >= h.phases.length) return { ...h, phaseIndex: index, released: true, releasedAt: at };
  const phase = h.phases[index]!;
  const status = phase.set.SecondaryStatus;
  const secondary =
    typeof status === "string" && h.secondary[h.secondary.length - 1]?.status !== status
      ? [...h.secondary, { status, startedAt: at, ...(phase.statusMessage ? { message: phase.statusMessage } : {}) }]
      : h.secondary;
  return { ...h, phaseIndex: index, phaseStartedAt: at, describesInPhase: 0, secondary };
}

/** The hold that governs a Describe key: the newest armed one. */
export function governingHold(holds: Hold[], operation: string, resource: string | undefined): Hold | undefined {
  return holds
    .filter((h) => h.armed && h.operation === operation && h.resource === resource)
    .sort((a, b) => b.createdSeq - a.createdSeq)[0];
}

export interface Served {
  body: Body;
  holds: Hold[];
  /** Phase served, or undefined when moto's answer went through. */
  heldPhase?: number;
}

/**
 * Rewrites one successful Describe response. `consume: false` shows what the caller would see without
 * spending a Describe from the hold (used by corrections that must know the current state).
 */
export function serveDescribe(holds: Hold[], operation: string, resource: string | undefined, body: Body, now: number, consume = true): Served {
  const hold = governingHold(holds, operation, resource);
  if (!hold) return { body, holds };
  const h = advance(hold, now);
  let next: Body;
  let heldPhase: number | undefined;
  let stored = h;
  if (h.released) {
    next = withSecondaryTransitions(body, h, now);
  } else {
    heldPhase = h.phaseIndex;
    next = withSecondaryTransitions(patchBody(body, h.phases[h.phaseIndex]!.set), h, now);
    stored = { ...h, describesInPhase: h.describesInPhase + 1, served: h.served + 1 };
  }
  if (!consume) return { body: next, holds, heldPhase };
  return { body: next, holds: holds.map((x) => (x.id === hold.id ? stored : x)), heldPhase };
}

/**
 * SageMaker lists every SecondaryStatus a training job went through in SecondaryStatusTransitions
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SecondaryStatusTransition.html);
 * a hold that walks secondary statuses must show them there too, ending with moto's final status once released.
 */
function withSecondaryTransitions(body: Body, hold: Hold, now: number): Body {
  if (hold.secondary.length === 0) return body;
  const entries: SecondaryEntry[] = [...hold.secondary];
  const finalStatus = body.SecondaryStatus;
  if (hold.released && typeof finalStatus === "string" && entries[entries.length - 1]?.status !== finalStatus) {
    entries.push({ status: finalStatus, startedAt: hold.releasedAt ?? now });
  }
  const transitions = entries.map((e, i) => {
    const next = entries[i + 1];
    const last = i === entries.length - 1;
    const end = next ? next.startedAt : hold.released && last ? e.startedAt : undefined;
    return {
      Status: e.status,
      StartTime: e.startedAt / 1000,
      ...(end !== undefined ? { EndTime: end / 1000 } : {}),
      ...(e.message ? { StatusMessage: e.message } : {}),
    };
  });
  return { ...body, SecondaryStatusTransitions: transitions };
}

/** Arms the holds waiting for `operation` on `resource`; the holds they supersede stop governing. */
export function armAfter(holds: Hold[], operation: string, resource: string | undefined, seq: number): Hold[] {
  return holds.map((h) => (!h.armed && h.after === operation && h.resource === resource ? { ...h, armed: true, createdSeq: seq } : h));
}

export function hasPendingAfter(holds: Hold[], operation: string, resource: string | undefined): boolean {
  return holds.some((h) => !h.armed && h.after === operation && h.resource === resource);
}

/**
 * A new resource instance (Create) or its end (Delete) makes released holds and the corrections' transitional holds
 * stale. A test's unreleased holds stay: tests set them before Create.
 */
export function dropStale(holds: Hold[], operation: string, resource: string | undefined): Hold[] {
  return holds.filter((h) => !(h.operation === operation && h.resource === resource && ((h.armed && h.released) || h.origin === "correction")));
}
