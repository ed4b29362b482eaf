import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import { plantSecret } from "../support/secret-registry.js";
import { demoHubAddArgs, demoHubSecretInput } from "../support/demo-hub-add.js";

/** What the pseudo-terminal tests share: the built CLI, the emulator and a home with a hub and a role. */
export interface HubHome {
  emu: Emulator;
  demo: DemoIdentities;
  home: string;
  passphrase: string;
  /** The user's environment: HOME, CREDO_HOME, the emulator's endpoint, plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  code(): string;
  cleanup(): Promise<void>;
}

export const userConfig = "# my settings\n[profile keep]\nregion = us-west-2 ; mine\n";

/** A home whose config holds the user's own profile, and (unless `empty`) hub acme with role dev. */
export async function hubHome(options: { empty?: boolean } = {}): Promise<HubHome> {
  const emu = await startEmulator();
  const demo = seedDemoIdentities(emu);
  plantSecret("long-term-secret", "terminal hub secret", demo.hub.secretAccessKey);
  const passphrase = plantSecret("passphrase", "terminal passphrase", "terminal-passphrase-1");
  const { home, cleanup } = await makeTempHome();
  await mkdir(join(home, ".aws"));
  await writeFile(join(home, ".aws/config"), userConfig);
  const env = (extra: Record<string, string> = {}) =>
    homeEnv(home, { AWS_ENDPOINT_URL: emu.url, ...extra }) as Record<string, string>;
  if (!options.empty) {
    const withPassphrase = env({ CREDO_PASSPHRASE: passphrase });
    const runs = [
      await runCredo(demoHubAddArgs(demo), {
        env: withPassphrase,
        input: demoHubSecretInput(demo),
      }),
      await runCredo(["role", "add", "dev", "--hub", "acme", "--role-arn", demo.roles.dev], {
        env: withPassphrase,
      }),
    ];
    if (runs.some((run) => run.code !== 0))
      throw new Error(`setup failed: ${runs.map((run) => run.stderr).join("\n")}`);
  }
  return {
    emu,
    demo,
    home,
    passphrase,
    env,
    code: () => totp(demo.hub.mfaSecret ?? "", Date.now()),
    async cleanup() {
      await emu.stop();
      await cleanup();
    },
  };
}

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
