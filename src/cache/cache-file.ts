import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { join } from "node:path";
import type { FileReader } from "../io/file-system.js";
import { nodeFileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";

/**
 * One cached session on disk. The first five fields are the credential_process
 * Version 1 shape, so `credo process` can print a hit nearly as-is; `Key`
 * records what the entry is for (without secrets) for `credo list`, logout and
 * reset, since the file name is only a hash.
 */
export interface CachedSession {
  credentials: AwsCredentials;
  cachedAt: Date;
  key: Record<string, unknown>;
}

export type KeyParts = Readonly<Record<string, unknown>>;

/** Refresh this long before expiry: 5 minutes, the SDKs' default refresh window. */
export const defaultRefreshMarginMs = 5 * 60_000;

/**
 * The session's credentials if they are good for more than the margin, else
 * undefined. The disk cache and the `credo process` fast path decide a hit here.
 */
export function freshCredentials(
  session: CachedSession | undefined,
  now: number,
  marginMs: number,
): AwsCredentials | undefined {
  const expiration = session?.credentials.expiration;
  if (session === undefined || expiration === undefined) return undefined;
  return expiration.getTime() - now > marginMs ? session.credentials : undefined;
}

/**
 * SHA-256 of the canonical JSON of keyParts (keys sorted at every level), so
 * equal keys name one file. @noble/hashes rather than node:crypto: this module
 * is on the `credo process` fast path, where loading node:crypto costs ~2 ms
 * of a ~30 ms run (measured with `npm run bench`).
 */
export function cacheFileName(keyParts: KeyParts): string {
  return cacheFileNameOfKey(canonicalJson(keyParts));
}

/** cacheFileName of key parts already in canonical JSON (canonicalJson), for callers that keep the key. */
export function cacheFileNameOfKey(canonicalKey: string): string {
  return `${bytesToHex(sha256(utf8ToBytes(canonicalKey)))}.json`;
}

/** The cached session for keyParts as it is on disk (fresh or not), without locking; undefined if absent or unreadable. */
export async function readCachedCredentials(
  dir: string,
  keyParts: KeyParts,
  logger: Logger = silentLogger,
  files: FileReader = nodeFileReader,
): Promise<CachedSession | undefined> {
  return readCacheFile(join(dir, cacheFileName(keyParts)), logger, files);
}

export async function readCacheFile(
  path: string,
  logger: Logger,
  files: FileReader = nodeFileReader,
): Promise<CachedSession | undefined> {
  const text = await files.readText(path);
  if (text === undefined) return undefined;
  const session = parseCacheFile(text);
  // A corrupt cache file is never fatal: the caller fetches and replaces it.
  if (session === undefined) logger.debug(`ignoring unreadable cache file ${path}`);
  return session;
}

export function parseCacheFile(text: string): CachedSession | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data["Version"] !== 1) return undefined;
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId, CachedAt, Key } = data;
  if (!isNonEmptyString(AccessKeyId) || !isNonEmptyString(SecretAccessKey)) return undefined;
  if (SessionToken !== undefined && !isNonEmptyString(SessionToken)) return undefined;
  if (AccountId !== undefined && typeof AccountId !== "string") return undefined;
  const expiration = parseDate(Expiration);
  const cachedAt = parseDate(CachedAt);
  if (expiration === undefined || cachedAt === undefined || !isRecord(Key)) return undefined;
  return {
    credentials: {
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretAccessKey,
      ...(SessionToken === undefined ? {} : { sessionToken: SessionToken }),
      expiration,
      ...(AccountId === undefined ? {} : { accountId: AccountId }),
    },
    cachedAt,
    key: Key,
  };
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_name, inner: unknown) =>
    isRecord(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}
