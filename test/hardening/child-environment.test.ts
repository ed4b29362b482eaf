import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubConfig, hubHome, passphrase } from "../support/hub-home.js";
import { runCredo } from "../support/run-credo.js";
import { plantSecret } from "../support/secret-registry.js";

/**
 * Children credo starts (a credential_process helper, a credo_mfa_process
 * command, the program under `credo exec`) get the user's environment minus
 * credo's own secrets: CREDO_PASSPHRASE and CREDO_NEW_PASSPHRASE never reach them.
 */
const dumpEnv = fileURLToPath(new URL("./fixtures/dump-env.mjs", import.meta.url));
const newPassphrase = plantSecret(
  "passphrase",
  "new passphrase in the environment",
  "child-env-new-passphrase",
);

let h: HubHome;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written" });
});
afterAll(async () => {
  await h.cleanup();
});

/** The environment of a credo run: the vault's passphrase, a new one, and a marker that must get through. */
const env = () => h.env({ CREDO_NEW_PASSPHRASE: newPassphrase, CHILD_ENV_MARKER: "inherited" });

async function dumped(file: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
}

function expectNoCredoSecrets(child: Record<string, string>): void {
  expect(child.CHILD_ENV_MARKER).toBe("inherited");
  expect(Object.keys(child).filter((name) => name.includes("PASSPHRASE"))).toEqual([]);
  const text = JSON.stringify(child);
  expect(text).not.toContain(passphrase);
  expect(text).not.toContain(newPassphrase);
}

describe("the environment of children credo starts", () => {
  it("a credential_process helper gets neither CREDO_PASSPHRASE nor CREDO_NEW_PASSPHRASE", async () => {
    const out = join(h.home, "helper-env.json");
    await writeFile(
      h.configFile,
      `${hubConfig(h.demo)}\n[profile helper]\ncredential_process = node ${dumpEnv} ${out} credentials\n`,
    );
    const run = await runCredo(["export", "helper", "--format", "json"], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("AKIAHELPEREXAMPLE111");
    expectNoCredoSecrets(await dumped(out));
  });

  it("a credo_mfa_process command gets neither", async () => {
    const out = join(h.home, "mfa-env.json");
    await writeFile(
      h.configFile,
      hubConfig(h.demo).replace(
        "region = eu-west-1",
        `region = eu-west-1\ncredo_mfa_process = node ${dumpEnv} ${out} totp ${h.demo.hub.mfaSecret ?? ""}`,
      ),
    );
    await rm(join(h.home, ".credo/cache"), { recursive: true, force: true });
    const run = await runCredo(["export", "acme", "--format", "json"], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expectNoCredoSecrets(await dumped(out));
  });

  it("the program under `credo exec` gets neither, with static variables or the endpoint", async () => {
    await writeFile(h.configFile, hubConfig(h.demo));
    for (const server of [[], ["--server"]]) {
      const out = join(h.home, `exec-env${server.join("")}.json`);
      const run = await runCredo(
        [
          "exec",
          "acme",
          ...server,
          "--mfa-code",
          h.mfaCode(),
          "--",
          "node",
          dumpEnv,
          out,
          "credentials",
        ],
        { env: env() },
      );
      expect(run.code, run.stderr).toBe(0);
      expectNoCredoSecrets(await dumped(out));
    }
  });
});
