import { jsonResponse, type EmulatorResponse } from "./http-response.js";
import type { ServiceError } from "./service-error.js";

/** OAuth error strings SSO OIDC puts beside its exception names (RFC 6749 / RFC 8628). */
const oauthErrors: Record<string, string> = {
  AuthorizationPendingException: "authorization_pending",
  SlowDownException: "slow_down",
  ExpiredTokenException: "expired_token",
  AccessDeniedException: "access_denied",
  InvalidGrantException: "invalid_grant",
  InvalidClientException: "invalid_client",
  InvalidRequestException: "invalid_request",
  UnsupportedGrantTypeException: "unsupported_grant_type",
  InvalidScopeException: "invalid_scope",
};

/**
 * REST-JSON errors: the SDKs take the error name from x-amzn-errortype; SSO
 * OIDC also sends the OAuth {error, error_description} body, the portal {message}.
 */
export function restJsonError(error: ServiceError, requestId: string): EmulatorResponse {
  const oauth = oauthErrors[error.code];
  const body =
    oauth === undefined
      ? { message: error.message }
      : { error: oauth, error_description: error.message };
  return jsonResponse(error.status, body, {
    "x-amzn-errortype": error.code,
    "x-amzn-requestid": requestId,
  });
}
