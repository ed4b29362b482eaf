import { CredoError } from "../errors.js";

/** OpenSSL's verification failures, as Node reports them in `code`. */
const untrustedCodes = new Set([
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
]);
const expiredCodes = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
const wrongHostCode = "ERR_TLS_CERT_ALTNAME_INVALID";

interface TlsErrorShape {
  code?: unknown;
  host?: unknown;
  cause?: unknown;
}

function tlsCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as TlsErrorShape).code;
    if (
      typeof code === "string" &&
      (untrustedCodes.has(code) ||
        expiredCodes.has(code) ||
        code === wrongHostCode ||
        code.startsWith("ERR_SSL_"))
    ) {
      return code;
    }
    current = (current as TlsErrorShape).cause;
  }
  return undefined;
}

export function isTlsError(error: unknown): boolean {
  return tlsCode(error) !== undefined;
}

const caBundleHint =
  "If your network inspects TLS with your organisation's certificate authority, set AWS_CA_BUNDLE " +
  "(or ca_bundle in the profile) to the PEM file of that authority; otherwise check HTTPS_PROXY and the endpoint URL.";

/**
 * One message for a TLS failure: which check failed and the fix, without the
 * stack (the cause stays attached for --debug). Exit code: network.
 * `action` names what failed ("GetCallerIdentity", "Console sign-in at signin.aws.amazon.com").
 */
export function tlsError(error: unknown, action: string): CredoError {
  const code = tlsCode(error) ?? "TLS";
  const host = (error as TlsErrorShape | undefined)?.host;
  const certificate =
    typeof host === "string" ? `the certificate of ${host}` : "the endpoint's certificate";
  const what = untrustedCodes.has(code)
    ? `${certificate} is not signed by a trusted certificate authority`
    : expiredCodes.has(code)
      ? `${certificate} has expired or is not yet valid`
      : code === wrongHostCode
        ? `${certificate} is for another host name`
        : "the TLS handshake failed";
  return new CredoError(
    `${action} failed: the connection could not be secured: ${what} (${code}).`,
    {
      exitCode: "network",
      hint: caBundleHint,
      cause: error,
    },
  );
}
