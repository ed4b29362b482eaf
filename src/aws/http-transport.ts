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

/** Node's fetch; used for the link-local metadata endpoints (no SDK involved). */
export const fetchTransport: HttpTransport = async (request) => {
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    signal: AbortSignal.timeout(request.timeoutMs ?? 5000),
  };
  if (request.body !== undefined) init.body = request.body;
  const response = await fetch(request.url, init);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
};

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
