import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { AwsCredentials } from "../providers/credentials.js";
import type { KeyParts } from "./cache-file.js";
import { cacheFileName } from "./cache-file.js";

/**
 * Writes the entry atomically (0600, temp file, fsync, rename), so a reader
 * sees the old entry or the new one, never half of one. Kept apart from
 * cache-file.ts, which the `credo process` fast path loads.
 */
export async function writeCacheFile(
  dir: string,
  keyParts: KeyParts,
  credentials: AwsCredentials & { expiration: Date },
  cachedAt: Date,
): Promise<void> {
  const path = join(dir, cacheFileName(keyParts));
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
  await writeFileAtomic(path, `${JSON.stringify(body, null, 2)}\n`, { secret: true });
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
