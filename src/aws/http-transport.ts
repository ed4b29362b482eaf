import type { Agent } from "node:http";

/**
 * One HTTP exchange, small enough to replay: credo's own metadata clients
 * (container, IMDS) use it directly and the AWS SDK clients reach it through
 * sdkRequestHandler, so a test can serve recorded traffic to both.
 */
export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponseSpec {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

export type HttpTransport = (request: HttpRequestSpec) => Promise<HttpResponseSpec>;

/** A 2xx answer, what fetch called `ok`. */
export function succeeded(response: HttpResponseSpec): boolean {
  return response.status >= 200 && response.status < 300;
}

/** The agents of a proxy or CA bundle (networkAgents): node:http's own when absent. */
export interface TransportAgents {
  httpAgent: Agent;
  httpsAgent: Agent;
}

/**
 * One exchange over node:http(s), through `agents` when given. Used directly
 * for the link-local metadata endpoints (no SDK involved), and by
 * networkTransport for the AWS endpoints credo calls outside the SDK.
 *
 * Not Node's fetch: the first fetch of a process compiles undici's
 * WebAssembly HTTP parser, which on Node.js 20 cost about 0.25 CPU-seconds
 * (a fetch of a local server: 0.35 s of CPU against 0.11 s through
 * node:http), more than a whole cache hit of `credo process`. The time limit
 * is for the whole exchange, as fetch's AbortSignal.timeout was.
 */
export function nodeHttpTransport(agents?: TransportAgents): HttpTransport {
  return async (request) => {
    const url = new URL(request.url);
    const secure = url.protocol === "https:";
    const { request: send } = secure ? await import("node:https") : await import("node:http");
    return new Promise((resolve, reject) => {
      const outgoing = send(
        url,
        {
          method: request.method,
          headers: request.headers,
          // One connection per exchange: nothing pooled keeps a short-lived process waiting.
          agent: (secure ? agents?.httpsAgent : agents?.httpAgent) ?? false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", fail);
          response.on("end", () => {
            clearTimeout(timer);
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined)
                headers[name] = Array.isArray(value) ? value.join(", ") : value;
            }
            resolve({
              status: response.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).toString("utf8"),
            });
          });
        },
      );
      function fail(error: Error) {
        clearTimeout(timer);
        reject(error);
      }
      const timer = setTimeout(
        () =>
          outgoing.destroy(Object.assign(new Error("request timed out"), { name: "TimeoutError" })),
        request.timeoutMs ?? 5000,
      );
      outgoing.on("error", fail);
      outgoing.end(request.body);
    });
  };
}

/** node:http(s) without a proxy: the metadata services, and anything when no proxy or CA bundle is set. */
export const directTransport: HttpTransport = nodeHttpTransport();

/** The shape of a Smithy HttpRequest that a request handler receives. */
interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/** A Smithy HttpHandler over a transport: what the SDK clients take as `requestHandler`. */
export interface SdkRequestHandler {
  handle(request: SdkHttpRequest): Promise<{
    response: { statusCode: number; headers: Record<string, string>; body: Uint8Array };
  }>;
}

export function sdkRequestHandler(transport: HttpTransport): SdkRequestHandler {
  return {
    async handle(request) {
      const port = request.port === undefined ? "" : `:${request.port}`;
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${queryString(request.query)}`;
      const spec: HttpRequestSpec = { method: request.method, url, headers: request.headers };
      if (typeof request.body === "string") spec.body = request.body;
      const response = await transport(spec);
      return {
        response: {
          statusCode: response.status,
          headers: { ...response.headers },
          body: new TextEncoder().encode(response.body),
        },
      };
    },
  };
}

function queryString(query: SdkHttpRequest["query"]): string {
  if (query === undefined) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null) params.append(name, "");
    else for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
