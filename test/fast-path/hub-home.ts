import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { credoOnPath } from "../support/credo-on-path.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";
import { storeHubKeys } from "../support/unlocked-vault.js";

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

const printTotp = fileURLToPath(new URL("./fixtures/print-totp.mjs", import.meta.url));

export interface HubHomeOptions {
  /** The hub's MFA code from credo_mfa_process (a script printing the current TOTP), as from a YubiKey. */
  mfaProcess?: boolean;
  /** Config text after the two profiles. */
  extra?: string;
}

/** `[profile acme]` (the hub) and `[profile dev]` (a role over it), plus any extra config text. */
export function hubConfig(demo: DemoIdentities, options: HubHomeOptions = {}): string {
  return [
    "[profile acme]",
    "credential_process = credo process acme",
    `mfa_serial = ${demo.hub.mfaSerial ?? ""}`,
    "region = eu-west-1",
    ...(options.mfaProcess === true
      ? [`credo_mfa_process = node ${printTotp} ${demo.hub.mfaSecret ?? ""}`]
      : []),
    "",
    "[profile dev]",
    `role_arn = ${demo.roles.dev}`,
    "source_profile = acme",
    "region = eu-central-1",
    "",
    options.extra ?? "",
  ].join("\n");
}

export async function makeHubHome(options: HubHomeOptions = {}): Promise<HubHome> {
  const emu = await startEmulator();
  const demo = seedDemoIdentities(emu);
  const { home, cleanup } = await makeTempHome();
  const configFile = join(home, ".aws/config");
  await mkdir(join(home, ".aws"));
  await writeFile(configFile, hubConfig(demo, options));
  await storeHubKeys(join(home, ".credo"), passphrase, "acme", {
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
