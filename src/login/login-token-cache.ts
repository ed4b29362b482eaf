import { createHash } from "node:crypto";
import { join } from "node:path";
import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { pythonJsonDumps } from "../io/python-json.js";

/**
 * One `aws login` session as the AWS CLI caches it in
 * `~/.aws/login/cache/<sha256(login_session)>.json` (botocore
 * LoginTokenLoader / JSONFileCache). Unknown fields are kept as they are:
 * credo rewrites only accessToken and refreshToken, like botocore.
 */
export interface LoginToken {
  accessToken: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    accountId: string;
    /** ISO 8601 UTC, seconds precision: "2025-11-19T00:15:00Z". */
    expiresAt: string;
    [field: string]: unknown;
  };
  clientId: string;
  refreshToken: string;
  /** The DPoP key pair's private half, PEM (SEC1 or PKCS#8). */
  dpopKey: string;
  /** The region the session was signed in to; the refresh goes there when set. */
  signInRegion?: string;
  [field: string]: unknown;
}

/** AWS_LOGIN_CACHE_DIRECTORY (with ~ expanded, as botocore does) or ~/.aws/login/cache. */
export function loginCacheDirectory(env: Env, homedir: string): string {
  const configured = envValue(env, "AWS_LOGIN_CACHE_DIRECTORY");
  if (configured === undefined) return join(homedir, ".aws", "login", "cache");
  if (configured === "~") return homedir;
  if (configured.startsWith("~/")) return join(homedir, configured.slice(2));
  return configured;
}

/** The cache file of a login_session: the SHA-256 hex of the session ARN, as the SDKs name it. */
export function loginCachePath(env: Env, homedir: string, loginSession: string): string {
  const key = createHash("sha256").update(loginSession, "utf8").digest("hex");
  return join(loginCacheDirectory(env, homedir), `${key}.json`);
}

/** What to tell a user whose cached session cannot be used. */
export function signInAgainHint(profile: string): string {
  return `Run \`aws login --profile ${profile}\` to sign in again.`;
}

/**
 * The cached session, validated the way botocore and the JS SDK do before
 * using it (accessToken with its account, clientId, refreshToken, dpopKey):
 * a missing file or field is an error that says to sign in again.
 */
export async function readLoginToken(
  files: FileReader,
  path: string,
  profile: string,
): Promise<LoginToken> {
  const text = await files.readText(path);
  if (text === undefined) {
    throw new CredoError(
      `No "aws login" session is cached for profile "${profile}": ${path} does not exist.`,
      { exitCode: "auth", hint: signInAgainHint(profile) },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidCache(path, profile, "it is not JSON");
  }
  const missing = missingFields(value);
  if (missing.length > 0) throw invalidCache(path, profile, `it is missing ${missing.join(", ")}`);
  return value as LoginToken;
}

function missingFields(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return ["every field"];
  const token = value as Record<string, unknown>;
  const missing = ["clientId", "refreshToken", "dpopKey"].filter(
    (key) => typeof token[key] !== "string" || token[key] === "",
  );
  const access = token["accessToken"];
  if (typeof access !== "object" || access === null) return ["accessToken", ...missing];
  const fields = access as Record<string, unknown>;
  for (const key of ["accessKeyId", "secretAccessKey", "sessionToken", "accountId", "expiresAt"]) {
    if (typeof fields[key] !== "string" || fields[key] === "") missing.push(`accessToken.${key}`);
  }
  return missing;
}

function invalidCache(path: string, profile: string, problem: string): CredoError {
  return new CredoError(
    `The "aws login" session cached for profile "${profile}" cannot be used: ${path} ${problem}.`,
    { exitCode: "auth", hint: signInAgainHint(profile) },
  );
}

/** The file text botocore writes (Python json.dumps defaults), so either tool reads the other's. */
export function serializeLoginToken(token: LoginToken): string {
  return pythonJsonDumps(token);
}

/** botocore's expiresAt format: `%Y-%m-%dT%H:%M:%SZ`. */
export function loginExpiresAt(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
