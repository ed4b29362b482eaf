import { CredoError } from "../errors.js";
import { isTlsError, tlsError } from "./tls-error.js";

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  /** Attached by the SDK's deserializer to every error it throws... */
  $response?: unknown;
  /** ...and set only on modelled service errors, so its absence means the answer was unreadable. */
  $fault?: string;
}

const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

/**
 * One CredoError for a failed AWS call, with what to do next. `action` names
 * the call ("AssumeRole arn:aws:iam::1:role/x"); the AWS error code and
 * message are kept because they are what AWS documentation and forums quote.
 */
export function awsCallError(
  error: unknown,
  action: string,
  context: { mfaUsed?: boolean } = {},
): CredoError {
  if (error instanceof CredoError) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const name = shape.name ?? "Error";
  // SDK messages can run over several lines (deserialization errors add advice
  // about hidden fields); credo's message is one line, the rest is in --debug.
  const detail = `${name}: ${(shape.message ?? String(error)).split("\n")[0]?.trim() ?? ""}`;
  const cause = { cause: error };
  if (isTlsError(error)) return tlsError(error, action);
  if (shape.$response !== undefined && shape.$fault === undefined) {
    return new CredoError(
      `${action} failed: the endpoint answered with a response that is not valid AWS output (${detail}).`,
      {
        ...cause,
        exitCode: "network",
        hint: "A proxy or a wrong AWS_ENDPOINT_URL / endpoint_url may be answering instead of AWS; try again or check them.",
      },
    );
  }
  if (isNetworkError(shape)) {
    return new CredoError(`${action} failed: the AWS endpoint could not be reached (${detail}).`, {
      ...cause,
      exitCode: "network",
      hint: "Check the network, a proxy, or AWS_ENDPOINT_URL / endpoint_url settings.",
    });
  }
  switch (name) {
    case "AccessDenied":
    case "AccessDeniedException":
      return new CredoError(`${action} was denied (${detail}).`, {
        ...cause,
        exitCode: "auth",
        hint: context.mfaUsed
          ? "The MFA code may be wrong or already used: wait for the next code and try again. Otherwise check the role's trust policy."
          : "Check the role's trust policy and the caller's permissions (and whether the role requires MFA).",
      });
    case "ExpiredToken":
    case "ExpiredTokenException":
      return new CredoError(`${action} failed: the source credentials have expired (${detail}).`, {
        ...cause,
        exitCode: "auth",
        hint: "Refresh the source session (for a credo hub: `credo process NAME` again; for SSO: `credo sso login`).",
      });
    case "InvalidClientTokenId":
      return new CredoError(
        `${action} failed: AWS does not recognise the access key (${detail}).`,
        {
          ...cause,
          exitCode: "auth",
          hint: "The access key may be deleted or inactive, or meant for another partition; rotate or re-import it.",
        },
      );
    case "SignatureDoesNotMatch":
      return new CredoError(`${action} failed: the request signature did not match (${detail}).`, {
        ...cause,
        exitCode: "auth",
        hint: "The secret access key may be wrong, or this machine's clock may be off: check the time (NTP) and the key.",
      });
    case "UnauthorizedException":
      return new CredoError(`${action} failed: the SSO access token was rejected (${detail}).`, {
        ...cause,
        exitCode: "auth",
        hint: "Run `credo sso login` to get a new token.",
      });
    default:
      return new CredoError(`${action} failed (${detail}).`, {
        ...cause,
        exitCode: (shape.$metadata?.httpStatusCode ?? 0) >= 500 ? "network" : "auth",
        hint: "Run with --debug for details.",
      });
  }
}

function isNetworkError(shape: SdkErrorShape): boolean {
  if (shape.code !== undefined && networkCodes.has(shape.code)) return true;
  return shape.name === "TimeoutError" || shape.name === "AbortError";
}
