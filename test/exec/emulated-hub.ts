import { join } from "node:path";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import type { Clock } from "../../src/io/clock.js";
import { credoOnPath } from "../support/credo-on-path.js";
import type { CredoRun } from "../support/run-credo.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import { plantSecret } from "../support/secret-registry.js";
import { demoHubAddArgs, demoHubSecretInput } from "../support/demo-hub-add.js";

/**
 * How far the emulator's clock may lag credo's: AWS (and the emulator) accept
 * a signature up to 15 minutes off, so 14 minutes behind still authenticates.
 * A role session the lagging emulator issues for 900 seconds (the minimum)
 * then has only about one minute left by credo's clock: inside every refresh
 * window (the disk cache's 5 minutes, long-running holders' 4), which lets a
 * real `credo` process refresh within a test instead of after 11 minutes.
 */
export const emulatorLagMs = 14 * 60_000;

export interface EmulatedHub {
  emu: Emulator;
  demo: DemoIdentities;
  home: string;
  /** PATH with a `credo` symlink first, for credential_process. */
  path: string;
  env(extra?: Record<string, string>): Record<string, string | undefined>;
  credo(args: readonly string[], extra?: Record<string, string>): Promise<CredoRun>;
  /** A TOTP code the emulator accepts now (by its own clock). */
  mfaCode(): string;
  close(): Promise<void>;
}

export interface EmulatedHubOptions {
  /** The emulator's clock runs emulatorLagMs behind. */
  lagging?: boolean;
  /** Extra options for `credo role add dev` (e.g. --duration 900). */
  roleArgs?: readonly string[];
}

/**
 * A temporary home with hub `acme` (the demo's IAM user, its key in an
 * encrypted vault) and role `dev` (the demo's Developer role, region
 * eu-central-1) from it, against a fresh emulator.
 */
export async function emulatedHub(options: EmulatedHubOptions = {}): Promise<EmulatedHub> {
  const clock: Clock = options.lagging
    ? { now: () => Date.now() - emulatorLagMs }
    : { now: () => Date.now() };
  const emu = await startEmulator({ clock });
  const demo = seedDemoIdentities(emu);
  const { home, cleanup } = await makeTempHome();
  const { path } = await credoOnPath(home);
  const passphrase = plantSecret("passphrase", "emulated-hub passphrase", `pass-${home}`);
  plantSecret("long-term-secret", "emulated-hub secret key", demo.hub.secretAccessKey);
  const env = (extra: Record<string, string> = {}) =>
    homeEnv(home, {
      PATH: path,
      AWS_ENDPOINT_URL: emu.url,
      CREDO_PASSPHRASE: passphrase,
      ...extra,
    });
  const credo = (args: readonly string[], extra: Record<string, string> = {}, input?: string) =>
    runCredo(args, { env: env(extra), ...(input === undefined ? {} : { input }) });
  const setUp = [
    await credo(demoHubAddArgs(demo), {}, demoHubSecretInput(demo)),
    await credo([
      "role",
      "add",
      "dev",
      "--hub",
      "acme",
      "--role-arn",
      demo.roles.dev,
      "--region",
      "eu-central-1",
      ...(options.roleArgs ?? []),
    ]),
  ];
  for (const run of setUp)
    if (run.code !== 0) throw new Error(`set-up failed (${run.code}): ${run.stderr}`);
  return {
    emu,
    demo,
    home,
    path,
    env,
    credo: (args, extra) => credo(args, extra),
    mfaCode: () => totp(demo.hub.mfaSecret ?? "", clock.now()),
    close: async () => {
      await emu.stop();
      await cleanup();
    },
  };
}

export const credentialsFileOf = (home: string) => join(home, ".aws/credentials");
