import { escapeMarkup, xmlResponse, type EmulatorResponse } from "./http-response.js";
import type { ServiceError } from "./service-error.js";

/** The two query-protocol services the emulator speaks, with the XML namespaces their SDK models declare. */
export type QueryService = "sts" | "iam";

const namespaces: Record<QueryService, string> = {
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
};

/** A tree of XML elements: strings are text, arrays are `<member>` lists, undefined is left out. */
export type XmlValue =
  string | number | boolean | undefined | XmlValue[] | { [element: string]: XmlValue };

export function toXml(value: XmlValue): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join("");
  if (typeof value === "object") {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([name, child]) => `<${name}>${toXml(child)}</${name}>`)
      .join("");
  }
  return escapeMarkup(String(value));
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` as the SDKs' query deserializers expect. */
export function querySuccess(
  service: QueryService,
  action: string,
  result: XmlValue,
  requestId: string,
): EmulatorResponse {
  const resultXml =
    result === undefined ? "" : `<${action}Result>${toXml(result)}</${action}Result>`;
  const body =
    `<${action}Response xmlns="${namespaces[service]}">${resultXml}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return xmlResponse(200, body, requestId);
}

export function queryError(
  service: QueryService,
  error: ServiceError,
  requestId: string,
): EmulatorResponse {
  const type = error.status >= 500 ? "Receiver" : "Sender";
  const body =
    `<ErrorResponse xmlns="${namespaces[service]}"><Error><Type>${type}</Type>` +
    `<Code>${escapeMarkup(error.code)}</Code><Message>${escapeMarkup(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return xmlResponse(error.status, body, requestId);
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
