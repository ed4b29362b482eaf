import type { AwsCallContext } from "../aws/aws-call-context.js";
import { getSessionToken } from "../aws/sts.js";
import type { SessionCache } from "../cache/session-cache.js";
import { ConfigError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import type { Properties } from "../profile-files/types.js";
import { stringProperty } from "../profile-files/profile-property.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { MfaCodeSource } from "./mfa.js";
import { hubSessionKeyParts } from "./session-key-parts.js";

// The key builders live in session-key-parts.ts (shared with the fast path); listing code imports them from here too.

export interface HubSessionDeps {
  profileOf(name: string): Properties | undefined;
  cache: SessionCache;
  mfa: MfaCodeSource;
  logger: Logger;
  /** STS settings (region, endpoint) for the hub's own profile. */
  stsFor(name: string): AwsCallContext;
  /** The hub's access key id as recorded outside the vault (vault/hub-key-ids.ts), for the cache key. */
  recordedKeyId(name: string): Promise<string | undefined>;
  /** The hub's long-term keys; opens the vault, so it is called only on a cache miss. */
  hubKeys(name: string): Promise<AwsCredentials | undefined>;
}

/**
 * The vault-backed hub behind `credential_process = credo process NAME`: an
 * MFA session (GetSessionToken) from the hub's long-term keys, cached for its
 * lifetime. The vault is opened only when the cache has to call STS, so a
 * cache hit never asks for the passphrase.
 */
export function hubSessionCredentials(
  deps: HubSessionDeps,
): (name: string) => Promise<AwsCredentials> {
  return async (name) => {
    const profile = deps.profileOf(name);
    const sts = deps.stsFor(name);
    const recordedKeyId = await deps.recordedKeyId(name);
    const keyParts = hubSessionKeyParts(name, profile, sts, recordedKeyId);
    const { credentials, fromCache } = await deps.cache.getOrFetch(keyParts, async () => {
      const keys = await deps.hubKeys(name);
      if (!keys) {
        throw new ConfigError(
          `The vault holds no access key for hub "${name}".`,
          `Add it with \`credo hub add ${name} --access-key-id ID --mfa-serial ARN\` or \`credo import --profile ${name}\`.`,
        );
      }
      if (recordedKeyId !== undefined && keys.accessKeyId !== recordedKeyId) {
        // The vault was replaced behind credo's back (a restored copy?): never cache its session under another key's name.
        throw new ConfigError(
          `The vault holds another access key for hub "${name}" than the one credo recorded.`,
          `Store the key again with \`credo hub add ${name} --access-key-id ID --mfa-serial ARN\`.`,
        );
      }
      const serialNumber = stringProperty(profile, "mfa_serial");
      const mfaProcess = stringProperty(profile, "credo_mfa_process");
      const tokenCode =
        serialNumber === undefined
          ? undefined
          : await deps.mfa({
              serial: serialNumber,
              profile: name,
              ...(mfaProcess === undefined ? {} : { mfaProcess }),
            });
      deps.logger.debug(
        `calling STS GetSessionToken for hub ${name}${serialNumber ? " with MFA" : ""}`,
      );
      return getSessionToken(sts, keys, {
        durationSeconds: keyParts.durationSeconds as number,
        ...(serialNumber === undefined ? {} : { serialNumber }),
        ...(tokenCode === undefined ? {} : { tokenCode }),
      });
    });
    deps.logger.debug(`hub ${name} MFA session: ${fromCache ? "cache hit" : "fetched"}`);
    return credentials;
  };
}
