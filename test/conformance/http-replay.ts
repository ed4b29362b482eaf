import type {
  HttpRequestSpec,
  HttpResponseSpec,
  HttpTransport,
} from "../../src/aws/http-transport.js";

export interface RecordedExchange {
  method: string;
  url: string;
  response: HttpResponseSpec;
}

interface DvrAction {
  Request?: { request: { uri: string; method: string } };
  Response?: { response: { Ok?: { status: number; headers: Record<string, string[]> } } };
  Data?: { data: { Utf8?: string }; direction: "Request" | "Response" };
}

/** smithy-rs "dvr" V0 traffic: events grouped by connection, served in connection order. */
export function exchangesFromDvr(traffic: {
  events: { connection_id: number; action: DvrAction }[];
}): RecordedExchange[] {
  const byConnection = new Map<
    number,
    { method: string; url: string; status: number; headers: Record<string, string>; body: string }
  >();
  for (const { connection_id: id, action } of traffic.events) {
    const entry = byConnection.get(id) ?? { method: "", url: "", status: 0, headers: {}, body: "" };
    byConnection.set(id, entry);
    if (action.Request !== undefined) {
      entry.method = action.Request.request.method;
      entry.url = action.Request.request.uri;
    }
    const ok = action.Response?.response.Ok;
    if (ok !== undefined) {
      entry.status = ok.status;
      entry.headers = Object.fromEntries(
        Object.entries(ok.headers).map(([name, values]) => [name.toLowerCase(), values.join(",")]),
      );
    }
    if (action.Data?.direction === "Response") entry.body += action.Data.data.Utf8 ?? "";
  }
  return [...byConnection.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, e]) => ({
      method: e.method,
      url: e.url,
      response: { status: e.status, headers: e.headers, body: e.body },
    }));
}

/** The Kotlin extras' format: a plain list of request/response pairs. */
export function exchangesFromKotlin(
  traffic: {
    request: { method: string; uri: string };
    response: { status: number; headers?: Record<string, string>; body: string };
  }[],
): RecordedExchange[] {
  return traffic.map((t) => ({
    method: t.request.method,
    url: t.request.uri,
    response: {
      status: t.response.status,
      headers: lowerCaseKeys(t.response.headers ?? {}),
      body: t.response.body,
    },
  }));
}

/**
 * Serves recorded exchanges in order and fails on any request that is not the
 * next one recorded (method, host, path and query parameters in any order,
 * as smithy-rs checks).
 */
export function replayTransport(
  exchanges: readonly RecordedExchange[],
): HttpTransport & { unserved(): number; log: string[] } {
  let next = 0;
  const log: string[] = [];
  const transport = async (request: HttpRequestSpec): Promise<HttpResponseSpec> => {
    log.push(`${request.method} ${request.url}`);
    const expected = exchanges[next];
    if (
      expected === undefined ||
      expected.method !== request.method ||
      normalise(expected.url) !== normalise(request.url)
    ) {
      throw Object.assign(
        new Error(
          `unexpected request ${request.method} ${request.url} (expected ${expected?.method ?? "none"} ${expected?.url ?? ""})`,
        ),
        {
          code: "ECONNREFUSED",
        },
      );
    }
    next += 1;
    return expected.response;
  };
  return Object.assign(transport, { unserved: () => exchanges.length - next, log });
}

function normalise(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.sort();
  const path = parsed.pathname === "" ? "/" : parsed.pathname;
  return `${parsed.protocol}//${parsed.host}${path}?${parsed.searchParams.toString()}`;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
