import { Readable } from "node:stream";

export interface RawResponse {
  status: number;
  body: string;
}

interface StackOwner {
  middlewareStack: { add(mw: unknown, opts: { step: "deserialize"; priority: "low"; name: string }): void };
}

/**
 * Puts a middleware between the SDK's deserializer and the HTTP handler that copies each raw response body into
 * `sink`, so a check can see moto's bytes (e.g. string timestamps) that the deserializer would reject or hide.
 */
export function captureRawResponses(client: StackOwner, sink: (raw: RawResponse) => void): void {
  const middleware =
    (next: (args: unknown) => Promise<{ response: { statusCode?: number; body?: unknown } }>) =>
    async (args: unknown) => {
      const result = await next(args);
      const response = result.response;
      const chunks: Buffer[] = [];
      if (response.body && typeof (response.body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
        for await (const chunk of response.body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
        response.body = Readable.from([Buffer.concat(chunks)]);
      }
      sink({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      return result;
    };
  client.middlewareStack.add(middleware, { step: "deserialize", priority: "low", name: "ackTsRawCapture" });
}
