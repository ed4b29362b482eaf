/** What a handler answers; the server writes it (and adds Date from the emulator's clock). */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(value),
  };
}

export function xmlResponse(status: number, body: string, requestId: string): EmulatorResponse {
  return { status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}

export function htmlResponse(status: number, body: string): EmulatorResponse {
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body };
}

export function redirectResponse(location: string): EmulatorResponse {
  return { status: 302, headers: { location }, body: "" };
}

export function escapeMarkup(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
