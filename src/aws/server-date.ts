import { directTransport } from "./http-transport.js";
import type { HttpTransport } from "./http-transport.js";

/**
 * The `Date` header of an unsigned GET to `url`: every AWS endpoint sends one,
 * even when it refuses the request, so no credentials are needed to compare
 * clocks. Gives up after `timeoutMs`.
 */
export async function fetchServerDate(
  url: string,
  timeoutMs = 5_000,
  transport: HttpTransport = directTransport,
): Promise<Date> {
  const response = await transport({ method: "GET", url, headers: {}, timeoutMs });
  const header = response.headers.date;
  const time = header === undefined ? Number.NaN : Date.parse(header);
  if (Number.isNaN(time)) throw new Error(`${url} sent no Date header`);
  return new Date(time);
}
