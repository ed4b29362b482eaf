import { createHash, randomUUID } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { FileReader } from "../io/file-system.js";
import { nodeFileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import { silentLogger } from "../io/logger.js";
import type { AwsCredentials } from "../providers/credentials.js";

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

/** SHA-256 of the canonical JSON of keyParts (keys sorted at every level), so equal keys name one file. */
export function cacheFileName(keyParts: KeyParts): string {
  return `${createHash("sha256").update(canonicalJson(keyParts)).digest("hex")}.json`;
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

/**
 * Writes the entry atomically: a private temp file in the same folder,
 * fsynced, then renamed over the old one, so a reader sees the old entry or
 * the new one, never half of one.
 */
export async function writeCacheFile(
  dir: string,
  keyParts: KeyParts,
  credentials: AwsCredentials & { expiration: Date },
  cachedAt: Date,
): Promise<void> {
  const path = join(dir, cacheFileName(keyParts));
  const temp = join(dir, `.${randomUUID()}.tmp`);
  const body = {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { SessionToken: credentials.sessionToken }),
    Expiration: credentials.expiration.toISOString(),
    ...(credentials.accountId === undefined ? {} : { AccountId: credentials.accountId }),
    CachedAt: cachedAt.toISOString(),
    Key: keyWithoutSecrets(keyParts),
  };
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(body, null, 2)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

const secretKeyName = /secret|token|passphrase|password/i;

/** keyParts as recorded in the file: entries whose name suggests a secret are left out (at any depth). */
export function keyWithoutSecrets(keyParts: KeyParts): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(keyParts, (name, value: unknown) =>
      secretKeyName.test(name) ? undefined : value,
    ),
  ) as Record<string, unknown>;
}

function canonicalJson(value: unknown): string {
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
