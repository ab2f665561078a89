/** The proxy's JSON control API under /__control/. Routes only; the state lives in ProxyState. */
import { countCalls, filterCalls, type CallQuery, type CountBy } from "./call-log";
import { validateFault } from "./faults";
import { newHold, validateHold } from "./holds";
import { emptyState, nextSeq, type ProxyState } from "./proxy-state";

export const CONTROL_PREFIX = "/__control";

export interface ControlReply {
  status: number;
  body: unknown;
}

export interface ControlDeps {
  resetMoto(): Promise<void>;
  upstream: string;
}

function callQuery(params: URLSearchParams): CallQuery {
  const since = params.get("since");
  return {
    service: params.get("service") ?? undefined,
    operation: params.get("operation") ?? undefined,
    resource: params.get("resource") ?? undefined,
    account: params.get("account") ?? undefined,
    since: since === null ? undefined : Number(since),
  };
}

export async function handleControl(state: ProxyState, deps: ControlDeps, method: string, url: URL, body: string): Promise<ControlReply> {
  const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, "") || "/";
  const json = (): unknown => (body.trim() ? JSON.parse(body) : {});
  const [, collection, id] = path.split("/");
  try {
    switch (`${method} /${collection ?? ""}${id !== undefined ? "/:id" : ""}`) {
      case "GET /health":
        return { status: 200, body: { ok: true, upstream: deps.upstream, calls: state.calls.length } };
      case "GET /calls":
        return { status: 200, body: filterCalls(state.calls, callQuery(url.searchParams)) };
      case "GET /calls/:id":
        if (id === "in-flight") {
          const q = callQuery(url.searchParams);
          const arriving = [...state.arriving].filter(
            (c) => (q.service === undefined || c.service === q.service) && (q.operation === undefined || c.operation === q.operation) && (q.resource === undefined || c.resource === q.resource),
          );
          return { status: 200, body: arriving };
        }
        if (id !== "count") break;
        return {
          status: 200,
          body: countCalls(filterCalls(state.calls, callQuery(url.searchParams)), (url.searchParams.get("by") ?? "resource") as CountBy),
        };
      case "DELETE /calls":
        state.calls = [];
        return { status: 200, body: { ok: true } };
      case "GET /faults":
        return { status: 200, body: state.faults };
      case "POST /faults": {
        const rule = { ...validateFault(json()), id: `fault-${nextSeq(state)}`, hits: 0 };
        state.faults.push(rule);
        return { status: 201, body: rule };
      }
      case "DELETE /faults":
        state.faults = [];
        return { status: 200, body: { ok: true } };
      case "DELETE /faults/:id":
        state.faults = state.faults.filter((f) => f.id !== id);
        return { status: 200, body: { ok: true } };
      case "GET /holds":
        return { status: 200, body: state.holds };
      case "POST /holds": {
        const seq = nextSeq(state);
        const hold = newHold(validateHold(json()), `hold-${seq}`, seq);
        state.holds.push(hold);
        return { status: 201, body: hold };
      }
      case "DELETE /holds":
        state.holds = [];
        return { status: 200, body: { ok: true } };
      case "DELETE /holds/:id":
        state.holds = state.holds.filter((h) => h.id !== id);
        return { status: 200, body: { ok: true } };
      case "GET /overlays":
        return { status: 200, body: Object.fromEntries(state.overlays) };
      case "POST /reset": {
        const { moto } = json() as { moto?: boolean };
        // moto keeps the keys it handed out unless it is reset too; so does the proxy.
        Object.assign(state, emptyState(), moto ? {} : { assumedKeys: state.assumedKeys });
        if (moto) await deps.resetMoto();
        return { status: 200, body: { ok: true } };
      }
    }
    return { status: 404, body: { error: `no control route ${method} ${url.pathname}` } };
  } catch (err) {
    return { status: 400, body: { error: (err as Error).message } };
  }
}
