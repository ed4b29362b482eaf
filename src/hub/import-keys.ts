import { join } from "node:path";
import { clearCache } from "../cache/clear-cache.js";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { ConfigError } from "../errors.js";
import type { FileReader } from "../io/file-system.js";
import { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import type { Properties } from "../profile-files/types.js";
import { updateProfileFile } from "../profile-files/update.js";
import type { ProfileFileLocations } from "../profile-files/types.js";
import type { Keyring } from "../vault/keyring.js";
import { recordHubKeyId } from "../vault/hub-key-ids-write.js";
import { getHubKeys, setHubKeys } from "../vault/hub-keys.js";
import { credoProcessCommand } from "./credo-command.js";
import { credoManagedKey } from "./managed-profile.js";
import { isHubSession } from "./hub-session.js";

export interface ImportedHub {
  hub: string;
  /** The credentials-file profile the keys came from. */
  from: string;
  /** Not secret; the CLI masks it for display. */
  accessKeyId: string;
  mfaSerial: string | undefined;
}

interface ImportPlan {
  from: string;
  accessKeyId: string;
  secretAccessKey: string;
  hubs: { name: string; mfaSerial: string | undefined }[];
}

/**
 * `credo import`: moves long-term keys out of ~/.aws/credentials into the
 * vault and makes hubs of them. The seed-002 layout keeps working: when
 * config profiles name the keys' profile as their source_profile without a
 * role_arn (`[profile foobar]` with `source_profile = FoobarAccount`), those
 * profiles become the hubs that the role profiles already name, with the MFA
 * device of the keys' section (which the seed keeps in an unprefixed
 * `[FoobarAccount]` config section, read here as its script reads it);
 * otherwise the keys' own profile becomes the hub. Order: vault, then config,
 * then credentials, so a failure (wrong passphrase) leaves the files as they were.
 */
export async function importKeys(
  only: readonly string[],
  vault: () => Promise<Keyring>,
  locations: ProfileFileLocations,
  files: FileReader,
  credoHome: string,
): Promise<ImportedHub[]> {
  const configText = (await files.readText(locations.configFile)) ?? "";
  const credentialsText = (await files.readText(locations.credentialsFile)) ?? "";
  const config = profileSetOf(
    ProfileDocument.parse(configText, "config", locations.configFile),
  ).configFileProfiles;
  // The seed's script reads `[FoobarAccount]` from the config with configparser; parsing the config text
  // as a credentials file (no `profile ` prefix) gives exactly those sections.
  const unprefixed = profileSetOf(
    undefined,
    ProfileDocument.parse(configText, "credentials", locations.configFile),
  ).credentialsFileProfiles;
  const credentials = profileSetOf(
    undefined,
    ProfileDocument.parse(credentialsText, "credentials", locations.credentialsFile),
  ).credentialsFileProfiles;

  const plans = Object.entries(credentials)
    .filter(([, props]) => isLongTermKeys(props))
    .map(([name, props]) => planFor(name, props, config, unprefixed))
    .filter(
      (plan) =>
        only.length === 0 ||
        only.includes(plan.from) ||
        plan.hubs.some((hub) => only.includes(hub.name)),
    );
  const unknown = only.filter(
    (name) =>
      !plans.some((plan) => plan.from === name || plan.hubs.some((hub) => hub.name === name)),
  );
  if (unknown.length > 0) {
    throw new ConfigError(
      `No long-term keys to import for ${unknown.map((name) => `"${name}"`).join(", ")} in ${locations.credentialsFile}.`,
      "`credo import` without --profile imports every profile with aws_access_key_id and aws_secret_access_key.",
    );
  }
  if (plans.length === 0) return [];

  const keyring = await vault();
  for (const plan of plans) {
    for (const hub of plan.hubs) {
      const previous = await getHubKeys(keyring, hub.name).catch(() => undefined);
      await setHubKeys(keyring, hub.name, {
        accessKeyId: plan.accessKeyId,
        secretAccessKey: plan.secretAccessKey,
      });
      // As `credo hub add`: the id keys the hub's MFA session; another key's sessions go.
      await recordHubKeyId(credoHome, hub.name, plan.accessKeyId, files);
      if (previous?.accessKeyId !== plan.accessKeyId)
        await clearCache(join(credoHome, "cache"), (key) => isHubSession(key, hub.name));
    }
  }
  await updateProfileFile(
    locations.configFile,
    "config",
    (document) => {
      for (const plan of plans) {
        for (const hub of plan.hubs) {
          const ref = { kind: "profile" as const, name: hub.name };
          if (hub.name !== plan.from) document.removeProperty(ref, "source_profile");
          if (hub.mfaSerial !== undefined) document.setProperty(ref, "mfa_serial", hub.mfaSerial);
          document.setProperty(ref, "credential_process", credoProcessCommand(hub.name));
          document.setProperty(ref, credoManagedKey, "hub");
        }
      }
    },
    { files },
  );
  await updateProfileFile(
    locations.credentialsFile,
    "credentials",
    (document) => {
      for (const plan of plans) {
        const ref = { kind: "profile" as const, name: plan.from };
        document.removeProperty(ref, "aws_access_key_id");
        document.removeProperty(ref, "aws_secret_access_key");
        const rest = profileSetOf(undefined, document).credentialsFileProfiles[plan.from] ?? {};
        if (Object.keys(rest).length === 0) document.removeSection(ref);
      }
    },
    { files },
  );
  return plans.flatMap((plan) =>
    plan.hubs.map((hub) => ({
      hub: hub.name,
      from: plan.from,
      accessKeyId: plan.accessKeyId,
      mfaSerial: hub.mfaSerial,
    })),
  );
}

function isLongTermKeys(props: Properties): boolean {
  return (
    nonEmptyProperty(props, "aws_access_key_id") !== undefined &&
    nonEmptyProperty(props, "aws_secret_access_key") !== undefined &&
    nonEmptyProperty(props, "aws_session_token") === undefined
  );
}

function planFor(
  from: string,
  props: Properties,
  config: Readonly<Record<string, Properties>>,
  unprefixed: Readonly<Record<string, Properties>>,
): ImportPlan {
  const keysSerial =
    nonEmptyProperty(props, "mfa_serial") ??
    nonEmptyProperty(config[from], "mfa_serial") ??
    nonEmptyProperty(unprefixed[from], "mfa_serial");
  const identities = Object.entries(config).filter(
    ([name, profile]) =>
      name !== from &&
      nonEmptyProperty(profile, "source_profile") === from &&
      nonEmptyProperty(profile, "role_arn") === undefined,
  );
  const hubs =
    identities.length === 0
      ? [{ name: from, mfaSerial: keysSerial }]
      : identities.map(([name, profile]) => ({
          name,
          mfaSerial: nonEmptyProperty(profile, "mfa_serial") ?? keysSerial,
        }));
  return {
    from,
    accessKeyId: nonEmptyProperty(props, "aws_access_key_id") as string,
    secretAccessKey: nonEmptyProperty(props, "aws_secret_access_key") as string,
    hubs,
  };
}
