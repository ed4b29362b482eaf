import { rm } from "node:fs/promises";
import { join } from "node:path";
import { CredoError } from "../errors.js";
import type { FileReader } from "../io/file-system.js";
import type { OpenedVault } from "./open-vault.js";
import { normalisePassPrefix } from "./pass-keyring.js";
import type { VaultBackendName } from "./vault-settings.js";
import { saveVaultBackendSetting } from "./vault-settings.js";

export interface SwitchBackendRequest {
  backend: VaultBackendName;
  /** For pass: the folder of the store (normalised to end in "/"). */
  passPrefix?: string;
}

export interface SwitchBackendDeps {
  /** CREDO_HOME. */
  home: string;
  files: FileReader;
  /** The vault as configured now (its entries are moved out of it). */
  current: OpenedVault;
  /** The destination backend, opened whatever the settings say. */
  openTarget(request: SwitchBackendRequest): Promise<OpenedVault>;
}

export interface SwitchBackendResult {
  from: VaultBackendName;
  to: VaultBackendName;
  /** How many entries moved; 0 with `unchanged` when the vault already was there. */
  moved: number;
  unchanged: boolean;
}

/**
 * `credo crypto backend`: moves every vault entry to another backend (the
 * encrypted file, the OS keychain, pass), then records the choice in
 * settings.json and empties the old backend (the vault file is deleted, as a
 * file beside another backend is refused at every open). The destination
 * must be empty, so nothing there is overwritten, and every entry is read
 * back from it before anything is removed from the source: an interruption
 * before the switch leaves the old vault as it was and in use.
 */
export async function switchVaultBackend(
  request: SwitchBackendRequest,
  deps: SwitchBackendDeps,
): Promise<SwitchBackendResult> {
  const { current } = deps;
  const wanted: SwitchBackendRequest =
    request.backend === "pass"
      ? { backend: "pass", passPrefix: normalisePassPrefix(request.passPrefix ?? "credo/") }
      : { backend: request.backend };
  if (
    current.backend === wanted.backend &&
    (wanted.backend !== "pass" || current.passPrefix === wanted.passPrefix)
  ) {
    return { from: current.backend, to: wanted.backend, moved: 0, unchanged: true };
  }
  const target = await deps.openTarget(wanted);
  const occupied = await target.keys();
  if (occupied.length > 0) {
    throw new CredoError(
      `The ${describe(wanted)} already holds ${occupied.length} credo ${occupied.length === 1 ? "entry" : "entries"}; credo will not overwrite ${occupied.length === 1 ? "it" : "them"}.`,
      {
        exitCode: "vault",
        hint:
          wanted.backend === "pass"
            ? "Choose another folder with --prefix, or remove those entries with `pass rm`."
            : "Remove those entries first, or keep the vault where it is.",
      },
    );
  }
  const entries: [string, string][] = [];
  for (const key of await current.keys()) {
    const value = await current.get(key);
    if (value !== undefined) entries.push([key, value]);
  }
  for (const [key, value] of entries) await target.set(key, value);
  for (const [key, value] of entries) {
    if ((await target.get(key)) !== value) {
      throw new CredoError(
        `The ${describe(wanted)} did not give back the entry "${key}" as stored.`,
        {
          exitCode: "vault",
          hint: "The vault stays where it was; check the destination and try again.",
        },
      );
    }
  }
  await saveVaultBackendSetting(deps.home, deps.files, wanted.backend, wanted.passPrefix);
  if (current.backend === "file") {
    await rm(join(deps.home, "vault.json"), { force: true });
  } else {
    for (const [key] of entries) await current.remove(key);
  }
  return { from: current.backend, to: wanted.backend, moved: entries.length, unchanged: false };
}

function describe(request: SwitchBackendRequest): string {
  if (request.backend === "pass") return `password store folder ${request.passPrefix ?? ""}`;
  return request.backend === "keychain" ? "OS keychain" : "vault file";
}
