import { createHash, randomUUID } from "node:crypto";
import { jsonResponse, type EmulatorResponse } from "./http-response.js";
import { opaqueToken } from "./ids.js";
import { ServiceError } from "./service-error.js";
import type { OidcClient, SsoDirectory } from "./sso-directory.js";

export interface OidcDeps {
  sso: SsoDirectory;
  now: number;
  baseUrl: string;
}

export function oidcOperation(method: string, pathname: string): string | undefined {
  if (method !== "POST") return undefined;
  if (pathname === "/client/register") return "RegisterClient";
  if (pathname === "/device_authorization") return "StartDeviceAuthorization";
  if (pathname === "/token") return "CreateToken";
  return undefined;
}

const deviceGrant = "urn:ietf:params:oauth:grant-type:device_code";
/** Registrations last 90 days, as Identity Center's do. */
const clientTtlSeconds = 90 * 24 * 3600;

type Input = Record<string, unknown>;

function text(input: Input, key: string): string | undefined {
  const value = input[key];
  return typeof value === "string" ? value : undefined;
}

function strings(input: Input, key: string): string[] {
  const value = input[key];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function authenticateClient(input: Input, { sso, now }: OidcDeps): OidcClient {
  const client = sso.clients.get(text(input, "clientId") ?? "");
  if (client === undefined || client.clientSecret !== text(input, "clientSecret")) {
    throw new ServiceError(401, "InvalidClientException", "Invalid client provided");
  }
  if (client.expiresAt <= now)
    throw new ServiceError(401, "InvalidClientException", "Client registration has expired");
  return client;
}

function registerClient(input: Input, { sso, now }: OidcDeps): EmulatorResponse {
  const clientName = text(input, "clientName");
  if (clientName === undefined || text(input, "clientType") !== "public") {
    throw new ServiceError(
      400,
      "InvalidRequestException",
      "clientName and clientType 'public' are required",
    );
  }
  const client: OidcClient = {
    clientId: opaqueToken("cid"),
    clientSecret: opaqueToken("csec"),
    clientName,
    scopes: strings(input, "scopes"),
    redirectUris: strings(input, "redirectUris"),
    expiresAt: now + clientTtlSeconds * 1000,
  };
  sso.clients.set(client.clientId, client);
  return jsonResponse(200, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(now / 1000),
    clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
  });
}

function startDeviceAuthorization(input: Input, deps: OidcDeps): EmulatorResponse {
  const client = authenticateClient(input, deps);
  const { sso, now, baseUrl } = deps;
  const startUrl = text(input, "startUrl") ?? "";
  if (startUrl !== sso.startUrl)
    throw new ServiceError(400, "InvalidRequestException", `Unknown start URL: ${startUrl}`);
  const device = {
    deviceCode: opaqueToken("dc"),
    userCode: sso.newUserCode(),
    clientId: client.clientId,
    startUrl,
    expiresAt: now + sso.deviceCodeTtlSeconds * 1000,
    status: "pending" as const,
    lastPollAt: undefined,
  };
  sso.devices.set(device.deviceCode, device);
  return jsonResponse(200, {
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri: `${baseUrl}/device`,
    verificationUriComplete: `${baseUrl}/device?user_code=${device.userCode}`,
    expiresIn: sso.deviceCodeTtlSeconds,
    interval: sso.pollIntervalSeconds,
  });
}

function tokens(client: OidcClient, { sso, now }: OidcDeps): EmulatorResponse {
  // Identity Center hands out refresh tokens only to clients registered with
  // scopes (the sso-session form); legacy registrations get an access token only.
  const refreshToken = client.scopes.length > 0 ? opaqueToken("aor") : undefined;
  if (refreshToken !== undefined)
    sso.refreshTokens.set(refreshToken, { clientId: client.clientId });
  return jsonResponse(200, {
    accessToken: sso.issueAccessToken(now),
    tokenType: "Bearer",
    expiresIn: sso.accessTokenTtlSeconds,
    ...(refreshToken === undefined ? {} : { refreshToken }),
  });
}

const invalidGrant = (message: string) => new ServiceError(400, "InvalidGrantException", message);

function deviceCodeGrant(input: Input, client: OidcClient, deps: OidcDeps): EmulatorResponse {
  const { sso, now } = deps;
  const device = sso.devices.get(text(input, "deviceCode") ?? "");
  if (device === undefined || device.clientId !== client.clientId || device.status === "consumed")
    throw invalidGrant("Invalid device code provided");
  if (device.expiresAt <= now)
    throw new ServiceError(400, "ExpiredTokenException", "Device code has expired");
  if (device.status === "denied")
    throw new ServiceError(
      400,
      "AccessDeniedException",
      "The user denied the authorization request",
    );
  const tooSoon =
    device.lastPollAt !== undefined && now - device.lastPollAt < sso.pollIntervalSeconds * 1000;
  device.lastPollAt = now;
  if (device.status === "pending") {
    if (tooSoon) throw new ServiceError(400, "SlowDownException", "Client is polling too quickly");
    throw new ServiceError(400, "AuthorizationPendingException", "Authorization is still pending");
  }
  device.status = "consumed";
  return tokens(client, deps);
}

/** PKCE S256 (RFC 7636): the challenge is base64url(SHA-256(verifier)). */
function authorizationCodeGrant(
  input: Input,
  client: OidcClient,
  deps: OidcDeps,
): EmulatorResponse {
  const codeValue = text(input, "code") ?? "";
  const code = deps.sso.authorizationCodes.get(codeValue);
  deps.sso.authorizationCodes.delete(codeValue);
  if (code === undefined || code.clientId !== client.clientId || code.expiresAt <= deps.now)
    throw invalidGrant("Invalid authorization code provided");
  if (text(input, "redirectUri") !== code.redirectUri)
    throw invalidGrant("Redirect URI does not match the authorization request");
  const challenge = createHash("sha256")
    .update(text(input, "codeVerifier") ?? "")
    .digest("base64url");
  if (challenge !== code.codeChallenge)
    throw invalidGrant("Code verifier does not match the code challenge");
  return tokens(client, deps);
}

function refreshTokenGrant(input: Input, client: OidcClient, deps: OidcDeps): EmulatorResponse {
  const refreshToken = text(input, "refreshToken") ?? "";
  const entry = deps.sso.refreshTokens.get(refreshToken);
  if (entry === undefined || entry.clientId !== client.clientId)
    throw invalidGrant("Invalid refresh token provided");
  deps.sso.refreshTokens.delete(refreshToken);
  return tokens(client, deps);
}

function createToken(input: Input, deps: OidcDeps): EmulatorResponse {
  const client = authenticateClient(input, deps);
  const grantType = text(input, "grantType");
  if (grantType === deviceGrant) return deviceCodeGrant(input, client, deps);
  if (grantType === "authorization_code") return authorizationCodeGrant(input, client, deps);
  if (grantType === "refresh_token") return refreshTokenGrant(input, client, deps);
  throw new ServiceError(
    400,
    "UnsupportedGrantTypeException",
    `Unsupported grant type: ${grantType ?? ""}`,
  );
}

export function runOidcOperation(
  operation: string,
  body: Buffer,
  deps: OidcDeps,
): EmulatorResponse {
  let input: Input;
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8") || "{}");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("not an object");
    input = parsed as Input;
  } catch {
    throw new ServiceError(400, "InvalidRequestException", "The request body is not a JSON object");
  }
  if (operation === "RegisterClient") return registerClient(input, deps);
  if (operation === "StartDeviceAuthorization") return startDeviceAuthorization(input, deps);
  return createToken(input, deps);
}

/** GET /authorize: check the client and redirect URI, then send the browser to the approval page. */
export function beginAuthorization(query: URLSearchParams, { sso, now }: OidcDeps): string {
  const client = sso.clients.get(query.get("client_id") ?? "");
  const redirectUri = query.get("redirect_uri") ?? "";
  if (client === undefined || client.expiresAt <= now)
    throw new ServiceError(400, "InvalidClientException", "Invalid client provided");
  if (
    query.get("response_type") !== "code" ||
    query.get("code_challenge_method") !== "S256" ||
    !query.get("code_challenge")
  ) {
    throw new ServiceError(
      400,
      "InvalidRequestException",
      "response_type=code and a S256 code_challenge are required",
    );
  }
  if (
    client.redirectUris.length > 0 &&
    !client.redirectUris.some((r) => sameRedirectUri(r, redirectUri))
  ) {
    throw new ServiceError(
      400,
      "InvalidRequestException",
      "redirect_uri is not registered for this client",
    );
  }
  const request = {
    id: randomUUID(),
    clientId: client.clientId,
    redirectUri,
    state: query.get("state") ?? "",
    codeChallenge: query.get("code_challenge") ?? "",
    codeChallengeMethod: "S256",
  };
  sso.authorizationRequests.set(request.id, request);
  return request.id;
}

/** The user's decision on an authorization request: where to send the browser back to. */
export function completeAuthorization(
  requestId: string,
  allow: boolean,
  { sso, now }: OidcDeps,
): string {
  const request = sso.authorizationRequests.get(requestId);
  if (request === undefined)
    throw new ServiceError(
      400,
      "InvalidRequestException",
      "Unknown or finished authorization request",
    );
  sso.authorizationRequests.delete(requestId);
  const target = new URL(request.redirectUri);
  if (allow) {
    const code = opaqueToken("code");
    sso.authorizationCodes.set(code, {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      expiresAt: now + 600_000,
    });
    target.searchParams.set("code", code);
  } else {
    target.searchParams.set("error", "access_denied");
    target.searchParams.set("error_description", "The user denied the authorization request");
  }
  target.searchParams.set("state", request.state);
  return target.toString();
}

/**
 * RFC 8252 section 7.3: for a loopback redirect the authorization server must
 * allow any port, since native apps listen on whatever port is free (the AWS
 * CLI registers http://127.0.0.1/oauth/callback and redirects to a random one).
 */
function sameRedirectUri(registered: string, presented: string): boolean {
  if (registered === presented) return true;
  try {
    const a = new URL(registered);
    const b = new URL(presented);
    const loopback = ["127.0.0.1", "[::1]", "localhost"];
    return (
      a.protocol === "http:" &&
      b.protocol === "http:" &&
      loopback.includes(a.hostname) &&
      a.hostname === b.hostname &&
      a.pathname === b.pathname
    );
  } catch {
    return false;
  }
}
