import { join } from "node:path";
import { readCachedCredentials } from "../cache/cache-file.js";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { hubSessionKeyParts } from "../providers/session-key-parts.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import { readHubKeyIds } from "../vault/hub-key-ids.js";
import { isManaged } from "./managed-profile.js";

export interface HubSummary {
  name: string;
  mfaSerial: string | null;
  region: string | null;
  /** When the cached MFA session ends; null when there is none. Read from the cache, never from the vault. */
  sessionExpiration: Date | null;
}

/** The hubs credo wrote into ~/.aws/config, with their MFA session state from the cache (no passphrase needed). */
export async function listHubProfiles(runtime: CredentialRuntime): Promise<HubSummary[]> {
  const profiles = runtime.files.profileSet.configFileProfiles;
  const names = Object.keys(profiles)
    .filter((name) => isManaged(profiles[name], "hub"))
    .sort();
  const hubKeyIds = await readHubKeyIds(runtime.credoHome, runtime.ctx.files);
  return Promise.all(
    names.map(async (name) => {
      const profile = profiles[name];
      const sts = runtime.chain(name).sts;
      const cached = await readCachedCredentials(
        join(runtime.credoHome, "cache"),
        hubSessionKeyParts(
          name,
          runtime.files.profileSet.profiles[name],
          sts,
          hubKeyIds[name]?.accessKeyId,
        ),
      );
      return {
        name,
        mfaSerial: nonEmptyProperty(profile, "mfa_serial") ?? null,
        region: nonEmptyProperty(profile, "region") ?? null,
        sessionExpiration: cached?.credentials.expiration ?? null,
      };
    }),
  );
}
