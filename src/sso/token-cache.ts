import { createHash } from "node:crypto";
import { join } from "node:path";
import { ConfigError } from "../errors.js";
import type { FileReader } from "../io/file-system.js";
import { pythonJsonDumps } from "../io/python-json.js";
import { writeFileAtomic } from "../io/atomic-write.js";

/**
 * The AWS CLI v2's SSO token cache, byte for byte: `~/.aws/sso/cache/<sha1>.json`
 * where the hash is of the sso-session name, or of the start URL for a legacy
 * profile (botocore SSOTokenLoader._generate_cache_key). Fields and their
 * order are those botocore writes after a login or a refresh.
 */
export interface CachedSsoToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  /** ISO 8601 UTC, seconds precision, "Z" suffix: "2026-11-22T10:00:00Z". */
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** The OIDC client registration the AWS CLI caches next to the tokens. */
export interface CachedClientRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
}

/** Which token a session or legacy profile uses: the session name wins over the start URL. */
export interface SsoTokenKey {
  sessionName?: string | undefined;
  startUrl: string;
}

export function ssoCacheDirectory(homedir: string): string {
  return join(homedir, ".aws", "sso", "cache");
}

export function tokenCachePath(homedir: string, key: SsoTokenKey): string {
  return join(ssoCacheDirectory(homedir), `${sha1Hex(key.sessionName ?? key.startUrl)}.json`);
}

/**
 * The AWS CLI v2's registration cache name (BaseSSOTokenFetcher._registration_cache_key):
 * sha1 of `json.dumps({tool, startUrl, region, scopes, session_name}, sort_keys=True)`.
 * `scopes` is null when the session sets no `sso_registration_scopes`.
 */
export function registrationCachePath(
  homedir: string,
  args: {
    startUrl: string;
    region: string;
    scopes: readonly string[] | undefined;
    sessionName: string | undefined;
  },
): string {
  const sorted = {
    region: args.region,
    scopes: args.scopes === undefined ? null : [...args.scopes],
    session_name: args.sessionName ?? null,
    startUrl: args.startUrl,
    tool: "botocore",
  };
  return join(ssoCacheDirectory(homedir), `${sha1Hex(pythonJsonDumps(sorted))}.json`);
}

/** The token in the cache, or undefined when there is none; a file that is not a token is a ConfigError. */
export async function readCachedToken(
  files: FileReader,
  path: string,
): Promise<CachedSsoToken | undefined> {
  const value = await readJson(files, path);
  if (value === undefined) return undefined;
  // botocore's SSOTokenLoader needs exactly these two; everything else is optional.
  if (typeof value["accessToken"] !== "string" || typeof value["expiresAt"] !== "string") {
    throw new ConfigError(
      `The SSO token cache file ${path} has no accessToken or expiresAt.`,
      "Run `credo sso login` to replace it.",
    );
  }
  return value as unknown as CachedSsoToken;
}

export async function readCachedRegistration(
  files: FileReader,
  path: string,
): Promise<CachedClientRegistration | undefined> {
  const value = await readJson(files, path).catch(() => undefined);
  if (value === undefined) return undefined;
  const { clientId, clientSecret, expiresAt } = value;
  if (
    typeof clientId !== "string" ||
    typeof clientSecret !== "string" ||
    typeof expiresAt !== "string"
  ) {
    return undefined;
  }
  return value as unknown as CachedClientRegistration;
}

export async function writeCachedToken(path: string, token: CachedSsoToken): Promise<void> {
  const ordered: CachedSsoToken = {
    ...(token.startUrl === undefined ? {} : { startUrl: token.startUrl }),
    ...(token.region === undefined ? {} : { region: token.region }),
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
    ...(token.clientId === undefined ? {} : { clientId: token.clientId }),
    ...(token.clientSecret === undefined ? {} : { clientSecret: token.clientSecret }),
    ...(token.registrationExpiresAt === undefined
      ? {}
      : { registrationExpiresAt: token.registrationExpiresAt }),
    ...(token.refreshToken === undefined ? {} : { refreshToken: token.refreshToken }),
  };
  await writePrivateFile(path, pythonJsonDumps(ordered));
}

export async function writeCachedRegistration(
  path: string,
  registration: CachedClientRegistration,
): Promise<void> {
  await writePrivateFile(path, pythonJsonDumps(registration));
}

/** botocore's `strftime("%Y-%m-%dT%H:%M:%SZ")`: UTC, whole seconds. */
export function formatCacheTime(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** Parses the cache's timestamps; botocore accepts any ISO 8601 (dateutil), so "+00:00" and millis are read too. */
export function parseCacheTime(text: string, path: string): number {
  const epochMs = Date.parse(text);
  if (Number.isNaN(epochMs)) {
    throw new ConfigError(
      `The SSO token cache file ${path} has an unreadable time "${text}".`,
      "Run `credo sso login`.",
    );
  }
  return epochMs;
}

async function readJson(
  files: FileReader,
  path: string,
): Promise<Record<string, unknown> | undefined> {
  const text = await files.readText(path);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError(
      `The SSO cache file ${path} is not valid JSON.`,
      "Run `credo sso login` to replace it.",
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(
      `The SSO cache file ${path} is not a JSON object.`,
      "Run `credo sso login` to replace it.",
    );
  }
  return value as Record<string, unknown>;
}

function sha1Hex(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

/**
 * SSO tokens and client secrets: 0600 whatever an older copy had, in a 0700
 * folder, atomically, so a reader such as botocore never sees half a token
 * (botocore's JSONFileCache writes the same way).
 */
function writePrivateFile(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, text, { secret: true, exitCode: "auth" });
}
