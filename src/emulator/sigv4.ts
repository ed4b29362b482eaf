import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * SigV4 as the emulator needs it: rebuild the canonical request from what
 * arrived on the wire and check the client's signature. Verification only;
 * credo itself signs through the AWS SDK.
 */

/** One request as received: raw path and query, headers in arrival order. */
export interface ReceivedRequest {
  method: string;
  /** The path as sent (still percent-encoded by the client). */
  path: string;
  /** The raw query string without "?" ("" when there is none). */
  query: string;
  headers: ReadonlyArray<readonly [name: string, value: string]>;
  body: Buffer;
}

export interface AuthorizationHeader {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

export function parseAuthorizationHeader(value: string): AuthorizationHeader | undefined {
  const match = authorizationPattern.exec(value.trim());
  if (match === null) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  if (!accessKeyId || !date || !region || !service || !signedHeaders || !signature)
    return undefined;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(";"), signature };
}

/** RFC 3986 unreserved characters stay; every other UTF-8 byte becomes %XX (upper case), as SigV4 requires. */
export function uriEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Remove "." and ".." segments and empty segments, keeping a trailing slash (aws-c-auth get-slash*, get-relative* cases). */
function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = path.endsWith("/") && segments.length > 0 ? "/" : "";
  return `/${segments.join("/")}${trailing}`;
}

/**
 * Every service but S3 signs the path encoded once more on top of the wire
 * form (the JS SDK's escapeUri over request.path; smithy-rs double-encode case),
 * so each segment is encoded as received, "%" included.
 */
function canonicalPath(path: string, normalize: boolean): string {
  const base = path === "" ? "/" : path;
  return (normalize ? normalizePath(base) : base).split("/").map(uriEncode).join("/");
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function canonicalQuery(query: string): string {
  if (query === "") return "";
  const pairs = query
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      const key = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? "" : part.slice(eq + 1);
      return [uriEncode(decodeComponent(key)), uriEncode(decodeComponent(value))] as const;
    });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join("&");
}

/** Header values are trimmed with inner whitespace runs collapsed; repeated headers join with "," in arrival order. */
function canonicalHeaderValues(request: ReceivedRequest, signedHeaders: readonly string[]): string {
  return signedHeaders
    .map((name) => {
      const values = request.headers
        .filter(([header]) => header.toLowerCase() === name)
        .map(([, value]) => value.trim().replace(/\s+/g, " "));
      return `${name}:${values.join(",")}\n`;
    })
    .join("");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function headerValue(request: ReceivedRequest, name: string): string | undefined {
  const found = request.headers.find(([header]) => header.toLowerCase() === name);
  return found?.[1].trim();
}

/** The payload hash the client signed: its x-amz-content-sha256 header when present, else the body's digest. */
export function payloadHash(request: ReceivedRequest): string {
  return headerValue(request, "x-amz-content-sha256") ?? sha256Hex(request.body);
}

export function canonicalRequest(
  request: ReceivedRequest,
  signedHeaders: readonly string[],
  options: { normalizePath: boolean },
): string {
  return [
    request.method.toUpperCase(),
    canonicalPath(request.path, options.normalizePath),
    canonicalQuery(request.query),
    canonicalHeaderValues(request, signedHeaders),
    signedHeaders.join(";"),
    payloadHash(request),
  ].join("\n");
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

export function signature(
  secretAccessKey: string,
  auth: Omit<AuthorizationHeader, "accessKeyId" | "signedHeaders" | "signature">,
  toSign: string,
): string {
  const dateKey = hmac(`AWS4${secretAccessKey}`, auth.date);
  const regionKey = hmac(dateKey, auth.region);
  const serviceKey = hmac(regionKey, auth.service);
  const signingKey = hmac(serviceKey, "aws4_request");
  return createHmac("sha256", signingKey).update(toSign, "utf8").digest("hex");
}

export interface SignatureCheck {
  canonicalRequest: string;
  stringToSign: string;
  expectedSignature: string;
  valid: boolean;
}

/** Recompute the signature of a received request with the secret of the key it names. */
export function checkSignature(
  request: ReceivedRequest,
  auth: AuthorizationHeader,
  secretAccessKey: string,
  options: { normalizePath: boolean } = { normalizePath: true },
): SignatureCheck {
  const amzDate = headerValue(request, "x-amz-date") ?? "";
  const canonical = canonicalRequest(request, auth.signedHeaders, options);
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = stringToSign(amzDate, scope, canonical);
  const expected = signature(secretAccessKey, auth, toSign);
  // Both are 64 hex characters (parseAuthorizationHeader insists), as timingSafeEqual needs equal lengths.
  const valid = timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature));
  return { canonicalRequest: canonical, stringToSign: toSign, expectedSignature: expected, valid };
}

/** Parse "20150830T123600Z" (X-Amz-Date) into epoch milliseconds. */
export function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}
