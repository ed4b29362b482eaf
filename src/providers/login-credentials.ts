import type { AwsCallContext } from "../aws/aws-call-context.js";
import { awsCallError } from "../aws/aws-error.js";
import { refreshLoginSession, type RefreshedLoginSession } from "../aws/signin-oauth.js";
import { ConfigError, CredoError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { dpopProof, loadDpopKey } from "../login/dpop-proof.js";
import {
  loginCachePath,
  loginExpiresAt,
  readLoginToken,
  serializeLoginToken,
  signInAgainHint,
  type LoginToken,
} from "../login/login-token-cache.js";
import { withFileLock } from "../io/file-lock.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { loginRefreshWindowMs } from "./login-refresh-window.js";
import type { BaseSource } from "./plan-chain.js";

type LoginSource = Extract<BaseSource, { kind: "Login" }>;

/**
 * Credentials of an `aws login` session (login_session): the cached ones
 * while they have more than 5 minutes left, otherwise refreshed through the
 * sign-in service with the cached refresh token and DPoP key, and written
 * back where the AWS CLI reads them. The refresh runs under the cache file's
 * lock and re-reads the file first, so concurrent callers refresh once and
 * the others take the new credentials.
 */
export async function loginCredentials(
  source: LoginSource,
  context: ChainContext,
): Promise<AwsCredentials> {
  const path = loginCachePath(context.env, context.homedir, source.loginSession);
  const cached = await readLoginToken(context.files, path, source.profile);
  if (!needsRefresh(cached, context.clock.now())) return toCredentials(cached);
  return withFileLock(path, async () => {
    const current = await readLoginToken(context.files, path, source.profile);
    if (!needsRefresh(current, context.clock.now())) {
      context.logger.debug(`login session of profile ${source.profile} was refreshed meanwhile`);
      return toCredentials(current);
    }
    const refreshed = await refreshToken(source, current, context);
    if (refreshed === undefined) return toCredentials(current);
    const updated = withRefreshedSession(current, refreshed, context.clock.now());
    await writeFileAtomic(path, serializeLoginToken(updated), {
      secret: true,
      exitCode: "auth",
    });
    return toCredentials(updated);
  });
}

function needsRefresh(token: LoginToken, now: number): boolean {
  const expiresAt = Date.parse(token.accessToken.expiresAt);
  return Number.isNaN(expiresAt) || expiresAt - now <= loginRefreshWindowMs;
}

/** The refreshed session, or undefined when the refresh failed in transit but the cached credentials still work. */
async function refreshToken(
  source: LoginSource,
  token: LoginToken,
  context: ChainContext,
): Promise<RefreshedLoginSession | undefined> {
  try {
    loadDpopKey(token.dpopKey);
  } catch {
    throw new CredoError(
      `The "aws login" session cached for profile "${source.profile}" cannot be refreshed: its dpopKey is not a valid EC P-256 private key.`,
      { exitCode: "auth", hint: signInAgainHint(source.profile) },
    );
  }
  const region = token.signInRegion ?? context.signin.region;
  if (region === undefined || region === "") {
    throw new ConfigError(
      `No region is set for refreshing the "aws login" session of profile "${source.profile}".`,
      `Set region in [profile ${source.profile}] or AWS_REGION.`,
    );
  }
  const callContext: AwsCallContext = { ...context.signin, region };
  context.logger.debug(`refreshing the login session of profile ${source.profile}`);
  try {
    return await refreshLoginSession(
      callContext,
      { clientId: token.clientId, refreshToken: token.refreshToken },
      (method, url) =>
        dpopProof({ privateKeyPem: token.dpopKey, method, url, now: context.clock.now() }),
    );
  } catch (error) {
    const failure = refreshError(error, source.profile);
    const stillValid = Date.parse(token.accessToken.expiresAt) > context.clock.now();
    if (stillValid && failure.exitCode === "network") {
      // As the SDKs do: a refresh that could not reach the service leaves the cached credentials in use until they expire.
      context.logger.debug(`${failure.message} Using the cached credentials until they expire.`);
      return undefined;
    }
    throw failure;
  }
}

/** One message per way the sign-in service refuses, each saying to sign in again. */
function refreshError(error: unknown, profile: string): CredoError {
  const shape = (error ?? {}) as { name?: string; error?: string; message?: string };
  const hint = signInAgainHint(profile);
  const session = `The "aws login" session of profile "${profile}"`;
  if (shape.name === "AccessDeniedException") {
    switch (shape.error) {
      case "TOKEN_EXPIRED":
        return new CredoError(`${session} has expired.`, { exitCode: "auth", hint, cause: error });
      case "USER_CREDENTIALS_CHANGED":
        return new CredoError(`${session} ended because the password was changed.`, {
          exitCode: "auth",
          hint,
          cause: error,
        });
      case "INSUFFICIENT_PERMISSIONS":
        return new CredoError(
          `${session} could not be refreshed: the sign-in service denied it (missing permission for signin:CreateOAuth2Token).`,
          { exitCode: "auth", hint, cause: error },
        );
    }
  }
  const failure = awsCallError(error, `Refreshing the "aws login" session of profile "${profile}"`);
  if (failure.exitCode === "network") return failure;
  return new CredoError(
    `${session} could not be refreshed: the sign-in service rejected the request (${shape.name ?? "Error"}: ${(shape.message ?? String(error)).split("\n")[0] ?? ""}).`,
    { exitCode: "auth", hint, cause: error },
  );
}

/** botocore's write-back: accessToken rebuilt in its field order, the new refresh token, everything else kept. */
function withRefreshedSession(
  token: LoginToken,
  refreshed: RefreshedLoginSession,
  now: number,
): LoginToken {
  return {
    ...token,
    accessToken: {
      accessKeyId: refreshed.accessKeyId,
      secretAccessKey: refreshed.secretAccessKey,
      sessionToken: refreshed.sessionToken,
      accountId: token.accessToken.accountId,
      expiresAt: loginExpiresAt(now + refreshed.expiresInSeconds * 1000),
    },
    refreshToken: refreshed.refreshToken,
  };
}

function toCredentials(token: LoginToken): AwsCredentials {
  const access = token.accessToken;
  return {
    accessKeyId: access.accessKeyId,
    secretAccessKey: access.secretAccessKey,
    sessionToken: access.sessionToken,
    accountId: access.accountId,
    expiration: new Date(access.expiresAt),
  };
}
