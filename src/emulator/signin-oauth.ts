import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { jwkThumbprint, verifyDpopProof } from "./dpop-verifier.js";
import { jsonResponse, type EmulatorResponse } from "./http-response.js";
import type { IdentityStore } from "./identity-store.js";
import { opaqueToken } from "./ids.js";
import { ServiceError } from "./service-error.js";

/** The OAuth error codes the sign-in service puts in an AccessDeniedException. */
export type LoginDenial = "TOKEN_EXPIRED" | "USER_CREDENTIALS_CHANGED" | "INSUFFICIENT_PERMISSIONS";

/** What `aws login` leaves in ~/.aws/login/cache/<sha256(login_session)>.json. */
export interface CliLoginCacheToken {
  accessToken: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    accountId: string;
    expiresAt: string;
  };
  tokenType: "aws_sigv4";
  clientId: string;
  refreshToken: string;
  idToken: string;
  dpopKey: string;
}

export interface LoginSignIn {
  /** The login_session value for the profile: the signed-in session's ARN. */
  loginSession: string;
  token: CliLoginCacheToken;
}

export interface LoginGrantInput {
  refreshToken: string;
  clientId: string;
  /** The PEM private key whose public half the refresh token is bound to. */
  dpopKey: string;
  /** Fixed credentials to answer with (conformance vectors); otherwise a session is issued. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** The refresh token the first refresh answers with (vectors fix it); random otherwise. */
  nextRefreshToken?: string;
  account?: string;
  arn?: string;
}

interface Grant {
  clientId: string;
  thumbprint: string;
  account: string;
  arn: string;
  fixed: LoginGrantInput["credentials"];
  nextRefreshToken: string | undefined;
  /** The refresh token's own end (the sign-in session's maximum), epoch ms. */
  expiresAt: number;
  denial: LoginDenial | undefined;
}

const cliClientId = "arn:aws:signin:::devtools/same-device";
/** The sign-in service hands out 15-minute credentials and sessions of up to 12 hours. */
const credentialsTtlSeconds = 900;
const sessionTtlMs = 12 * 3600 * 1000;

/**
 * The AWS Sign-In service's CreateOAuth2Token (POST /v1/token) for the
 * refresh_token grant of `aws login` sessions. Each refresh token is bound to
 * the DPoP key it was issued for; a refresh verifies the proof (signature
 * with the jwk in its header, htm, htu, iat, unused jti), then rotates the
 * refresh token: the old one stops working, so a second refresh of the same
 * session shows up as an expired token (stricter than AWS, which answers a
 * repeated refresh idempotently, to make double refreshes visible in tests).
 */
export class SigninOAuth {
  private readonly grants = new Map<string, Grant>();
  private readonly usedJtis = new Set<string>();

  constructor(private readonly store: IdentityStore) {}

  /** A completed `aws login` for an assumed-role session: what the AWS CLI would cache. */
  signIn(
    input: { account: string; roleName: string; sessionName: string },
    now: number,
  ): LoginSignIn {
    const arn = `arn:aws:sts::${input.account}:assumed-role/${input.roleName}/${input.sessionName}`;
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const dpopKey = privateKey.export({ format: "pem", type: "sec1" }).toString();
    const refreshToken = opaqueToken("rt");
    this.grants.set(refreshToken, {
      clientId: cliClientId,
      thumbprint: thumbprintOf(dpopKey),
      account: input.account,
      arn,
      fixed: undefined,
      nextRefreshToken: undefined,
      expiresAt: now + sessionTtlMs,
      denial: undefined,
    });
    const credentials = this.issue(input.account, arn);
    return {
      loginSession: arn,
      token: {
        accessToken: {
          ...credentials,
          accountId: input.account,
          expiresAt: new Date(Math.floor(now / 1000) * 1000 + credentialsTtlSeconds * 1000)
            .toISOString()
            .replace(".000Z", "Z"),
        },
        tokenType: "aws_sigv4",
        clientId: cliClientId,
        refreshToken,
        idToken: opaqueToken("id"),
        dpopKey,
      },
    };
  }

  /** Registers a refresh token as if signed in earlier (conformance vectors bring their own). */
  grant(input: LoginGrantInput, now: number): void {
    this.grants.set(input.refreshToken, {
      clientId: input.clientId,
      thumbprint: thumbprintOf(input.dpopKey),
      account: input.account ?? "000000000000",
      arn: input.arn ?? "",
      fixed: input.credentials,
      nextRefreshToken: input.nextRefreshToken,
      expiresAt: now + sessionTtlMs,
      denial: undefined,
    });
  }

  /** Makes every refresh of the session behind any of its refresh tokens fail with `denial`. */
  deny(refreshToken: string, denial: LoginDenial): void {
    const grant = this.grants.get(refreshToken);
    if (grant !== undefined) grant.denial = denial;
  }

  /** Ends the session now: its refresh token is expired. */
  expire(refreshToken: string, now: number): void {
    const grant = this.grants.get(refreshToken);
    if (grant !== undefined) grant.expiresAt = now;
  }

  createToken(
    body: Buffer,
    dpopHeader: string | undefined,
    request: { url: string; now: number },
  ): EmulatorResponse {
    const input = parseInput(body);
    if (input["grantType"] !== "refresh_token")
      throw invalidRequest("only grantType refresh_token is supported");
    const refreshToken = input["refreshToken"];
    if (typeof refreshToken !== "string" || refreshToken === "")
      throw invalidRequest("refreshToken is required");
    let proof;
    try {
      proof = verifyDpopProof(dpopHeader, { method: "POST", url: request.url, now: request.now });
    } catch (error) {
      throw invalidRequest(`Invalid DPoP proof: ${(error as Error).message}`);
    }
    if (this.usedJtis.has(proof.jti))
      throw invalidRequest("Invalid DPoP proof: the jti was used before");
    this.usedJtis.add(proof.jti);
    const grant = this.grants.get(refreshToken);
    if (grant === undefined || grant.expiresAt <= request.now)
      throw denied("TOKEN_EXPIRED", "The refresh token has expired or was already used");
    if (grant.clientId !== input["clientId"])
      throw invalidRequest("clientId does not match the refresh token");
    if (grant.thumbprint !== proof.thumbprint)
      throw invalidRequest(
        "Invalid DPoP proof: the key is not the one the refresh token is bound to",
      );
    if (grant.denial !== undefined) throw denied(grant.denial, denialMessages[grant.denial]);
    this.grants.delete(refreshToken);
    const next = grant.nextRefreshToken ?? opaqueToken("rt");
    this.grants.set(next, { ...grant, nextRefreshToken: undefined });
    return jsonResponse(200, {
      accessToken: grant.fixed ?? this.issue(grant.account, grant.arn),
      tokenType: "aws_sigv4",
      expiresIn: credentialsTtlSeconds,
      refreshToken: next,
    });
  }

  private issue(account: string, arn: string) {
    const roleName = arn.split("/")[1] ?? "role";
    const session = this.store.issueSession(
      {
        kind: "assumed-role",
        account,
        arn,
        userId: `AROA${roleName
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, "")
          .padEnd(17, "X")
          .slice(0, 17)}:${arn.split("/")[2] ?? ""}`,
        mfa: true,
        user: undefined,
      },
      credentialsTtlSeconds,
    );
    return {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    };
  }
}

const denialMessages: Record<LoginDenial, string> = {
  TOKEN_EXPIRED: "The refresh token has expired",
  USER_CREDENTIALS_CHANGED: "The user's credentials changed since sign-in",
  INSUFFICIENT_PERMISSIONS: "The session is not permitted to call CreateOAuth2Token",
};

/** A ServiceError whose `code` is the exception and whose OAuth error rides in the message prefix. */
class SigninError extends ServiceError {
  constructor(
    status: number,
    code: string,
    readonly oauthError: string,
    message: string,
  ) {
    super(status, code, message);
  }
}

function invalidRequest(message: string): SigninError {
  return new SigninError(400, "ValidationException", "INVALID_REQUEST", message);
}

function denied(error: LoginDenial, message: string): SigninError {
  // The model gives AccessDeniedException no status of its own, so REST-JSON's 400 applies.
  return new SigninError(400, "AccessDeniedException", error, message);
}

/** The service's error shape: {error, message} beside the exception name in x-amzn-errortype. */
export function signinOAuthError(error: ServiceError, requestId: string): EmulatorResponse {
  const oauthError = error instanceof SigninError ? error.oauthError : "server_error";
  return jsonResponse(
    error.status,
    { error: oauthError, message: error.message },
    { "x-amzn-errortype": error.code, "x-amzn-requestid": requestId },
  );
}

function parseInput(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw invalidRequest("The request body is not a JSON object");
}

function thumbprintOf(privateKeyPem: string): string {
  const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: "jwk" });
  return jwkThumbprint({ crv: jwk.crv ?? "", kty: jwk.kty ?? "", x: jwk.x, y: jwk.y });
}
