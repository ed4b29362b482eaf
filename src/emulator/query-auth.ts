import type { Caller, IdentityStore } from "./identity-store.js";
import { ServiceError } from "./service-error.js";
import {
  checkSignature,
  headerValue,
  parseAmzDate,
  parseAuthorizationHeader,
  sha256Hex,
  type AuthorizationHeader,
  type ReceivedRequest,
} from "./sigv4.js";

/** AWS rejects a signature whose X-Amz-Date is more than 15 minutes from its own clock. */
const maxSkewMs = 15 * 60 * 1000;

export function readAuthorization(request: ReceivedRequest): AuthorizationHeader | undefined {
  const header = headerValue(request, "authorization");
  return header === undefined ? undefined : parseAuthorizationHeader(header);
}

function amzDateText(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * Authenticate a signed query-protocol request the way STS and IAM do, in the
 * order they do: unknown key, session token, expiry, clock skew, signature.
 */
export function authenticate(
  request: ReceivedRequest,
  auth: AuthorizationHeader,
  store: IdentityStore,
  now: number,
): Caller {
  const caller = store.findCaller(auth.accessKeyId);
  const invalidToken = new ServiceError(
    403,
    "InvalidClientTokenId",
    "The security token included in the request is invalid.",
  );
  if (caller === undefined) throw invalidToken;
  const token = headerValue(request, "x-amz-security-token");
  if (caller.kind === "session") {
    if (token !== caller.session.sessionToken) throw invalidToken;
    if (caller.session.expiresAt <= now) {
      throw new ServiceError(
        400,
        "ExpiredToken",
        "The security token included in the request is expired",
      );
    }
  } else if (token !== undefined) {
    throw invalidToken;
  }
  const amzDate = headerValue(request, "x-amz-date") ?? "";
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || !amzDate.startsWith(auth.date)) {
    throw new ServiceError(
      400,
      "IncompleteSignature",
      "Date must be in ISO-8601 'basic format' and match the credential scope.",
    );
  }
  // STS reports skew as SignatureDoesNotMatch with these texts; the SDKs treat
  // that code as a clock-skew error and correct their offset from the Date header.
  if (signedAt < now - maxSkewMs) {
    throw new ServiceError(
      403,
      "SignatureDoesNotMatch",
      `Signature expired: ${amzDate} is now earlier than ${amzDateText(now - maxSkewMs)} (${amzDateText(now)} - 15 min.)`,
    );
  }
  if (signedAt > now + maxSkewMs) {
    throw new ServiceError(
      403,
      "SignatureDoesNotMatch",
      `Signature not yet current: ${amzDate} is still later than ${amzDateText(now + maxSkewMs)} (${amzDateText(now)} + 15 min.)`,
    );
  }
  // A signed x-amz-content-sha256 only proves the body if it is the body's digest.
  const declaredHash = headerValue(request, "x-amz-content-sha256");
  if (
    declaredHash !== undefined &&
    declaredHash !== "UNSIGNED-PAYLOAD" &&
    declaredHash !== sha256Hex(request.body)
  ) {
    throw new ServiceError(
      400,
      "XAmzContentSHA256Mismatch",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const secret =
    caller.kind === "session" ? caller.session.secretAccessKey : caller.accessKey.secretAccessKey;
  if (!checkSignature(request, auth, secret).valid) {
    throw new ServiceError(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  }
  return caller;
}
