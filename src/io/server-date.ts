/**
 * The `Date` header of an unsigned GET to `url`: every AWS endpoint sends one,
 * even when it refuses the request, so no credentials are needed to compare
 * clocks. Gives up after `timeoutMs`.
 */
export async function fetchServerDate(url: string, timeoutMs = 5_000): Promise<Date> {
  const response = await fetch(url, {
    method: "GET",
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "manual",
  });
  await response.body?.cancel();
  const header = response.headers.get("date");
  const time = header === null ? Number.NaN : Date.parse(header);
  if (Number.isNaN(time)) throw new Error(`${url} sent no Date header`);
  return new Date(time);
}
