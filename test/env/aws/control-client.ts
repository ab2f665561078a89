/** Typed client for the scenario proxy's control API. Tests use this; it only speaks HTTP. */
import type { CallQuery, CallRecord, CountBy, InFlightCall } from "./call-log";
import type { FaultRule, FaultSpec } from "./faults";
import type { Hold, HoldSpec } from "./holds";

export const CONTROL_URL_ENV = "ACK_TS_AWS_CONTROL_URL";

export class ProxyControl {
  constructor(readonly controlUrl: string = defaultControlUrl()) {}

  calls(query: CallQuery = {}): Promise<CallRecord[]> {
    return this.request("GET", `/calls${queryString(query)}`);
  }

  /** Calls per resource (default), operation or service, after the query's filters. */
  countCalls(query: CallQuery & { by?: CountBy } = {}): Promise<Record<string, number>> {
    return this.request("GET", `/calls/count${queryString(query)}`);
  }

  /** Calls the proxy has received and not answered yet (service, operation and resource filters apply). */
  inFlight(query: Pick<CallQuery, "service" | "operation" | "resource"> = {}): Promise<InFlightCall[]> {
    return this.request("GET", `/calls/in-flight${queryString(query)}`);
  }

  clearCalls(): Promise<void> {
    return this.request("DELETE", "/calls");
  }

  /** Latest call seq, so a test can ask only for calls after a point: calls({ since }). */
  async mark(): Promise<number> {
    const calls = await this.calls();
    return calls.length ? calls[calls.length - 1]!.seq : 0;
  }

  inject(fault: FaultSpec): Promise<FaultRule> {
    return this.request("POST", "/faults", fault);
  }

  faults(): Promise<FaultRule[]> {
    return this.request("GET", "/faults");
  }

  clearFaults(id?: string): Promise<void> {
    return this.request("DELETE", id ? `/faults/${encodeURIComponent(id)}` : "/faults");
  }

  hold(spec: HoldSpec): Promise<Hold> {
    return this.request("POST", "/holds", spec);
  }

  holds(): Promise<Hold[]> {
    return this.request("GET", "/holds");
  }

  clearHolds(id?: string): Promise<void> {
    return this.request("DELETE", id ? `/holds/${encodeURIComponent(id)}` : "/holds");
  }

  /** Clears calls, faults, holds and correction overlays; with moto: true also wipes moto's state. */
  reset(opts: { moto?: boolean } = {}): Promise<void> {
    return this.request("POST", "/reset", opts);
  }

  health(): Promise<{ ok: boolean; upstream: string; calls: number }> {
    return this.request("GET", "/health");
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const send = () =>
      fetch(`${this.controlUrl}${path}`, {
        method,
        ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
      });
    // A pooled keep-alive socket the proxy has just closed fails before the request is sent; one retry on a
    // fresh socket. undici reports it as ECONNRESET, EPIPE or UND_ERR_SOCKET ("other side closed").
    const res = await send().catch((err: Error & { cause?: { code?: string } }) => {
      if (["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"].includes(err.cause?.code ?? "")) return send();
      throw err;
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`scenario proxy ${method} ${path}: ${res.status} ${JSON.stringify(parsed)}`);
    return parsed as T;
  }
}

function defaultControlUrl(): string {
  const fromEnv = process.env[CONTROL_URL_ENV];
  if (fromEnv) return fromEnv;
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (endpoint) return `${endpoint.replace(/\/+$/, "")}/__control`;
  throw new Error(`ProxyControl: pass the control URL, or set ${CONTROL_URL_ENV} or AWS_ENDPOINT_URL`);
}

function queryString(q: CallQuery & { by?: CountBy }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q) as [string, unknown][]) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
