import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { addHub } from "../../src/hub/add-hub.js";
import { addRole } from "../../src/hub/role-profiles.js";
import type { Clock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import type { HubKeys } from "../../src/vault/hub-keys.js";
import { setHubKeys } from "../../src/vault/hub-keys.js";
import type { Keyring } from "../../src/vault/keyring.js";
import { memoryKeyring } from "../../src/vault/keyring.js";
import { credoOnPath } from "./credo-on-path.js";
import type { CredoRun } from "./run-credo.js";
import { homeEnv, makeTempHome, runCredo } from "./run-credo.js";
import { plantSecret } from "./secret-registry.js";
import { hubHomeScryptCost, writeEncryptedVault } from "./vault-file.js";
import { credoInProcess } from "./credo-in-process.js";

/** The vault passphrase of every hub home (in CREDO_PASSPHRASE unless a test types it). */
export const passphrase = "hub-home-test-passphrase";

/** The user's own settings, there before credo: what a hub home's config starts with when asked. */
export const userConfig = "# my settings\n[profile keep]\nregion = us-west-2 ; mine\n";

/**
 * How far a lagging emulator's clock runs behind credo's: AWS (and the
 * emulator) accept a signature up to 15 minutes off, so 14 minutes behind
 * still authenticates. A role session the lagging emulator issues for 900
 * seconds (the minimum) then has only about one minute left by credo's
 * clock: inside every refresh window (the disk cache's 5 minutes,
 * long-running holders' 4), which lets a real `credo` process refresh within
 * a test instead of after 11 minutes.
 */
export const emulatorLagMs = 14 * 60_000;

/** A user's home with hub "acme" (the demo's IAM user, its key in the encrypted vault) and role "dev" over it, against a fresh emulator. */
export interface HubHome {
  emu: Emulator;
  demo: DemoIdentities;
  home: string;
  /** PATH with a `credo` symlink first, for credential_process. */
  path: string;
  configFile: string;
  passphrase: string;
  /** The user's environment: HOME, CREDO_HOME, PATH, the emulator's endpoint, CREDO_PASSPHRASE (unless typed), plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Runs the built CLI in this home, in a process of its own. */
  credo(args: readonly string[], extra?: Record<string, string>): Promise<CredoRun>;
  /**
   * Runs credo's main() in this home, in the test's process (credoInProcess), with the
   * vault's key cost of the hub home: for tests of what a command does rather than of
   * the process (start-up, the fast path, signals, processes racing).
   */
  main(args: readonly string[], extra?: Record<string, string>): Promise<CredoRun>;
  /** A TOTP code the emulator accepts now (by its own clock). */
  mfaCode(): string;
  cleanup(): Promise<void>;
}

export interface HubHomeOptions {
  /**
   * How the profiles get into ~/.aws/config: "credo" (the default) writes
   * them as `credo hub add acme --region eu-west-1` and `credo role add dev`
   * do, by the same functions; "hand-written" writes hubConfig(); "none"
   * adds no hub (and creates no vault).
   */
  profiles?: "credo" | "hand-written" | "none";
  /** Config text already there, before credo's profiles ("credo" and "none"). */
  before?: string;
  /** Role dev's region ("credo"; hand-written dev has eu-central-1). */
  roleRegion?: string;
  /** Role dev's duration_seconds ("credo"). */
  roleDurationSeconds?: number;
  /** The hub's MFA code from credo_mfa_process ("hand-written"). */
  mfaProcess?: boolean;
  /** Config text after the two profiles ("hand-written"). */
  extra?: string;
  /** The emulator's clock runs emulatorLagMs behind. */
  lagging?: boolean;
  /** Leave CREDO_PASSPHRASE out of env(), for tests that type the passphrase. */
  typedPassphrase?: boolean;
  /**
   * A passphrase of this home alone, for tests that look for it across the
   * machine (in every process's command line) while other test files run
   * homes with the shared one (and type it into a terminal).
   */
  passphrase?: string;
}

const printTotp = fileURLToPath(new URL("./fixtures/print-totp.mjs", import.meta.url));

/** `[profile acme]` (the hub) and `[profile dev]` (a role over it) written by hand, plus any extra config text. */
export function hubConfig(
  demo: DemoIdentities,
  options: Pick<HubHomeOptions, "mfaProcess" | "extra"> = {},
): string {
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

/**
 * The one "home with a hub" of the suite. Made without starting credo: the
 * profiles are written by the functions `credo hub add` and `credo role add`
 * call, and the vault file is encrypted as credo encrypts it, at a key cost
 * of N=2^12 that credo opens as it is, with a key derived once per test file
 * (see vault-file.ts).
 */
export async function hubHome(options: HubHomeOptions = {}): Promise<HubHome> {
  const clock: Clock = options.lagging
    ? { now: () => Date.now() - emulatorLagMs }
    : { now: () => Date.now() };
  const emu = await startEmulator({ clock });
  const demo = seedDemoIdentities(emu);
  plantSecret("long-term-secret", "hub-home secret key", demo.hub.secretAccessKey);
  const homePassphrase = options.passphrase ?? passphrase;
  plantSecret("passphrase", "hub-home passphrase", homePassphrase);
  const { home, cleanup } = await makeTempHome();
  const { path } = await credoOnPath(home);
  const credoHome = join(home, ".credo");
  const configFile = join(home, ".aws/config");
  await mkdir(join(home, ".aws"));
  const profiles = options.profiles ?? "credo";
  if (profiles === "hand-written") {
    await writeFile(configFile, hubConfig(demo, options));
  } else if (options.before !== undefined) {
    await writeFile(configFile, options.before);
  }
  const keys = { accessKeyId: demo.hub.accessKeyId, secretAccessKey: demo.hub.secretAccessKey };
  if (profiles === "credo") {
    const vault = memoryKeyring();
    const deps = { configFile, files: nodeFileReader, credoHome };
    await addHub(
      {
        name: "acme",
        accessKeyId: keys.accessKeyId,
        mfaSerial: demo.hub.mfaSerial ?? "",
        region: "eu-west-1",
        force: false,
      },
      async () => keys.secretAccessKey,
      async () => vault,
      deps,
    );
    await addRole(
      {
        name: "dev",
        hub: "acme",
        roleArn: demo.roles.dev,
        mfa: false,
        force: false,
        ...(options.roleRegion === undefined ? {} : { region: options.roleRegion }),
        ...(options.roleDurationSeconds === undefined
          ? {}
          : { durationSeconds: options.roleDurationSeconds }),
      },
      deps,
    );
    await writeEncryptedVault(credoHome, homePassphrase, await entriesOf(vault));
  } else if (profiles === "hand-written") {
    await writeHubVault(credoHome, homePassphrase, keys);
  }
  const env = (extra: Record<string, string> = {}) =>
    homeEnv(home, {
      PATH: path,
      AWS_ENDPOINT_URL: emu.url,
      ...(options.typedPassphrase ? {} : { CREDO_PASSPHRASE: homePassphrase }),
      ...extra,
    }) as Record<string, string>;
  return {
    emu,
    demo,
    home,
    path,
    configFile,
    passphrase: homePassphrase,
    env,
    credo: (args, extra) => runCredo(args, { env: env(extra) }),
    main: (args, extra) =>
      credoInProcess(args, { env: env(extra), vaultScryptCost: hubHomeScryptCost }),
    mfaCode: () => totp(demo.hub.mfaSecret ?? "", clock.now()),
    cleanup: async () => {
      await emu.stop();
      await cleanup();
    },
  };
}

/**
 * A hub home with hand-written profiles (the hub's MFA code from credo_mfa_process)
 * whose sessions for role dev the built CLI has already cached (`credo export dev`):
 * every later run on dev is a cache hit, as the fast-path and start-up tests need.
 */
export async function hubHomeWithDevCached(): Promise<HubHome> {
  const h = await hubHome({ profiles: "hand-written", mfaProcess: true });
  const primed = await h.credo(["export", "dev"]);
  expect(primed.stderr).toBe("");
  expect(primed.code).toBe(0);
  return h;
}

/**
 * The encrypted vault `credo hub add acme` leaves for these keys in a new CREDO_HOME,
 * written at the hub homes' key cost (vault-file.ts), so a run given
 * `vaultScryptCost: hubHomeScryptCost` (or any credo process) unlocks it cheaply.
 */
export async function writeHubVault(
  credoHome: string,
  passphrase: string,
  keys: HubKeys,
): Promise<void> {
  const vault = memoryKeyring();
  await setHubKeys(vault, "acme", keys);
  await writeEncryptedVault(credoHome, passphrase, await entriesOf(vault));
}

async function entriesOf(vault: Keyring): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const key of await vault.keys()) entries[key] = (await vault.get(key)) ?? "";
  return entries;
}

export const credentialsFileOf = (home: string) => join(home, ".aws/credentials");

/** Every file under `dir` with its bytes, to prove a cancelled command changed nothing. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = (await readFile(path)).toString("base64");
  }
  return files;
}
