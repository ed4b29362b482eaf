import { join } from "node:path";
import { clearCache } from "../cache/clear-cache.js";
import { ConfigError } from "../errors.js";
import type { FileReader } from "../io/file-system.js";
import { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import { updateProfileFile } from "../profile-files/update.js";
import type { Keyring } from "../vault/keyring.js";
import { recordHubKeyId } from "../vault/hub-key-ids-write.js";
import { getHubKeys, setHubKeys } from "../vault/hub-keys.js";
import { credoProcessCommand } from "./credo-command.js";
import { credoManagedKey, isManaged } from "./managed-profile.js";
import { isHubSession } from "./hub-session.js";

export interface AddHubInput {
  name: string;
  accessKeyId: string;
  mfaSerial: string;
  region?: string;
  /** Overwrite a profile of that name that credo did not write. */
  force: boolean;
}

export interface HubFileDeps {
  configFile: string;
  files: FileReader;
}

/**
 * `credo hub add`: the key goes into the vault first (a wrong passphrase
 * stops here with ~/.aws/config untouched), then `[profile NAME]` is written
 * losslessly: mfa_serial, region, credential_process and the credo marker.
 * Keys the user added to a hub profile credo wrote earlier are kept. The
 * key's id is recorded outside the vault (it keys the hub's MFA session), and
 * a new key drops the hub's cached sessions: they belong to the old key.
 */
export async function addHub(
  input: AddHubInput,
  secretAccessKey: () => Promise<string>,
  vault: () => Promise<Keyring>,
  deps: HubFileDeps & { credoHome: string },
): Promise<{ replaced: boolean }> {
  const before = ProfileDocument.parse(
    (await deps.files.readText(deps.configFile)) ?? "",
    "config",
    deps.configFile,
  );
  assertMayWrite(before, input);
  const secret = await secretAccessKey();
  const keyring = await vault();
  // A damaged entry is being replaced: it counts as another key.
  const previous = await getHubKeys(keyring, input.name).catch(() => undefined);
  await setHubKeys(keyring, input.name, {
    accessKeyId: input.accessKeyId,
    secretAccessKey: secret,
  });
  await recordHubKeyId(deps.credoHome, input.name, input.accessKeyId, deps.files);
  if (previous?.accessKeyId !== input.accessKeyId) {
    await clearCache(join(deps.credoHome, "cache"), (key) => isHubSession(key, input.name));
  }
  let replaced = false;
  await updateProfileFile(
    deps.configFile,
    "config",
    (document) => {
      assertMayWrite(document, input);
      const ref = { kind: "profile" as const, name: input.name };
      replaced = document.hasSection(ref);
      if (replaced && !isManaged(profileSetOf(document).configFileProfiles[input.name], "hub")) {
        // --force over a profile credo did not write: it becomes exactly a hub.
        document.removeSection(ref);
      }
      for (const [key, value] of hubProperties(input)) document.setProperty(ref, key, value);
    },
    { files: deps.files },
  );
  return { replaced };
}

function hubProperties(input: AddHubInput): [string, string][] {
  return [
    ["mfa_serial", input.mfaSerial],
    ...(input.region === undefined ? [] : ([["region", input.region]] as [string, string][])),
    ["credential_process", credoProcessCommand(input.name)],
    [credoManagedKey, "hub"],
  ];
}

function assertMayWrite(document: ProfileDocument, input: AddHubInput): void {
  const existing = profileSetOf(document).configFileProfiles[input.name];
  if (existing === undefined || input.force || isManaged(existing, "hub")) return;
  throw new ConfigError(
    `The profile "${input.name}" already exists in ~/.aws/config and credo did not write it.`,
    `Choose another name, run \`credo import --profile ${input.name}\` to turn it into a hub, or add --force to replace it.`,
  );
}
