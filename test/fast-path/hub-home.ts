import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { silentLogger } from "../../src/io/logger.js";
import { setHubKeys } from "../../src/vault/hub-keys.js";
import { openVault } from "../../src/vault/open-vault.js";
import { credoOnPath } from "../support/credo-on-path.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";

export const passphrase = "fast-path-test-passphrase";

/** A user's home with hub "acme" in the vault and role "dev" over it, against a fresh emulator. */
export interface HubHome {
  emu: Emulator;
  demo: DemoIdentities;
  home: string;
  /** PATH with a `credo` symlink first. */
  path: string;
  configFile: string;
  env(extra?: Record<string, string>): Record<string, string>;
  mfaCode(): string;
  cleanup(): Promise<void>;
}

/** `[profile acme]` (the hub) and `[profile dev]` (a role over it), plus any extra config text. */
export function hubConfig(demo: DemoIdentities, extra = ""): string {
  return [
    "[profile acme]",
    "credential_process = credo process acme",
    `mfa_serial = ${demo.hub.mfaSerial ?? ""}`,
    "region = eu-west-1",
    "",
    "[profile dev]",
    `role_arn = ${demo.roles.dev}`,
    "source_profile = acme",
    "region = eu-central-1",
    "",
    extra,
  ].join("\n");
}

export async function makeHubHome(configExtra = ""): Promise<HubHome> {
  const emu = await startEmulator();
  const demo = seedDemoIdentities(emu);
  const { home, cleanup } = await makeTempHome();
  const configFile = join(home, ".aws/config");
  await mkdir(join(home, ".aws"));
  await writeFile(configFile, hubConfig(demo, configExtra));
  const vault = await openVault({
    home: join(home, ".credo"),
    env: { CREDO_PASSPHRASE: passphrase },
    logger: silentLogger,
    askPassphrase: () => Promise.reject(new Error("no prompt in tests")),
    warn: () => undefined,
  });
  await setHubKeys(vault, "acme", {
    accessKeyId: demo.hub.accessKeyId,
    secretAccessKey: demo.hub.secretAccessKey,
  });
  const { path } = await credoOnPath(home);
  return {
    emu,
    demo,
    home,
    path,
    configFile,
    env: (extra = {}) =>
      homeEnv(home, {
        PATH: path,
        AWS_ENDPOINT_URL: emu.url,
        CREDO_PASSPHRASE: passphrase,
        ...extra,
      }),
    mfaCode: () => totp(demo.hub.mfaSecret ?? "", Date.now()),
    cleanup: async () => {
      await emu.stop();
      await cleanup();
    },
  };
}
