/**
 * The scenario proxy: a transparent HTTP proxy in front of moto that records calls, injects faults, holds
 * resources in progress and corrects moto's gaps. Test harness only; never imported by product code.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { accessKeyFromAuthorization, parseAwsCall, regionFromAuthorization, type AwsCall } from "./aws-call";
import { accessDeniedError, awsError, errorCodeOf, jsonOk, serverError, throttlingError, type SyntheticResponse } from "./aws-errors";
import { trimInput, type CallRecord, type InFlightCall } from "./call-log";
import { CONTROL_PREFIX, handleControl } from "./control-api";
import {
  CORRECTED_OPERATIONS,
  correctNotFound,
  latestTagPerKey,
  tagsFromRecordedCalls,
  correctServerErrorNotFound,
  decideStop,
  echoAfterCreate,
  decideUpdateEndpoint,
  endpointAfterUpdate,
  stopCorrectionFor,
  type StopCorrection,
  withServiceLinkedRoles,
} from "./corrections";
import { correctTableDescription, recordTableCall } from "./dynamodb-corrections";
import { decideFaults } from "./faults";
import { fillGap, type GapFillerContext } from "./gap-fillers";
import { clearedBeforePut, correctRequest } from "./request-corrections";
import { armAfter, dropStale, hasPendingAfter, holdKey, newHold, patchBody, serveDescribe, type Body, type HoldPhase } from "./holds";
import { emptyState, nextSeq, type ProxyState } from "./proxy-state";
import { correctS3 } from "./s3-corrections";
import { rewriteStringTimestamps } from "./timestamps";
import { learnAssumedKey, principalOf } from "./principals";

export interface ScenarioProxy {
  url: string;
  controlUrl: string;
  state: ProxyState;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "proxy-connection"]);

export async function startScenarioProxy(opts: { upstream: string; port?: number }): Promise<ScenarioProxy> {
  const state = emptyState();
  const upstream = new URL(opts.upstream);
  const server = createServer((req, res) => {
    handle(state, upstream, req, res).catch((err: Error) => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`scenario proxy: ${err.message}`);
      } else res.destroy();
    });
  });
  // Idle keep-alive sockets stay open until the client closes them. With a server-side idle timeout
  // (Node's 5 s), a client reusing its pooled socket just as the proxy closes it gets ECONNRESET, and
  // the tests' own SDK clients send once (maxAttempts 1, so injected faults surface): on a loaded
  // machine, whose event loops see the FIN late, that failed kubectl-ack-logs' CreateLogStream.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    controlUrl: `${url}${CONTROL_PREFIX}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(state: ProxyState, upstream: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const path = req.url ?? "/";
  if (path.startsWith(CONTROL_PREFIX)) {
    const reply = await handleControl(
      state,
      { upstream: upstream.origin, resetMoto: () => resetMoto(upstream) },
      req.method ?? "GET",
      new URL(path, "http://proxy"),
      body.toString("utf8"),
    );
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(JSON.stringify(reply.body));
    return;
  }

  const started = Date.now();
  const call = parseAwsCall({ method: req.method ?? "GET", path, headers: req.headers, body: body.toString("utf8") });
  // Visible as in flight until recorded, so a test can wait for a call to have reached AWS.
  const arrival: InFlightCall = { time: started, service: call.service, operation: call.operation, ...(call.resource !== undefined ? { resource: call.resource } : {}) };
  state.arriving.add(arrival);
  try {
    await handleAws(state, upstream, req, res, body, started, call);
  } finally {
    state.arriving.delete(arrival);
  }
}

async function handleAws(state: ProxyState, upstream: URL, req: IncomingMessage, res: ServerResponse, body: Buffer, started: number, call: AwsCall): Promise<void> {
  const signer = accessKeyFromAuthorization(typeof req.headers.authorization === "string" ? req.headers.authorization : undefined);
  const record = (status: number, extra: Partial<CallRecord>): void => {
    state.calls.push({
      seq: nextSeq(state),
      time: started,
      service: call.service,
      operation: call.operation,
      ...(call.resource !== undefined ? { resource: call.resource } : {}),
      status,
      durationMs: Date.now() - started,
      ...(signer ? { accessKeyId: signer, ...principalOf(state.assumedKeys, signer) } : {}),
      input: trimInput(call.input),
      ...extra,
    });
  };

  const faults = decideFaults(state.faults, call);
  state.faults = faults.rules;
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  const failure = faults.failure;
  if (failure?.kind === "reset") {
    record(0, { fault: "reset", errorCode: "ECONNRESET" });
    req.socket.destroy();
    return;
  }
  if (failure) {
    const synthetic =
      failure.kind === "throttle"
        ? throttlingError(call.protocol)
        : failure.kind === "access-denied"
          ? accessDeniedError(call.protocol, call.service, call.operation)
          : serverError(call.protocol, failure.status ?? 500);
    send(res, toReply(synthetic));
    record(synthetic.status, { fault: failure.kind, errorCode: errorCodeOf(synthetic.status, synthetic.headers, synthetic.body) });
    return;
  }

  const s3 = correctS3(state.s3, call, body.toString("utf8"));
  const corrected = s3 !== undefined || (call.service === "sagemaker" && CORRECTED_OPERATIONS.has(call.operation));
  let reply: Reply;
  let heldPhase: number | undefined;
  let gapFilled = false;
  if (s3) {
    reply = toReply(s3);
  } else if (corrected) {
    reply = toReply(await correct(state, upstream, call, req.headers));
  } else {
    const rewritten = await correctRequest(call, body.toString("utf8"), (operation, input) => readJson(upstream, req.headers, operation, input));
    const cleared = clearedBeforePut(call, req.method, req.url);
    if (cleared) await send0(upstream, { method: "DELETE", path: cleared, headers: req.headers.authorization ? { authorization: req.headers.authorization } : {}, body: Buffer.alloc(0) });
    const moto = await forward(upstream, req, rewritten === undefined ? body : Buffer.from(rewritten));
    const gap = await fillGap(state.gaps, call, { status: moto.status, body: moto.body.toString("utf8") }, gapContext(upstream, req.headers, call));
    gapFilled = gap !== undefined && !("overlaid" in gap);
    reply = gap === undefined ? moto : "overlaid" in gap ? { ...moto, body: Buffer.from(gap.overlaid) } : toReply(gap);
    reply = motoAnswerAsAws(state, call, reply);
    if (call.service === "dynamodb" && reply.status === 200) reply = dynamoDbAsAws(state, call, reply);
    ({ reply, heldPhase } = afterMoto(state, call, reply));
  }
  if (reply.status < 300) state.holds = armAfter(state.holds, call.operation, call.resource, nextSeq(state));
  send(res, reply);
  const bodyText = reply.body.toString("utf8");
  learnAssumedKey(state.assumedKeys, call, reply.status, bodyText);
  record(reply.status, {
    ...(faults.latencyMs > 0 ? { fault: "latency" as const } : {}),
    ...(corrected || gapFilled ? { corrected: true } : {}),
    ...(heldPhase !== undefined ? { heldPhase } : {}),
    ...(reply.status >= 300 ? { errorCode: errorCodeOf(reply.status, reply.headers, bodyText) } : {}),
  });
}

/** Where moto answers a call differently from AWS in a way the controllers depend on: AWS's answer. */
function motoAnswerAsAws(state: ProxyState, call: AwsCall, reply: Reply): Reply {
  if (call.service === "sagemaker" && reply.status === 400) {
    const parsed = parseJson(reply.body);
    const code = typeof parsed?.__type === "string" ? parsed.__type.split("#").pop() ?? "" : "";
    const message = String(parsed?.Message ?? parsed?.message ?? "");
    const aws = parsed ? correctNotFound(call.operation, call.input, { code, message }) : undefined;
    return aws ? toReply(awsError(call.protocol, 400, aws.code, aws.message)) : reply;
  }
  if (call.service === "sagemaker" && call.operation === "ListTags" && reply.status === 500 && typeof call.input.ResourceArn === "string") {
    const tags = tagsFromRecordedCalls(call.input.ResourceArn, state.calls);
    if (tags) return { status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: Buffer.from(JSON.stringify(tags)) };
  }
  if (call.service === "sagemaker" && reply.status === 500) {
    const aws = correctServerErrorNotFound(call.operation, call.input, reply.body.toString("utf8"));
    return aws ? toReply(awsError(call.protocol, 400, aws.code, aws.message)) : reply;
  }
  if (call.service === "sagemaker" && call.operation === "ListTags" && reply.status === 200) {
    const parsed = parseJson(reply.body);
    const latest = parsed ? latestTagPerKey(parsed) : undefined;
    return latest ? { ...reply, body: Buffer.from(JSON.stringify(latest)) } : reply;
  }
  if (call.service === "application-autoscaling" && call.operation === "DescribeScalableTargets" && reply.status === 200) {
    const parsed = parseJson(reply.body);
    const filled = parsed ? withServiceLinkedRoles(parsed) : undefined;
    return filled ? { ...reply, body: Buffer.from(JSON.stringify(filled)) } : reply;
  }
  return reply;
}

/** DynamoDB table settings moto drops or ignores (TableClass, SSE updates), shown as AWS reports them (dynamodb-corrections.ts). */
function dynamoDbAsAws(state: ProxyState, call: AwsCall, reply: Reply): Reply {
  const parsed = parseJson(reply.body);
  recordTableCall(state.dynamodb, call, parsed);
  const corrected = parsed ? correctTableDescription(state.dynamodb, call, parsed) : undefined;
  return corrected ? { ...reply, body: Buffer.from(JSON.stringify(corrected)) } : reply;
}

/** Rewrites a moto response: timestamp correction, correction overlays, holds, lifecycle bookkeeping. */
function afterMoto(state: ProxyState, call: AwsCall, reply: Reply): { reply: Reply; heldPhase?: number } {
  if (call.service !== "sagemaker" || reply.status !== 200) return { reply };
  const parsed = parseJson(reply.body);
  if (!parsed) return { reply };
  const noun = call.operation.replace(/^(Create|Delete)/, "");
  if (/^(Create|Delete)/.test(call.operation)) {
    // A new resource under an old name, or the end of one, makes earlier corrections stale.
    const key = holdKey(`Describe${noun}`, call.resource);
    state.overlays.delete(key);
    state.holds = dropStale(state.holds, `Describe${noun}`, call.resource);
    const echo = call.operation.startsWith("Create") ? echoAfterCreate(call.operation, call.input) : undefined;
    if (echo) state.overlays.set(holdKey(echo.describe, call.resource), echo.overlay);
  }
  const { body, changed, heldPhase } = describeView(state, call.operation, call.resource, parsed, true);
  if (!changed) return { reply, heldPhase };
  return { reply: { ...reply, body: Buffer.from(JSON.stringify(body)) }, heldPhase };
}

/** What a SageMaker response looks like to the client: timestamps fixed, overlays and holds applied. */
function describeView(state: ProxyState, operation: string, resource: string | undefined, raw: Body, consume: boolean) {
  const fixed = rewriteStringTimestamps(raw);
  let body = fixed.value;
  let changed = fixed.rewritten.length > 0;
  let heldPhase: number | undefined;
  if (operation.startsWith("Describe")) {
    const overlay = state.overlays.get(holdKey(operation, resource));
    if (overlay) {
      body = patchBody(body, overlay);
      changed = true;
    }
    const served = serveDescribe(state.holds, operation, resource, body, Date.now(), consume);
    if (served.body !== body) changed = true;
    body = served.body;
    state.holds = served.holds;
    heldPhase = served.heldPhase;
  }
  return { body, changed, heldPhase };
}

async function correct(state: ProxyState, upstream: URL, call: AwsCall, headers: IncomingHttpHeaders): Promise<SyntheticResponse> {
  const stop = stopCorrectionFor(call.operation);
  if (stop) return correctStop(state, upstream, call, headers, stop);
  return correctUpdateEndpoint(state, upstream, call, headers);
}

async function currentView(state: ProxyState, upstream: URL, headers: IncomingHttpHeaders, operation: string, input: Body, resource: string | undefined) {
  const moto = await callSageMaker(upstream, headers, operation, input);
  if (moto.status !== 200) return { error: moto.synthetic };
  return { body: describeView(state, operation, resource, moto.json, false).body };
}

async function correctStop(state: ProxyState, upstream: URL, call: AwsCall, headers: IncomingHttpHeaders, c: StopCorrection): Promise<SyntheticResponse> {
  const current = await currentView(state, upstream, headers, c.describe, call.input, call.resource);
  if (current.error) return current.error;
  const decision = decideStop(c, current.body, call.resource ?? "");
  if (!decision.accept) return awsError("awsJson1_1", 400, decision.code, decision.message);
  const key = holdKey(c.describe, call.resource);
  state.overlays.set(key, { ...state.overlays.get(key), ...c.stopped });
  transition(state, call, c.describe, [{ set: c.stopping, describes: 1 }]);
  return jsonOk(call.operation === "StopPipelineExecution" ? { PipelineExecutionArn: call.input.PipelineExecutionArn } : {});
}

async function correctUpdateEndpoint(state: ProxyState, upstream: URL, call: AwsCall, headers: IncomingHttpHeaders): Promise<SyntheticResponse> {
  const endpoint = await currentView(state, upstream, headers, "DescribeEndpoint", { EndpointName: call.input.EndpointName }, call.resource);
  if (endpoint.error) return endpoint.error;
  const decision = decideUpdateEndpoint(endpoint.body);
  if (!decision.accept) return awsError("awsJson1_1", 400, decision.code, decision.message);
  const config = await callSageMaker(upstream, headers, "DescribeEndpointConfig", { EndpointConfigName: call.input.EndpointConfigName });
  if (config.status !== 200) return config.synthetic;
  const key = holdKey("DescribeEndpoint", call.resource);
  state.overlays.set(key, { ...state.overlays.get(key), ...endpointAfterUpdate(endpoint.body, config.json, call.input, Date.now() / 1000) });
  transition(state, call, "DescribeEndpoint", [{ set: { EndpointStatus: "Updating" }, describes: 1 }]);
  return jsonOk({ EndpointArn: endpoint.body.EndpointArn });
}

/** The in-between state after a corrected call: the test's armed `after` hold if it set one, else a one-Describe default. */
function transition(state: ProxyState, call: AwsCall, describe: string, defaults: HoldPhase[]): void {
  if (hasPendingAfter(state.holds, call.operation, call.resource)) return; // armed by handle() once we answer 200
  const seq = nextSeq(state);
  state.holds.push(newHold({ operation: describe, resource: call.resource ?? "", phases: defaults, origin: "correction" }, `hold-${seq}`, seq));
}

async function callSageMaker(upstream: URL, headers: IncomingHttpHeaders, operation: string, input: Body) {
  const body = Buffer.from(JSON.stringify(input));
  const reply = await send0(upstream, {
    method: "POST",
    path: "/",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `SageMaker.${operation}`,
      ...(headers.authorization ? { authorization: headers.authorization } : {}),
      "content-length": String(body.length),
    },
    body,
  });
  const json = parseJson(reply.body) ?? {};
  const synthetic: SyntheticResponse = {
    status: reply.status,
    headers: Object.fromEntries(Object.entries(reply.headers).filter(([k, v]) => typeof v === "string" && !HOP_BY_HOP.has(k))) as Record<string, string>,
    body: reply.body.toString("utf8"),
  };
  return { status: reply.status, json, synthetic };
}

const MOTO_ACCOUNT = "123456789012";

/** What a gap filler may ask of moto: a call of the client's service, in its protocol, with its signature. */
function gapContext(upstream: URL, headers: IncomingHttpHeaders, call: AwsCall): GapFillerContext {
  const auth = typeof headers.authorization === "string" ? headers.authorization : "";
  const region = regionFromAuthorization(auth) ?? "us-east-1";
  return {
    region,
    accountId: MOTO_ACCOUNT,
    moto: async (operation, input) => {
      const query = call.protocol === "awsQuery";
      const body = Buffer.from(
        query
          ? new URLSearchParams({ Action: operation, Version: String(call.input.Version ?? ""), ...Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v)])) }).toString()
          : JSON.stringify(input),
      );
      const target = String(headers["x-amz-target"] ?? "").split(".")[0];
      const reply = await send0(upstream, {
        method: "POST",
        path: "/",
        headers: {
          "content-type": query ? "application/x-www-form-urlencoded; charset=utf-8" : String(headers["content-type"] ?? "application/x-amz-json-1.1"),
          ...(query ? {} : { "x-amz-target": `${target}.${operation}` }),
          ...(auth ? { authorization: auth } : {}),
          "content-length": String(body.length),
        },
        body,
      });
      return { status: reply.status, body: reply.body.toString("utf8") };
    },
  };
}

/** A JSON-protocol call to moto with the client's target prefix and signature: its output, or undefined on an error. */
async function readJson(upstream: URL, headers: IncomingHttpHeaders, operation: string, input: Body): Promise<Body | undefined> {
  const target = String(headers["x-amz-target"] ?? "").split(".")[0];
  const body = Buffer.from(JSON.stringify(input));
  const reply = await send0(upstream, {
    method: "POST",
    path: "/",
    headers: {
      "content-type": String(headers["content-type"] ?? "application/x-amz-json-1.0"),
      "x-amz-target": `${target}.${operation}`,
      ...(headers.authorization ? { authorization: headers.authorization } : {}),
      "content-length": String(body.length),
    },
    body,
  });
  return reply.status === 200 ? parseJson(reply.body) : undefined;
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<Reply> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
  headers["content-length"] = String(body.length);
  return send0(upstream, { method: req.method ?? "GET", path: req.url ?? "/", headers, body });
}

function send0(upstream: URL, r: { method: string; path: string; headers: Record<string, string | string[]>; body: Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: r.method, path: r.path, headers: r.headers },
      (res) => {
        readBody(res).then((body) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body }), reject);
      },
    );
    out.on("error", reject);
    out.end(r.body);
  });
}

async function resetMoto(upstream: URL): Promise<void> {
  const res = await fetch(new URL("/moto-api/reset", upstream), { method: "POST" });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`moto reset answered ${res.status}`);
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(reply.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
  headers["content-length"] = String(reply.body.length);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function toReply(s: SyntheticResponse): Reply {
  return { status: s.status, headers: s.headers, body: Buffer.from(s.body) };
}

function parseJson(body: Buffer): Body | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
