import { join } from "node:path";
import { maskAccessKeyId } from "../aws/mask-access-key-id.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
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
/**
 * A role's external_id is a shared secret too (the confused-deputy guard),
 * but whether a session has one helps tell entries apart, so it is masked
 * rather than left out. It stays in keyParts, so it still names the file.
 */
const maskedKeyName = /externalid/i;
/** Access key ids (a hub's long-term one, a source session's) are shown masked, as in all output. */
const accessKeyIdName = /accesskeyid/i;

/**
 * keyParts as recorded in the file and the --debug log: entries whose name
 * suggests a secret are left out, an external id and access key ids are masked (at any depth).
 */
export function keyWithoutSecrets(keyParts: KeyParts): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(keyParts, (name, value: unknown) => {
      if (secretKeyName.test(name)) return undefined;
      if (maskedKeyName.test(name)) return value === null ? null : "****";
      if (accessKeyIdName.test(name) && typeof value === "string") return maskAccessKeyId(value);
      return value;
    }),
  ) as Record<string, unknown>;
}
