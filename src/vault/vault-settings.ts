import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../errors.js";
import type { FileReader } from "../io/file-system.js";
import { writeFileAtomic } from "../io/atomic-write.js";

export type VaultBackendName = "file" | "keychain" | "pass";

/**
 * CREDO_HOME/settings.json holds credo's non-secret choices; the vault owns
 * its "vaultBackend" field and keeps every other field as it finds it.
 */
export function settingsPath(home: string): string {
  return join(home, "settings.json");
}

export async function readVaultBackendSetting(
  home: string,
  files: FileReader,
): Promise<VaultBackendName | undefined> {
  const backend = (await readSettings(home, files))["vaultBackend"];
  if (backend === undefined) return undefined;
  if (backend === "file" || backend === "keychain" || backend === "pass") return backend;
  throw new ConfigError(
    `${settingsPath(home)}: vaultBackend is ${JSON.stringify(backend)}, expected "file", "keychain" or "pass".`,
    "Correct or remove the vaultBackend field.",
  );
}

/** The folder of the password store the pass backend keeps its entries in (settings.json "passPrefix"). */
export async function readPassPrefixSetting(
  home: string,
  files: FileReader,
): Promise<string | undefined> {
  const prefix = (await readSettings(home, files))["passPrefix"];
  if (prefix === undefined) return undefined;
  if (typeof prefix === "string") return prefix;
  throw new ConfigError(
    `${settingsPath(home)}: passPrefix is ${JSON.stringify(prefix)}, expected a folder name such as "credo/".`,
    "Correct or remove the passPrefix field.",
  );
}

export async function saveVaultBackendSetting(
  home: string,
  files: FileReader,
  backend: VaultBackendName,
  passPrefix?: string,
): Promise<void> {
  // A prefix belongs to the pass backend only: switching away forgets it.
  const others = await readSettings(home, files);
  delete others["passPrefix"];
  const settings = {
    ...others,
    vaultBackend: backend,
    ...(passPrefix === undefined ? {} : { passPrefix }),
  };
  await mkdir(home, { recursive: true, mode: 0o700 });
  await writeFileAtomic(settingsPath(home), `${JSON.stringify(settings, null, 2)}\n`);
}

async function readSettings(home: string, files: FileReader): Promise<Record<string, unknown>> {
  const text = await files.readText(settingsPath(home));
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(
      `${settingsPath(home)} is not a JSON object.`,
      "Correct the file, or remove it to use the defaults.",
    );
  }
  return value as Record<string, unknown>;
}
